// Runs the packages' compiled tests (packages/*/out/test/**/*.test.js) in one node:test run.
// Usage: node scripts/test.mjs [--unit | --e2e] [substring filter...]
//   --unit   in-process tests only (everything outside a test/e2e/ folder)
//   --e2e    the tests that drive real processes: spawned servers, kubectl, code-server (test/e2e/)
//   filters  keep the test files whose path contains one of them, e.g. `node scripts/test.mjs lsp/ refs`
// The whole suite (no tier, no filter) first runs the linters (`pnpm lint`), as CI does.
// A compiled test whose source was deleted is removed, never run: tsc -b does not delete outputs.
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const tier = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';
const filters = args.filter((a) => a !== '--unit' && a !== '--e2e');

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const out = join(root, 'packages', pkg, 'out');
  if (!existsSync(join(out, 'test'))) continue;
  for (const f of walk(join(out, 'test'), [])) {
    const source = join(root, 'packages', pkg, relative(out, f)).replace(/\.js$/, '.ts');
    if (existsSync(source)) files.push(f);
    else rmSync(f, { force: true });
  }
}

const isE2e = (f) => f.includes('/test/e2e/');
const chosen = files
  .map((f) => relative(root, f))
  .filter((f) => tier === 'all' || (tier === 'e2e') === isE2e(f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (chosen.length === 0) {
  console.error('error: no test files matched');
  process.exit(1);
}

if (tier === 'all' && filters.length === 0) {
  const lint = spawnSync('pnpm', ['-s', 'lint'], { cwd: root, stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('error: lint failed (pnpm lint); fix it first: `pnpm format` rewrites formatting');
    process.exit(lint.status ?? 1);
  }
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...chosen], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
