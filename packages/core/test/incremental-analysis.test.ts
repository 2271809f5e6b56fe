// The cached analysis against a fresh one: random edit sequences over a small workspace (names that
// other files resolve, references, namespaces, labels, Secret keys, kustomizations, lines and
// documents inserted or removed, suppression comments, cluster objects, settings), and after
// every step each file's findings must equal those of a workspace built afresh from the same
// texts. The files whose findings changed must be among the dependents the change reported.
// FLOKOA_INCREMENTAL_SEED / FLOKOA_INCREMENTAL_STEPS widen the search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, normalizeSettings, resourcesFromObject, type Finding, type Resource } from '../src/index.js';
import { rng } from './rng.js';

const SEED = Number(process.env.FLOKOA_INCREMENTAL_SEED ?? 1207);
const STEPS = Number(process.env.FLOKOA_INCREMENTAL_STEPS ?? 600);

const model = (name: string, ns: string, provider = 'openai'): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  model: gpt-4o\n  providerRef:\n    name: ${provider}\n    namespace: shared\n`;
const agent = (name: string, model: string, modelNs: string, tool: string, ns?: string): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  framework: langchain\n  model:\n    name: ${model}\n    namespace: ${modelNs}\n  tools:\n    - toolRef:\n        name: ${tool}\n  runtime:\n    type: standard\n    spec:\n      replicas: 2\n      container:\n        name: agent\n        image: ghcr.io/example/${name}:latest\n        env:\n          - name: KEY\n            valueFrom:\n              secretKeyRef:\n                name: openai-key\n                key: api-key\n`;
const tool = (name: string, ns?: string): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: AgentTool\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  type: openapi\n  description: d\n  openApi:\n    url: https://x.example.com\n    openApiSchema:\n      endpointPath: /openapi.json\n`;
const namespace = (name: string, env: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    environment: ${env}\n`;
const secret = (ns: string, key: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai-key\n  namespace: ${ns}\nstringData:\n  ${key}: x\n`;
const provider = `apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: openai\n  namespace: shared\nspec:\n  apiKeySecretRef:\n    name: openai-key\n    key: api-key\n  openai: {}\n`;
const externalSecret = `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: openai-key\n  namespace: app\nspec:\n  data:\n    - secretKey: api-key\n      remoteRef: {key: k}\n`;

const FILES: Record<string, string> = {
  'file:///ws/shared/models.yaml': [
    namespace('shared', 'production'),
    provider,
    model('gpt-4o', 'shared'),
    model('gpt-4o-mini', 'shared'),
  ].join('---\n'),
  'file:///ws/shared/secrets.yaml': [secret('shared', 'api-key'), externalSecret].join('---\n'),
  'file:///ws/app/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: app\nresources:\n  - agents.yaml\n  - tools.yaml\n',
  'file:///ws/app/agents.yaml': [
    agent('planner', 'gpt-4o', 'shared', 'search'),
    agent('writer', 'gpt-4o-mini', 'shared', 'inventory'),
  ].join('---\n'),
  'file:///ws/app/tools.yaml': [tool('search'), tool('inventory')].join('---\n'),
  'file:///ws/staging/all.yaml': [
    namespace('staging', 'staging'),
    model('gpt-4o', 'staging'),
    agent('tester', 'gpt-4o', 'staging', 'search', 'staging'),
    tool('search', 'staging'),
  ].join('---\n'),
  // A Flux Kustomization renders prod/ into another namespace; its postBuild reads a ConfigMap.
  'file:///ws/flux.yaml':
    'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: prod\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./prod\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: fleet\n  targetNamespace: flux-prod\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: vars\n',
  // The ConfigMap it reads is defined elsewhere: a change of it alone renders prod/ again.
  'file:///ws/vars.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: flux-system\ndata:\n  environment: x\n',
  'file:///ws/prod/agents.yaml': [
    namespace('prod', 'production'),
    // The Flux rendering substitutes ${environment} from its ConfigMap.
    agent('live', 'gpt-${environment}', 'staging', 'search', 'prod'),
    tool('search', 'prod'),
  ].join('---\n'),
};

const NAMES = ['gpt-4o', 'gpt-4o-mini', 'gpt-4', 'openai', 'search', 'inventory', 'planner', 'writer', 'openai-key', 'staging', 'prod'];
const NAMESPACES = ['shared', 'app', 'staging', 'prod', 'other'];
const LINES = [
  '',
  '# a comment',
  '# flokoa-ignore',
  '# flokoa-ignore unresolved-reference, image-latest',
  '---',
  '  extra: 1',
  'x: [',
  'kind: Agent',
];

type Edit = (lines: string[], pick: <T>(xs: T[]) => T, at: number) => void;

/** Edits of one file's lines: each picks a line (`at`) and changes what analysis may depend on. */
const EDITS: Edit[] = [
  // A name, a reference's name, or a namespace: to another one in use, or one letter more or less.
  (lines, pick, at) => {
    const i = lines.findIndex((l, k) => k >= at && /^\s+(name|namespace): \S/.test(l));
    if (i < 0) return;
    const [, indent, field, value] = /^(\s+)(name|namespace): (\S+)/.exec(lines[i])!;
    const next = value.endsWith('x') ? value.slice(0, -1) : pick([value + 'x', pick(field === 'name' ? NAMES : NAMESPACES)]);
    lines[i] = `${indent}${field}: ${next}`;
  },
  (lines, pick, at) => void lines.splice(at, 0, pick(LINES)),
  (lines, _pick, at) => void lines.splice(at, 1),
  (lines, pick, at) => {
    const i = lines.findIndex((l, k) => k >= at && /(environment|api-key|token): /.test(l));
    if (i >= 0)
      lines[i] = lines[i].replace(
        /(environment|api-key|token): \S+/,
        pick(['environment: staging', 'environment: production', 'token: x', 'api-key: x']),
      );
  },
  // A document moved to the end.
  (lines, _pick, at) => {
    const start = lines.findIndex((l, k) => k >= at && l === '---');
    if (start < 0) return;
    const end = lines.findIndex((l, k) => k > start && l === '---');
    const doc = lines.splice(start, (end < 0 ? lines.length : end) - start);
    lines.push(...doc);
  },
  (lines, _pick, at) => {
    const l = lines[at] ?? '';
    lines[at] = l.slice(0, Math.floor(l.length / 2)) + ':' + l.slice(Math.floor(l.length / 2));
  },
];

/** The one replacement that turns `a` into `b`. */
function changeBetween(a: string, b: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let tail = 0;
  while (tail < a.length - start && tail < b.length - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { start, end: a.length - tail, text: b.slice(start, b.length - tail) };
}

function snapshot(ws: Workspace, uris: string[]): Map<string, Finding[]> {
  return new Map(uris.map((u) => [u, ws.analyze(u)]));
}

function fresh(texts: Map<string, string>, external: Resource[], settings: ReturnType<typeof normalizeSettings>): Workspace {
  const ws = new Workspace(settings);
  for (const [uri, text] of [...texts].sort(([a], [b]) => (a < b ? 1 : -1))) ws.setFile(uri, text);
  if (external.length) ws.setExternal('cluster', external);
  return ws;
}

function clusterModel(name: string, ns: string): Resource[] {
  const object = {
    apiVersion: 'agent.flokoa.ai/v1alpha1',
    kind: 'Model',
    metadata: { name, namespace: ns },
    spec: { model: 'm', providerRef: { name: 'openai' } },
  };
  return resourcesFromObject(object, {
    uri: `cluster://test/${ns}/${name}`,
    namespace: () => ({ namespace: ns, source: { kind: 'cluster' } }),
  });
}

test(`cached findings equal a fresh analysis after every edit, and changed files are dependents (seed ${SEED}, ${STEPS} steps)`, () => {
  const rnd = rng(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const texts = new Map(Object.entries(FILES));
  let settings = normalizeSettings({});
  let external: Resource[] = [];
  const ws = new Workspace(settings);
  for (const [uri, text] of texts) ws.setFile(uri, text);
  let before = snapshot(ws, [...texts.keys()]);
  // What each file's analysis handed out last: a following one that lists its changed documents
  // must hand out the very same findings objects for all the others (the language server relies on it).
  const handedOut = new Map([...texts.keys()].map((u) => [u, ws.analyzeDocuments(u)]));
  for (let step = 0; step < STEPS; step++) {
    const uri = pick([...Object.keys(FILES)]);
    const roll = rnd();
    let what: string;
    let dependents: string[] | undefined;
    if (roll < 0.03) {
      what = 'cluster objects';
      external = rnd() < 0.5 ? [] : [...clusterModel(pick(NAMES), pick(NAMESPACES)), ...clusterModel('gpt-4o', 'shared')];
      ws.setExternal('cluster', external);
    } else if (roll < 0.05) {
      what = 'settings';
      settings = normalizeSettings({ defaultNamespace: pick(NAMESPACES), rules: rnd() < 0.5 ? { 'image-latest': 'off' } : {} });
      ws.updateSettings(settings);
    } else if (roll < 0.09) {
      what = `${texts.has(uri) ? 'remove' : 'restore'} ${uri}`;
      if (texts.delete(uri)) ws.removeFile(uri);
      else ws.setFile(uri, texts.set(uri, FILES[uri]).get(uri)!);
      dependents = ws.dependentsOf(uri);
    } else {
      const lines = (texts.get(uri) ?? FILES[uri]).split('\n');
      const edit = Math.floor(rnd() * EDITS.length);
      EDITS[edit](lines, pick, Math.floor(rnd() * lines.length));
      what = `edit ${edit} of ${uri}`;
      const before = texts.get(uri);
      texts.set(uri, lines.join('\n'));
      // Half the edits come as an editor's change (offsets), the rest as a whole new text.
      if (before !== undefined && rnd() < 0.5) ws.editFile(uri, changeBetween(before, texts.get(uri)!));
      else ws.setFile(uri, texts.get(uri)!);
      dependents = ws.dependentsOf(uri);
    }
    const uris = [...texts.keys()];
    const after = snapshot(ws, uris);
    for (const u of uris) {
      const a = ws.analyzeDocuments(u);
      const prev = handedOut.get(u);
      handedOut.set(u, a);
      if (!a?.changed || !prev || a.after !== prev.seq) continue;
      assert.equal(a.docs.length, prev.docs.length, `step ${step} (${what}): ${u} lists changes but its documents moved`);
      a.docs.forEach((d, i) =>
        assert.ok(a.changed!.includes(i) || d === prev.docs[i], `step ${step} (${what}): ${u} document ${i} changed but is not listed`),
      );
    }
    const expected = snapshot(fresh(texts, external, settings), uris);
    for (const u of uris) {
      assert.deepEqual(after.get(u), expected.get(u), `step ${step} (${what}): ${u} differs from a fresh analysis\n${texts.get(u)}`);
      if (dependents && u !== uri && before.has(u)) {
        const changed = JSON.stringify(after.get(u)) !== JSON.stringify(before.get(u));
        assert.ok(!changed || dependents.includes(u), `step ${step} (${what}): ${u} changed but is not a dependent`);
      }
    }
    before = after;
  }
});

test('a name edit re-analyses only the documents that resolve that name, in any file', () => {
  const ws = new Workspace();
  const uris: string[] = [];
  for (let i = 0; i < 20; i++) {
    const uri = `file:///ws/team-${i}.yaml`;
    uris.push(uri);
    // Each file's Agent uses the next file's Model.
    ws.setFile(
      uri,
      [model(`model-${i}`, 'ns'), agent(`agent-${i}`, `model-${(i + 1) % 20}`, 'ns', `tool-${i}`, 'ns'), tool(`tool-${i}`, 'ns')].join(
        '---\n',
      ),
    );
  }
  const analyseAll = (): void => void uris.forEach((u) => ws.analyze(u));
  analyseAll();
  let runs = ws.analysed;
  // model-7 becomes model-7x: agent-6, in another file, no longer resolves; nothing else read that name.
  ws.setFile(uris[7], ws.file(uris[7])!.text.replace('name: model-7\n', 'name: model-7x\n'));
  assert.deepEqual(ws.dependentsOf(uris[7]), [uris[6]]);
  analyseAll();
  assert.equal(ws.analysed - runs, 2, 'the renamed Model and the Agent that used it');
  assert.ok(ws.analyze(uris[6]).some((f) => f.ruleId === 'unresolved-reference' && /Model 'model-7' not found/.test(f.message)));
  // model-9 becomes model-9x: agent-8 stops resolving, and agent-6's "did you mean" candidates changed.
  runs = ws.analysed;
  ws.setFile(uris[9], ws.file(uris[9])!.text.replace('name: model-9\n', 'name: model-9x\n'));
  assert.deepEqual(ws.dependentsOf(uris[9]).sort(), [uris[6], uris[8]]);
  analyseAll();
  assert.equal(ws.analysed - runs, 3);
});

test('a value edit, a comment and a line added above re-analyse only the edited document', () => {
  const ws = new Workspace();
  const uri = 'file:///ws/big.yaml';
  const docs: string[] = [];
  for (let i = 0; i < 50; i++)
    docs.push(model(`model-${i}`, 'ns'), agent(`agent-${i}`, `model-${i}`, 'ns', `tool-${i}`, 'ns'), tool(`tool-${i}`, 'ns'));
  let text = docs.join('---\n');
  ws.setFile(uri, text);
  const first = ws.analyze(uri);
  for (const change of [
    (t: string) => t.replace('example/agent-20:latest', 'example/agent-20b:latest'),
    (t: string) => t.replace('name: agent-21\n', 'name: agent-21 # renamed soon\n'),
    (t: string) => t.replace('kind: Agent\nmetadata:\n  name: agent-22\n', 'kind: Agent\n\nmetadata:\n  name: agent-22\n'),
  ]) {
    const runs = ws.analysed;
    text = change(text);
    ws.setFile(uri, text);
    const now = ws.analyze(uri);
    assert.equal(ws.analysed - runs, 1, change.toString());
    assert.equal(now.length, first.length);
  }
});

// Each fact a rule can read, changed on its own: the cached findings must follow, and the file
// holding them must be a dependent. (The random walk above rarely isolates one fact.)
const FACT_CASES: { fact: string; files: Record<string, string>; edit: [string, string, string]; shows: RegExp }[] = [
  {
    fact: 'named: the name appears in another namespace',
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), m: model('other', 'ns-b') },
    edit: ['m', 'name: other', 'name: m'],
    shows: /exists in namespace ns-b/,
  },
  {
    fact: 'members: a close name appears in the namespace',
    files: { a: agent('a', 'gpt-4o', 'ns-a', 't', 'ns-a'), m: model('llama', 'ns-a') },
    edit: ['m', 'name: llama', 'name: gpt-4'],
    shows: /did you mean 'gpt-4'/i,
  },
  {
    fact: "key: the referenced Secret's keys change",
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), s: secret('ns-a', 'api-key') },
    edit: ['s', 'api-key: x', 'token: x'],
    shows: /has no key 'api-key'/,
  },
  {
    fact: 'referrers: the only reference to a Model goes',
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), m: model('m', 'ns-a') },
    edit: ['a', 'name: m\n', 'name: n\n'],
    shows: /is not referenced/,
  },
  {
    fact: 'layout: a related location moves',
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), m: model('m', 'ns-b') },
    edit: ['m', 'kind: Model\n', 'kind: Model\n# moved down a line\n'],
    shows: /exists in namespace ns-b/,
  },
  {
    fact: 'layout: a related location moves with an edit of the document before it',
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), m: [tool('x', 'ns-b'), '# only a comment\n', model('m', 'ns-b')].join('---\n') },
    edit: ['m', 'type: openapi\n', 'type: openapi\n# one line more\n'],
    shows: /exists in namespace ns-b/,
  },
  {
    fact: 'layout: a duplicate becomes another document of the file',
    files: { a: [tool('t', 'ns-a'), tool('t', 'ns-a')].join('---\n') },
    edit: ['a', 'apiVersion', 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: c, namespace: ns-a}\n---\napiVersion'],
    shows: /document 3 of this file/,
  },
  {
    fact: 'key: which of two duplicates counts, after they swap places',
    files: { a: agent('a', 'm', 'ns-a', 't', 'ns-a'), s: `---\n${secret('ns-a', 'api-key')}---\n${secret('ns-a', 'token')}` },
    edit: [
      's',
      `---\n${secret('ns-a', 'api-key')}---\n${secret('ns-a', 'token')}`,
      `---\n${secret('ns-a', 'token')}---\n${secret('ns-a', 'api-key')}`,
    ],
    shows: /has no key 'api-key'/,
  },
  {
    fact: "key: a Namespace's labels",
    files: {
      a: agent('a', 'm', 'staging', 't', 'prod'),
      m: model('m', 'staging'),
      n: [namespace('prod', 'production'), namespace('staging', 'dev')].join('---\n'),
    },
    edit: ['n', 'environment: dev', 'environment: staging'],
    shows: /labelled environment: staging/,
  },
];

