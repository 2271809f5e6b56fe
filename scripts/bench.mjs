// Runs every package's benchmark, one after another so they do not compete for the CPUs:
// packages/<pkg>/bench/index.mjs, else every packages/<pkg>/bench/*.bench.mjs, else
// packages/<pkg>/out/bench/index.js (a benchmark written in TypeScript).
// Usage: node scripts/bench.mjs [package-name-substring...]   (after pnpm build; `pnpm bench` does both)
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function entriesOf(pkgDir) {
  const index = join(pkgDir, 'bench', 'index.mjs');
  if (existsSync(index)) return [index];
  const benchDir = join(pkgDir, 'bench');
  const named = existsSync(benchDir)
    ? readdirSync(benchDir)
        .filter((n) => n.endsWith('.bench.mjs'))
        .sort()
        .map((n) => join(benchDir, n))
    : [];
  if (named.length > 0) return named;
  const compiled = join(pkgDir, 'out', 'bench', 'index.js');
  return existsSync(compiled) ? [compiled] : [];
}

const benches = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  if (filters.length > 0 && !filters.some((f) => pkg.includes(f))) continue;
  for (const entry of entriesOf(join(root, 'packages', pkg))) benches.push({ pkg, entry });
}
if (benches.length === 0) {
  console.error('error: no benchmark found (packages/*/bench/index.mjs, bench/*.bench.mjs or out/bench/index.js)');
  process.exit(1);
}
let failed = 0;
for (const { pkg, entry } of benches) {
  console.log(`\n== ${pkg} (${relative(root, entry)}) ==`);
  const r = spawnSync(process.execPath, [entry], { cwd: join(root, 'packages', pkg), stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`error: the ${pkg} benchmark exited with ${r.status ?? r.signal}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
