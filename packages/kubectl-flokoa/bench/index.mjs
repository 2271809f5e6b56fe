// kubectl-flokoa benchmark (run by scripts/bench.mjs after `pnpm build`; prints figures, asserts nothing):
//  1. `kubectl flokoa refs -A -o json` vs `kubectl get agents,models,modelproviders,agenttools,secrets -A -o json`
//     on cluster-sim with 1,000 Agents and their Models, ModelProviders, AgentTools and Secrets in 50
//     namespaces (target: ≤ 1.5× kubectl's wall time);
//  2. API requests of `refs -A` on that cluster and on one ten times smaller (target: the same count);
//  3. `kubectl flokoa --help` start-up, median (target: ≤ 150 ms);
//  4. from the last status change of a rollout to `rollout status` exiting, ours vs `kubectl rollout
//     status deployment/…` on the same Deployment (target: ≤ 100 ms).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClusterSim } from '@flokoa/cluster-sim';

const pkgDir = new URL('..', import.meta.url).pathname;
const dist = join(pkgDir, 'dist');
const env = { ...process.env, PATH: `${dist}:${process.env.PATH}` };
delete env.NO_COLOR;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// Asynchronous on purpose: the simulated cluster runs in this process and must keep serving.
function timed(cmd, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: { ...env, ...extraEnv } });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
      if (status !== 0 && status !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${status}: ${stderr}`));
      else resolve({ elapsed, stdout: Buffer.concat(out).toString('utf8'), stderr, status });
    });
  });
}

/** A cluster of `agents` Agents over `namespaces` namespaces, each Agent with its own Model, AgentTool and Secret. */
function writeFixtures(dir, agents, namespaces) {
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${String(n).padStart(2, '0')}`;
    const docs = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'provider-key', namespace: ns },
        stringData: { 'api-key': 'bench-not-a-secret' },
      },
      {
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'ModelProvider',
        metadata: { name: 'openai', namespace: ns },
        spec: { apiKeySecretRef: { name: 'provider-key', key: 'api-key' }, openai: {} },
      },
    ];
    for (let i = n; i < agents; i += namespaces) {
      const name = `agent-${String(i).padStart(4, '0')}`;
      docs.push(
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: `${name}-env`, namespace: ns }, stringData: { token: 'bench-not-a-secret' } },
        {
          apiVersion: 'agent.flokoa.ai/v1alpha1',
          kind: 'Model',
          metadata: { name: `${name}-model`, namespace: ns },
          spec: { model: 'gpt-4o', providerRef: { name: 'openai' } },
        },
        {
          apiVersion: 'agent.flokoa.ai/v1alpha1',
          kind: 'AgentTool',
          metadata: { name: `${name}-tool`, namespace: ns },
          spec: { type: 'openapi', description: 'bench tool', openApi: { url: 'https://api.example.com' } },
        },
        {
          apiVersion: 'agent.flokoa.ai/v1alpha1',
          kind: 'Agent',
          metadata: { name, namespace: ns },
          spec: {
            model: { name: `${name}-model` },
            tools: [{ toolRef: { name: `${name}-tool` } }],
            runtime: {
              type: 'standard',
              spec: {
                replicas: 1,
                container: {
                  name: 'agent',
                  image: 'ghcr.io/example/agent:v1.0.0',
                  env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: `${name}-env`, key: 'token' } } }],
                },
              },
            },
          },
        },
      );
    }
    writeFileSync(join(dir, `${ns}.yaml`), docs.map((d) => JSON.stringify(d)).join('\n---\n'));
  }
}

async function cluster(agents, namespaces, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kf-bench-'));
  writeFixtures(join(dir, 'fixtures'), agents, namespaces);
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await startClusterSim({ port: 0, kubeconfigPath: kubeconfig, fixtures: [join(dir, 'fixtures')], ...extra });
  return { sim, kubeconfig };
}

async function requestsOf(sim, fn) {
  const before = sim.requests.count;
  await fn();
  return sim.requests.count - before;
}

console.log(`kubectl-flokoa benchmark (node ${process.version}, ${RUNS} runs per figure, medians)`);

// 3. Start-up first: nothing else running.
{
  const direct = [];
  const viaKubectl = [];
  for (let i = 0; i < Math.max(RUNS, 15); i++) {
    direct.push((await timed(join(dist, 'kubectl-flokoa'), ['--help'])).elapsed);
    viaKubectl.push((await timed('kubectl', ['flokoa', '--help'])).elapsed);
  }
  const node = [];
  for (let i = 0; i < 10; i++) node.push((await timed(process.execPath, ['-e', '0'])).elapsed);
  console.log(
    `\n--help start-up: kubectl-flokoa ${ms(median(direct))}, through kubectl ${ms(median(viaKubectl))} (bare node -e 0: ${ms(median(node))}); target ≤ 150 ms`,
  );
}

