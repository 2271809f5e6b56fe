// The benchmarks' workloads, one home for the core and the language server benchmarks: realistic
// Flokoa manifests (the shapes of the seeds' HA guide), with a few deliberate mistakes so that
// diagnostics are really produced. Texts in memory; the write* helpers put them on disk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function provider(name, ns) {
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: ModelProvider
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  apiKeySecretRef:
    name: provider-credentials
    key: api-key
  openai: {}
`;
}

function secret(ns) {
  return `apiVersion: v1
kind: Secret
metadata:
  name: provider-credentials
  namespace: ${ns}
type: Opaque
stringData:
  api-key: "<placeholder>"
`;
}

function model(name, ns, providerName, maxTokens = 4096) {
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: Model
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  model: "gpt-4o"
  providerRef:
    name: ${providerName}
  parameters:
    temperature: "0.7"
    maxTokens: ${maxTokens}
`;
}

function tool(name, ns) {
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: AgentTool
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: openapi
  description: "Tool ${name}"
  openApi:
    url: "https://${name}.example.com"
    openApiSchema:
      endpointPath: /openapi.json
    timeoutSeconds: 30
`;
}

/** `typo` writes `replica:` instead of `replicas:`: an unknown field both servers must flag. */
function agent(name, ns, modelRef, toolRefs, { typo = false } = {}) {
  const m = modelRef.namespace ? `    name: ${modelRef.name}\n    namespace: ${modelRef.namespace}\n` : `    name: ${modelRef.name}\n`;
  const tools = toolRefs
    .map((t) => `    - toolRef:\n        name: ${t.name}\n` + (t.namespace ? `        namespace: ${t.namespace}\n` : ''))
    .join('');
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  framework: pydantic-ai
  model:
${m}  tools:
${tools}  runtime:
    type: standard
    spec:
      ${typo ? 'replica' : 'replicas'}: 3
      container:
        name: agent
        image: ghcr.io/example/${name}:v2.0.0
        ports:
          - containerPort: 8080
            name: http
        env:
          - name: API_KEY
            valueFrom:
              secretKeyRef:
                name: provider-credentials
                key: api-key
        resources:
          requests:
            cpu: "500m"
            memory: "512Mi"
          limits:
            cpu: "2000m"
            memory: "2Gi"
        livenessProbe:
          httpGet:
            path: /health
            port: 8080
          initialDelaySeconds: 30
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          initialDelaySeconds: 10
          periodSeconds: 5
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels:
                    flokoa.ai/agent: ${name}
                topologyKey: kubernetes.io/hostname
`;
}

/**
 * (a) One file of `count` Flokoa documents in one namespace: providers, models, tools and agents.
 * Returns its text and, for the edit loop, the position of each Model's `maxTokens` value.
 */
export function largeFile(count = 1000) {
  const ns = 'bench';
  const docs = [];
  const editLines = [];
  let line = 0;
  const push = (text, maxTokensLine) => {
    if (maxTokensLine !== undefined) editLines.push({ line: line + maxTokensLine, character: 'maxTokens: '.length + 4 + 3 });
    docs.push(text);
    line += text.split('\n').length - 1 + 1; // +1 for the '---' separator line
  };
  let typos = 0;
  push(secret(ns));
  // Blocks of 10: a provider, 3 models using it, 2 tools, 4 agents using those models and tools.
  for (let i = 0; docs.length < count; i++) {
    const slot = i % 10;
    const base = i - slot;
    if (slot === 0) push(provider(`provider-${base}`, ns));
    // `maxTokens: 4096` is line 11 of a Model document (0-based from its first line).
    else if (slot <= 3) push(model(`model-${i}`, ns, `provider-${base}`), 11);
    else if (slot <= 5) push(tool(`tool-${i}`, ns));
    else {
      const typo = i % 100 === 9;
      if (typo) typos++;
      const toolRefs = [{ name: `tool-${base + 4}` }, { name: `tool-${base + 5}` }];
      push(agent(`agent-${i}`, ns, { name: `model-${base + 1 + ((slot - 6) % 3)}` }, toolRefs, { typo }));
    }
  }
  return { text: docs.join('---\n'), docs: docs.length, editLines, typos };
}

/** (a) on disk: `dir`/flokoa-1000.yaml. */
export function writeLargeFile(dir, count = 1000) {
  const { text, ...rest } = largeFile(count);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'flokoa-1000.yaml');
  writeFileSync(path, text);
  return { path, ...rest };
}

/** The one-character edit the benchmarks time: `maxTokens` of a Model flips between ...6 and ...7. */
export function editAt(lines, pos) {
  const line = lines[pos.line];
  const char = line[pos.character] === '6' ? '7' : '6';
  lines[pos.line] = line.slice(0, pos.character) + char + line.slice(pos.character + 1);
  return char;
}