for (const c of FACT_CASES) {
  test(`fact ${c.fact}`, () => {
    const uri = (k: string): string => `file:///ws/${k}.yaml`;
    const ws = new Workspace();
    const texts = new Map(Object.entries(c.files).map(([k, t]) => [uri(k), t]));
    for (const [u, t] of texts) ws.setFile(u, t);
    const before = [...texts.keys()].map((u) => ws.analyze(u));
    const [file, from, to] = c.edit;
    assert.ok(texts.get(uri(file))!.includes(from), 'the edit applies');
    texts.set(uri(file), texts.get(uri(file))!.replace(from, to));
    ws.setFile(uri(file), texts.get(uri(file))!);
    const expected = fresh(texts, [], normalizeSettings({}));
    const changed = [...texts.keys()].filter((u, i) => JSON.stringify(expected.analyze(u)) !== JSON.stringify(before[i]));
    assert.ok(
      changed.some((u) => expected.analyze(u).some((f) => c.shows.test(f.message))),
      'the case shows what it means to',
    );
    for (const u of texts.keys()) assert.deepEqual(ws.analyze(u), expected.analyze(u), u);
    for (const u of changed) if (u !== uri(file)) assert.ok(ws.dependentsOf(uri(file)).includes(u), `${u} is a dependent`);
  });
}

