#!/usr/bin/env node
// Demo step: start cluster-sim with the examples, run `kubectl flokoa refs -A` against it through the
// real kubectl (the plugin's dist/ first on PATH), stop the sim. Exits with the plugin's exit code.
//   node packages/kubectl-flokoa/scripts/demo-refs.mjs [--api-generation ID] [--patch NS/AGENT=IMAGE] [FIXTURE...]
// (default: the valid examples/ sets of the January 2026 API); --patch ships an image with
// `patch-image --watch` before the refs.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAllDocuments } from 'yaml';

const root = new URL('../../..', import.meta.url).pathname;
// examples/broken/ holds objects the API server rejects (that is its point), so it is not applied.
const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const generation = option('--api-generation');
const patch = option('--patch');
const fixtures = args.length
  ? args.map((a) => join(root, a))
  : ['single-namespace', 'shared-resources', 'environments'].map((d) => join(root, 'examples', d));
const dir = mkdtempSync(join(tmpdir(), 'flokoa-demo-'));
const kubeconfig = join(dir, 'kubeconfig');

// What `kubectl apply` would send for each example: folders with a kustomization.yaml are built with
// `kubectl kustomize` (it sets their namespace). The sim serves External Secrets and Sealed Secrets
// and produces their Secrets (with placeholder values), as the real controllers would.
const UNSERVED = /^kustomize\.config\.k8s\.io\//;
function manifests(path) {
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'kustomization.yaml'))) return execFileSync('kubectl', ['kustomize', path], { encoding: 'utf8' });
    return readdirSync(path)
      .sort()
      .map((n) => join(path, n))
      .filter((p) => statSync(p).isDirectory() || /\.ya?ml$/.test(p))
      .map(manifests)
      .join('\n---\n');
  }
  return readFileSync(path, 'utf8');
}
const applied = join(dir, 'applied.yaml');
const docs = parseAllDocuments(fixtures.map(manifests).join('\n---\n'))
  .map((d) => d.toJS())
  .filter((o) => o && typeof o === 'object' && typeof o.apiVersion === 'string' && !UNSERVED.test(o.apiVersion));
writeFileSync(applied, docs.map((o) => JSON.stringify(o)).join('\n---\n'));

const sim = spawn(
  process.execPath,
  [
    join(root, 'packages/cluster-sim/dist/cli.js'),
    '--port',
    '0',
    '--kubeconfig',
    kubeconfig,
    '--fixture',
    applied,
    ...(generation ? ['--api-generation', generation] : []),
  ],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
// The sim's controller chatter is not the demo; it is shown only if the sim fails to start.
let simLog = '';
sim.stderr.on('data', (d) => (simLog += d));
const stopSim = () => {
  if (sim.exitCode === null) sim.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stopSim);

// The sim prints its URL once it serves: that line is the signal to go on.
const url = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: sim.stdout });
  lines.on('line', (line) => {
    const m = line.match(/https?:\/\/\S+/);
    if (m) resolve(m[0]);
  });
  sim.on('exit', (code) => reject(new Error(`cluster-sim exited with ${code} before serving: ${simLog.trim().split('\n').pop()}`)));
}).catch((e) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
});
process.stdout.write(
  `cluster-sim serving at ${url}${generation ? ` (operator of the ${generation} API)` : ''} with ${fixtures.map((f) => f.replace(root, '')).join(', ')}\n`,
);

const env = { ...process.env, KUBECONFIG: kubeconfig, PATH: `${join(root, 'packages/kubectl-flokoa/dist')}:${process.env.PATH}` };
// Let the simulated operator roll the Agents out first, as one would after `kubectl apply`.
const waitArgs = ['wait', '--for=jsonpath={.status.phase}=Running', 'agents', '--all', '-A', '--timeout=60s'];
process.stdout.write(`$ kubectl ${waitArgs.join(' ')}\n`);
const waited = await new Promise((resolve) => spawn('kubectl', waitArgs, { stdio: 'inherit', env }).on('close', (c) => resolve(c ?? 1)));
if (waited !== 0) process.stderr.write('demo: not every Agent reached Running; showing refs anyway\n');
if (patch) {
  const m = /^([^/]+)\/([^=]+)=(.+)$/.exec(patch);
  if (!m) throw new Error(`--patch wants NS/AGENT=IMAGE, got ${patch}`);
  const patchArgs = ['flokoa', 'patch-image', m[2], m[3], '-n', m[1], '--watch', '--timeout', '60s'];
  process.stdout.write(`$ kubectl ${patchArgs.join(' ')}\n`);
  const patched = await new Promise((resolve) =>
    spawn('kubectl', patchArgs, { stdio: 'inherit', env }).on('close', (c) => resolve(c ?? 1)),
  );
  if (patched !== 0) process.exit(patched);
}
process.stdout.write('$ kubectl flokoa refs -A\n');
const refs = spawn('kubectl', ['flokoa', 'refs', '-A'], { stdio: 'inherit', env });
const code = await new Promise((resolve) => refs.on('close', (c) => resolve(c ?? 1)));
process.exit(code);
