// cluster-sim at the plugin benchmark's scale: 1,000 Agents with their Models, ModelProviders,
// AgentTools and Secrets in 50 namespaces. Prints figures: start-up, time until every Agent is
// Running (operator + Deployment controller + kubelet), the store's size, and the wall time of
// `kubectl get agents,models,modelproviders,agenttools,secrets -A -o json` with the requests
// it made. Run after `pnpm build`: node packages/cluster-sim/bench/sim.bench.mjs
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClusterSim } from '../out/src/index.js';

const NAMESPACES = 50;
const AGENTS_PER_NAMESPACE = 20;

function manifests() {
  const docs = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    docs.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'llm-key', namespace: ns },
      stringData: { 'api-key': 'not-a-real-key' },
    });
    docs.push({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'ModelProvider',
      metadata: { name: 'openai', namespace: ns },
      spec: { apiKeySecretRef: { name: 'llm-key', key: 'api-key' }, openai: {} },
    });
    docs.push({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Model',
      metadata: { name: 'gpt', namespace: ns },
      spec: { model: 'gpt-4o', providerRef: { name: 'openai' } },
    });
    docs.push({
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'AgentTool',
      metadata: { name: 'search', namespace: ns },
      spec: { type: 'openapi', description: 'search', openApi: { url: 'http://search.example/openapi.json' } },
    });
    for (let a = 0; a < AGENTS_PER_NAMESPACE; a++) {
      docs.push({
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'Agent',
        metadata: { name: `agent-${a}`, namespace: ns },
        spec: {
          model: { name: 'gpt' },
          tools: [{ toolRef: { name: 'search' } }],
          runtime: { type: 'standard', spec: { replicas: 1, container: { name: 'agent', image: 'ghcr.io/example/agent:v1.0.0' } } },
        },
      });
    }
  }
  return docs;
}

function kubectl(args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    execFile('kubectl', args, { maxBuffer: 1 << 30 }, (err, stdout) =>
      err ? reject(err) : resolve({ ms: performance.now() - t, bytes: stdout.length }),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cluster-sim-bench-'));
try {
  const fixture = join(dir, 'fleet.yaml');
  writeFileSync(
    fixture,
    manifests()
      .map((d) => JSON.stringify(d))
      .join('\n---\n'),
  );
  const kubeconfig = join(dir, 'kubeconfig');
  let t = performance.now();
  const sim = await startClusterSim({ fixtures: [fixture], kubeconfigPath: kubeconfig, readyDelayMs: 100, timeScale: 10 });
  console.log(`start-up with ${NAMESPACES * (AGENTS_PER_NAMESPACE + 4)} fixture objects: ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const running = new Set(
    sim
      .list('agents')
      .filter((a) => a.status?.phase === 'Running')
      .map((a) => `${a.metadata.namespace}/${a.metadata.name}`),
  );
  await new Promise((resolve) => {
    if (running.size === NAMESPACES * AGENTS_PER_NAMESPACE) return resolve();
    const off = sim.store.subscribe((e) => {
      if (e.key !== 'agent.flokoa.ai/agents' || e.object.status?.phase !== 'Running') return;
      running.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      if (running.size === NAMESPACES * AGENTS_PER_NAMESPACE) {
        off();
        resolve();
      }
    });
  });
  console.log(
    `every Agent Running (Deployment, ReplicaSet, Pod, Service, events each): ${(performance.now() - t).toFixed(0)} ms; ${[...sim.store.entries()].length} objects, resourceVersion ${sim.store.currentRv()}`,
  );
  const args = ['--kubeconfig', kubeconfig, 'get', 'agents,models,modelproviders,agenttools,secrets', '-A', '-o', 'json'];
  const times = [];
  for (let i = 0; i < 5; i++) {
    sim.requests.reset();
    const r = await kubectl(args);
    times.push(r.ms);
    if (i === 4)
      console.log(
        `kubectl get ... -A -o json: ${(r.bytes / 1e6).toFixed(1)} MB, ${sim.requests.count} requests (${Object.entries(sim.requests.byVerb)
          .map(([v, n]) => `${v} ${n}`)
          .join(', ')})`,
      );
  }
  times.sort((a, b) => a - b);
  console.log(`kubectl get ... -A -o json wall time: median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)} ms (5 runs)`);
  await sim.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
