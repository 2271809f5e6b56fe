// Core-only figures (no LSP): index build of a generated workspace, first analysis of a
// 1,000-document file, and re-analysis after one-character edits. Run after `pnpm build`:
//   node packages/core/bench/core.bench.mjs
import { Workspace } from '../out/src/index.js';

const H = 'apiVersion: agent.flokoa.ai/v1alpha1\n';
const agent = (i, ns) => `${H}kind: Agent
metadata:
  name: agent-${i}
  namespace: ${ns}
spec:
  framework: pydantic-ai
  model:
    name: model-${i % 50}
    namespace: shared-models
  tools:
    - toolRef:
        name: tool-${i % 20}
        namespace: shared-tools
  runtime:
    type: standard
    spec:
      replicas: 3
      container:
        name: agent
        image: ghcr.io/example/agent-${i}:v1.${i}.0
        ports:
          - containerPort: 8080
            name: http
        env:
          - name: API_KEY
            valueFrom:
              secretKeyRef:
                name: agent-secrets
                key: api-key
        resources:
          requests: {cpu: 500m, memory: 512Mi}
          limits: {cpu: 2000m, memory: 2Gi}
        livenessProbe:
          httpGet: {path: /health, port: 8080}
        readinessProbe:
          httpGet: {path: /ready, port: http}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels:
                    flokoa.ai/agent: agent-${i}
                topologyKey: kubernetes.io/hostname
`;
const model = (i) => `${H}kind: Model
metadata:
  name: model-${i}
  namespace: shared-models
spec:
  model: gpt-4o
  providerRef:
    name: openai
    namespace: shared-resources
  parameters:
    temperature: "0.7"
    maxTokens: 8192
`;

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x) => `${x.toFixed(1)} ms`;

// 1. Index: 2,000 files, 10,000 resources, 100 namespaces.
{
  const files = [];
  for (let f = 0; f < 2000; f++) {
    const ns = `app-${f % 100}`;
    files.push([`file:///ws/${ns}/file-${f}.yaml`, Array.from({ length: 5 }, (_, d) => (d === 0 && f < 50 ? model(f) : agent(f * 5 + d, ns))).join('---\n')]);
  }
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const ws = new Workspace();
  ws.setFiles(files.map(([uri, text]) => ({ uri, text })));
  const tIndex = performance.now() - t0;
  const t1 = performance.now();
  let findings = 0;
  for (const [uri] of files) findings += ws.analyze(uri).length;
  const tAll = performance.now() - t1;
  console.log(`index 2,000 files / ${ws.resources().length} resources: ${ms(tIndex)} (target ≤ 3000 ms); analyze all: ${ms(tAll)}, ${findings} findings; rss +${((process.memoryUsage().rss - rss0) / 1048576).toFixed(0)} MB`);
}

// 2. One file of 1,000 documents: first analysis, then one-character edits.
{
  const docs = Array.from({ length: 1000 }, (_, i) => (i < 50 ? model(i) : agent(i, 'my-app')));
  let text = docs.join('---\n');
  const ws = new Workspace();
  const t0 = performance.now();
  ws.setFile('file:///big.yaml', text);
  ws.analyze('file:///big.yaml');
  const first = performance.now() - t0;
  const times = [];
  for (let k = 0; k < 100; k++) {
    const at = text.indexOf(`image: ghcr.io/example/agent-${100 + k * 9}:`);
    text = text.slice(0, at + 7) + 'x' + text.slice(at + 7);
    const t = performance.now();
    ws.setFile('file:///big.yaml', text);
    ws.analyze('file:///big.yaml');
    times.push(performance.now() - t);
  }
  console.log(`1,000-document file: first diagnostics ${ms(first)} (target ≤ 400 ms); one-character edit p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (target ≤ 30 ms)`);
}