test('a ConfigMap a Flux rendering substitutes from is renamed away and back: the rendering follows', () => {
  const ws = new Workspace();
  const texts = new Map(['file:///ws/flux.yaml', 'file:///ws/vars.yaml', 'file:///ws/prod/agents.yaml'].map((u) => [u, FILES[u]]));
  for (const [u, t] of texts) ws.setFile(u, t);
  const vars = 'file:///ws/vars.yaml';
  const model = (): string[] =>
    ws
      .analyze('file:///ws/prod/agents.yaml')
      .filter((f) => f.ruleId === 'unresolved-reference')
      .map((f) => f.message.split(' not found')[0]);
  assert.ok(model().includes("Model 'gpt-x'"));
  for (const [from, to] of [
    ['name: vars\n', 'name: varsx\n'],
    ['name: varsx\n', 'name: vars\n'],
    ['environment: x', 'environment: z'],
  ]) {
    texts.set(vars, texts.get(vars)!.replace(from, to));
    ws.setFile(vars, texts.get(vars)!);
    const expected = fresh(texts, [], normalizeSettings({}));
    for (const u of texts.keys()) assert.deepEqual(ws.analyze(u), expected.analyze(u), `${from} → ${to}: ${u}`);
  }
  assert.ok(model().includes("Model 'gpt-z'"), JSON.stringify(model()));
});
