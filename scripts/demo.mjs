// `npm run demo` (after setup and build): shows the product working, one step after another.
// Each step is a command, what it shows, and the exit code that means "working as intended";
// later steps (cluster-sim + `kubectl flokoa refs -A`) are appended to STEPS.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const flokoaLsp = join(root, 'packages', 'lsp', 'dist', 'flokoa-lsp.js');

const STEPS = [
  {
    title: 'Lint the correct examples: no errors expected',
    command: [
      process.execPath,
      flokoaLsp,
      'check',
      'examples/single-namespace',
      'examples/shared-resources',
      'examples/environments',
      'examples/gitops',
      'examples/composed',
    ],
    expectExit: 0,
  },
  {
    title:
      'Lint a kustomize overlay as the cluster receives it: examples/broken/gitops renames objects with namePrefix but kustomize does not rewrite Flokoa references (exit 1)',
    command: [process.execPath, flokoaLsp, 'check', 'examples/broken/gitops/apps/support/overlays/prod'],
    expectExit: 1,
  },
  {
    title: "Tenancy: a quota'd dev namespace that admits its Agents, and an org namespace missing its registry Secret (a warning, exit 0)",
    command: [process.execPath, flokoaLsp, 'check', 'examples/tenancy'],
    expectExit: 0,
  },
  {
    title: 'Lint every example: examples/broken/ is broken on purpose, so exit 1',
    command: [process.execPath, flokoaLsp, 'check', 'examples/'],
    expectExit: 1,
  },
  {
    title:
      'cluster-sim with the correct examples applied, the Agents rolled out, then `kubectl flokoa refs -A` through the real kubectl: every reference resolves (exit 0)',
    command: [process.execPath, join(root, 'packages', 'kubectl-flokoa', 'scripts', 'demo-refs.mjs')],
    expectExit: 0,
  },
  {
    title:
      'cluster-sim running the June 2026 operator with examples/composed applied: the Agents roll out (triage on the operator runner image), `kubectl flokoa patch-image` ships a new runner release to triage through the real kubectl and follows the rollout, then `refs -A` (exit 0)',
    command: [
      process.execPath,
      join(root, 'packages', 'kubectl-flokoa', 'scripts', 'demo-refs.mjs'),
      '--api-generation',
      '2026-06',
      '--patch',
      'support/triage=ghcr.io/danielnyari/flokoa-runner:0.3.0',
      'examples/composed',
    ],
    expectExit: 0,
  },
  {
    title: 'The plugin as a CI gate on a kustomize overlay, no cluster: refs -f renders it with its base (exit 0)',
    command: [
      process.execPath,
      join(root, 'packages', 'kubectl-flokoa', 'dist', 'kubectl-flokoa'),
      'refs',
      '-f',
      'examples/gitops/apps/support/overlays/prod',
    ],
    expectExit: 0,
  },
  {
    title: 'The plugin as a CI gate on manifests, no cluster: examples/broken/ has broken references (exit 1)',
    command: [process.execPath, join(root, 'packages', 'kubectl-flokoa', 'dist', 'kubectl-flokoa'), 'refs', '-f', 'examples/broken', '-R'],
    expectExit: 1,
  },
];

let failures = 0;
for (const step of STEPS) {
  const shown = step.command.map((a) => (a === process.execPath ? 'node' : a.startsWith(root) ? a.slice(root.length) : a)).join(' ');
  console.log(`\n=== ${step.title}\n$ ${shown}`);
  const r = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: 'inherit', env: step.env ?? process.env });
  const code = r.status ?? 1;
  if (code !== step.expectExit) {
    console.error(`demo: expected exit ${step.expectExit}, got ${r.error ? r.error.message : code}`);
    failures++;
  } else {
    console.log(`(exit ${code}, as expected)`);
  }
}
process.exit(failures > 0 ? 1 : 0);