// 1 + 2. refs -A on 1,000 agents.
{
  const { sim, kubeconfig } = await cluster(1000, 50);
  const kenv = { KUBECONFIG: kubeconfig };
  // Warm both paths once (the sim's first lists build its caches).
  await timed('kubectl', ['flokoa', 'refs', '-A', '-o', 'json'], kenv);
  await timed('kubectl', ['get', 'agents,models,modelproviders,agenttools,secrets', '-A', '-o', 'json'], kenv);
  const ours = [];
  const theirs = [];
  let refsRequests = 0;
  let getRequests = 0;
  let report;
  for (let i = 0; i < RUNS; i++) {
    refsRequests = await requestsOf(sim, async () => {
      const r = await timed('kubectl', ['flokoa', 'refs', '-A', '-o', 'json'], kenv);
      ours.push(r.elapsed);
      report = JSON.parse(r.stdout);
    });
    getRequests = await requestsOf(sim, async () =>
      theirs.push((await timed('kubectl', ['get', 'agents,models,modelproviders,agenttools,secrets', '-A', '-o', 'json'], kenv)).elapsed),
    );
  }
  const o = median(ours);
  const t = median(theirs);
  console.log(
    `\nrefs -A -o json on ${report.roots.length} agents (${report.summary.references} references, ${report.summary.broken} broken):`,
  );
  console.log(`  kubectl flokoa refs -A -o json                                       ${ms(o)}  (${refsRequests} API requests)`);
  console.log(`  kubectl get agents,models,modelproviders,agenttools,secrets -A -o json ${ms(t)}  (${getRequests} API requests)`);
  console.log(`  ratio ${(o / t).toFixed(2)}× (target ≤ 1.5×)`);
  await sim.stop();

  const small = await cluster(100, 5);
  let smallReport;
  const smallRequests = await requestsOf(small.sim, async () => {
    smallReport = JSON.parse((await timed('kubectl', ['flokoa', 'refs', '-A', '-o', 'json'], { KUBECONFIG: small.kubeconfig })).stdout);
  });
  console.log(
    `\nAPI requests of refs -A: ${smallRequests} for ${smallReport.roots.length} agents (${smallReport.summary.references} references), ${refsRequests} for ${report.roots.length} agents (${report.summary.references} references); target: the same`,
  );
  await small.sim.stop();
}

// 4. Rollout: last status change → exit, ours vs kubectl's, on the same Deployment at the same time.
{
  const { sim, kubeconfig } = await cluster(1, 1, { readyDelayMs: 300 });
  const kenv = { ...env, KUBECONFIG: kubeconfig };
  const ns = ['-n', 'team-00'];
  const waitExit = (child) => new Promise((resolve) => child.on('close', (code) => resolve({ code, at: performance.now() })));
  await timed('kubectl', ['flokoa', 'rollout', 'status', 'agent-0000', ...ns, '--timeout', '60s'], kenv);
  const oursLag = [];
  const kubectlLag = [];
  for (let i = 0; i < RUNS; i++) {
    // Our own watch on the Deployment timestamps the status update that completes the rollout.
    const watcher = spawn(
      'kubectl',
      [
        'get',
        'deployment',
        'agent-0000',
        ...ns,
        '-w',
        '--output-watch-events',
        '-o',
        'jsonpath={.object.status.updatedReplicas}/{.object.status.availableReplicas}/{.object.status.replicas}/{.object.metadata.generation}/{.object.status.observedGeneration}{"\\n"}',
      ],
      { env: kenv },
    );
    // The completing status change is the last transition from "rolling" to "complete".
    let lastChange = 0;
    let wasComplete = true;
    watcher.stdout.on('data', (d) => {
      for (const line of String(d).split('\n').filter(Boolean)) {
        const [u, a, r, g, og] = line.split('/');
        const complete = u === '1' && a === '1' && r === '1' && g === og;
        if (complete && !wasComplete) lastChange = performance.now();
        wasComplete = complete;
      }
    });
    const image = `ghcr.io/example/agent:v1.0.${i + 1}`;
    await timed('kubectl', ['flokoa', 'patch-image', 'agent-0000', image, ...ns], kenv);
    const ours = spawn('kubectl', ['flokoa', 'rollout', 'status', 'agent-0000', ...ns, '--timeout', '60s'], { env: kenv, stdio: 'ignore' });
    // kubectl's rollout status passes on the old template; start it once the operator wrote the new one.
    await timed(
      'kubectl',
      ['wait', `--for=jsonpath={.spec.template.spec.containers[0].image}=${image}`, 'deployment/agent-0000', ...ns, '--timeout=60s'],
      kenv,
    );
    const theirs = spawn('kubectl', ['rollout', 'status', 'deployment/agent-0000', ...ns, '--timeout=60s'], { env: kenv, stdio: 'ignore' });
    const [a, b] = await Promise.all([waitExit(ours), waitExit(theirs)]);
    watcher.kill();
    if (a.code !== 0 || b.code !== 0 || !lastChange) {
      console.log(`  run ${i}: ours exit ${a.code}, kubectl exit ${b.code}; skipped`);
      continue;
    }
    oursLag.push(a.at - lastChange);
    kubectlLag.push(b.at - lastChange);
  }
  if (oursLag.length) {
    console.log(
      `\nlast status change → exit: kubectl flokoa rollout status ${ms(median(oursLag))}, kubectl rollout status ${ms(median(kubectlLag))} (${oursLag.length} rollouts; target ≤ 100 ms)`,
    );
  }
  await sim.stop();
}