/**
 * (b) `namespaces` × `filesPerNamespace` files of 5 resources (folders ns-000 ...), with
 * cross-namespace references: every 10th Agent uses a Model of the next namespace. Paths are
 * relative to the workspace folder.
 */
export function workspaceFiles({ namespaces = 100, filesPerNamespace = 20 } = {}) {
  const files = [];
  let resources = 0;
  const nsName = (i) => `ns-${String(i).padStart(3, '0')}`;
  for (let n = 0; n < namespaces; n++) {
    const ns = nsName(n);
    const add = (file, docs) => {
      files.push({ path: `${ns}/${file}`, text: docs.join('---\n') });
      resources += docs.length;
    };
    add('providers.yaml', [
      secret(ns),
      provider('openai', ns),
      provider('azure', ns),
      model('model-0', ns, 'openai'),
      model('model-1', ns, 'azure'),
    ]);
    let m = 2;
    for (let f = 1; f <= 3; f++) {
      const docs = [];
      for (let k = 0; k < 5; k++, m++) docs.push(model(`model-${m}`, ns, m % 2 ? 'openai' : 'azure'));
      add(`models-${f}.yaml`, docs);
    }
    let t = 0;
    for (let f = 1; f <= 4; f++) {
      const docs = [];
      for (let k = 0; k < 5; k++, t++) docs.push(tool(`tool-${t}`, ns));
      add(`tools-${f}.yaml`, docs);
    }
    let a = 0;
    for (let f = 1; f <= filesPerNamespace - 8; f++) {
      const docs = [];
      for (let k = 0; k < 5; k++, a++) {
        const crossNs = a % 10 === 0 ? nsName((n + 1) % namespaces) : undefined;
        docs.push(
          agent(`agent-${a}`, ns, { name: `model-${a % m}`, namespace: crossNs }, [
            { name: `tool-${a % t}` },
            { name: `tool-${(a + 7) % t}` },
          ]),
        );
      }
      add(`agents-${String(f).padStart(2, '0')}.yaml`, docs);
    }
  }
  return { files, resources, namespaces, sampleFile: `${nsName(Math.floor(namespaces / 2))}/agents-05.yaml` };
}

/** (b) on disk under `dir`. */
export function writeWorkspace(dir, options) {
  const { files, resources, namespaces, sampleFile } = workspaceFiles(options);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return { dir, files: files.length, resources, namespaces, sampleFile: join(dir, sampleFile) };
}

/**
 * (c) A kustomize tree: `bases` bases (an Agent, its Model and ModelProvider, a ServiceAccount)
 * and `overlays` overlays, each building one base (so each base is in overlays/bases of them)
 * into its own namespace, with a replica patch and its Secret. Paths are relative to the
 * workspace folder; `editFile` is a base's Agent and `editLines` its `replicas` value.
 */
export function overlayWorkspaceFiles({ bases = 10, overlays = 50 } = {}) {
  const files = [];
  const pad = (i) => String(i).padStart(2, '0');
  for (let b = 0; b < bases; b++) {
    const dir = `bases/base-${pad(b)}`;
    files.push({ path: `${dir}/kustomization.yaml`, text: 'resources:\n  - agent.yaml\n  - model.yaml\n' });
    // The base's objects carry no namespace: each overlay's namespace: puts them in its own.
    const strip = (text) => text.replace(/^ {2}namespace: .*\n/m, '');
    files.push({ path: `${dir}/agent.yaml`, text: strip(agent(`agent-${b}`, 'x', { name: `model-${b}` }, [])) });
    files.push({
      path: `${dir}/model.yaml`,
      text: [strip(model(`model-${b}`, 'x', 'openai')), strip(provider('openai', 'x'))].join('---\n'),
    });
  }
  for (let o = 0; o < overlays; o++) {
    const dir = `overlays/ov-${pad(o)}`;
    files.push({
      path: `${dir}/kustomization.yaml`,
      text: `namespace: ov-${pad(o)}\nresources:\n  - ../../bases/base-${pad(o % bases)}\n  - secret.yaml\npatches:\n  - path: replicas.yaml\n`,
    });
    files.push({ path: `${dir}/secret.yaml`, text: secret('x').replace(/^ {2}namespace: .*\n/m, '') });
    files.push({
      path: `${dir}/replicas.yaml`,
      text: `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: agent-${o % bases}\nspec:\n  runtime:\n    spec:\n      replicas: ${2 + (o % 3)}\n`,
    });
  }
  const editFile = 'bases/base-00/agent.yaml';
  const text = files.find((f) => f.path === editFile).text;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('maxTokens') || l.includes('initialDelaySeconds: 30'));
  return { files, bases, overlays, editFile, editLines: [{ line, character: lines[line].length - 1 }] };
}

/** (c) on disk under `dir`. */
export function writeOverlayWorkspace(dir, options) {
  const gen = overlayWorkspaceFiles(options);
  for (const f of gen.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return { ...gen, dir, editPath: join(dir, gen.editFile) };
}

/** An Agent as issue 12 measured it: 3 replicas, no probes, resources or anti-affinity (three HA findings). */
function bareAgent(name, ns, modelName, toolName) {
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  framework: pydantic-ai
  model:
    name: ${modelName}
  tools:
    - toolRef:
        name: ${toolName}
  runtime:
    type: standard
    spec:
      replicas: 3
      container:
        name: agent
        image: ghcr.io/example/${name}:v2.0.0
        ports:
          - containerPort: 8080
            name: http
`;
}

/**
 * (d) The workload of issue 12: one file of `documents` Flokoa documents, a quarter each of
 * ModelProvider, Model, AgentTool and Agent, over 20 namespaces. Every Agent lacks probes,
 * resources and anti-affinity, every 7th Model has a numeric temperature, and the providers' Secret
 * is absent, so the file carries about as many findings as documents (1,036 for 1,000).
 * Returns the text and, per edit kind, the sites the edit loop toggles: an image value's last
 * character, the end of an Agent's `metadata.name`, the end of a Model's `metadata.name`.
 */
export function findingsFile(documents = 1000, namespaces = 20) {
  const docs = [];
  const sites = { image: [], agentName: [], modelName: [] };
  let line = 0;
  const push = (text) => {
    docs.push(text);
    line += text.split('\n').length; // its lines, plus the '---' separator
  };
  const at = (text, needle, from = 0) => {
    const lines = text.split('\n');
    const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
    return { line: line + i, character: lines[i].indexOf(needle) + needle.length };
  };
  const quarter = Math.floor(documents / 4);
  for (let i = 0; i < quarter; i++) {
    const ns = `team-${String(i % namespaces).padStart(2, '0')}`;
    push(provider(`provider-${i}`, ns));
    const m = model(`model-${i}`, ns, `provider-${i}`);
    sites.modelName.push(at(m, `name: model-${i}`));
    push(i % 7 === 3 ? m.replace('temperature: "0.7"', 'temperature: 0.7') : m);
    push(tool(`tool-${i}`, ns));
    const a = bareAgent(`agent-${i}`, ns, `model-${i}`, `tool-${i}`);
    sites.agentName.push(at(a, `name: agent-${i}`));
    sites.image.push(at(a, ':v2.0.0'));
    push(a);
  }
  return { text: docs.join('---\n'), docs: docs.length, sites };
}

/** (d) on disk: `dir`/findings-<documents>.yaml. */
export function writeFindingsFile(dir, documents = 1000, namespaces = 20) {
  const { text, ...rest } = findingsFile(documents, namespaces);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `findings-${documents}.yaml`);
  writeFileSync(path, text);
  return { path, bytes: Buffer.byteLength(text), namespaces, ...rest };
}

/**
 * One namespace of `agents` Agent files (2 replicas each, 100m CPU requests) and, with `quota`, a
 * ResourceQuota and LimitRange over it: every Agent's admission findings then read the whole
 * namespace's ledger. `replicasEdit(i, n)` is Agent i's file with n replicas.
 */
export function quotaNamespaceFiles({ agents = 1000, quota = true } = {}) {
  const agent = (i, replicas = 2) =>
    `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: agent-${i}\n  namespace: dev\nspec:\n  framework: pydantic-ai\n  model:\n    name: gpt-4o\n  runtime:\n    type: standard\n    spec:\n      replicas: ${replicas}\n      container:\n        name: agent\n        image: ghcr.io/example/agent-${i}:v1.0.0\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n          limits: {cpu: 200m, memory: 256Mi}\n`;
  const files = Array.from({ length: agents }, (_, i) => ({ path: `dev/agent-${String(i).padStart(4, '0')}.yaml`, text: agent(i) }));
  if (quota) {
    files.push({
      path: 'dev/policy.yaml',
      text: `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: dev-quota, namespace: dev}\nspec:\n  hard: {requests.cpu: "1000", requests.memory: 1000Gi, pods: "100000"}\n---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: dev-limits, namespace: dev}\nspec:\n  limits: [{type: Container, max: {cpu: "1", memory: 1Gi}}]\n`,
    });
  }
  return { files, replicasEdit: (i, n) => ({ path: files[i].path, text: agent(i, n) }) };
}
