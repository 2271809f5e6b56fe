// Builds the .vsix: the esbuild bundles of the extension (dist/extension.cjs) and of the language
// server (dist/server.js), no node_modules. Prints the file's path and size.
// Usage: node scripts/package.mjs [--no-build] [--out FILE]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(pkgDir, '../..');
const args = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? resolve(args[outIdx + 1]) : join(pkgDir, `${manifest.name}-${manifest.version}.vsix`);

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error(`error: ${cmd} ${argv.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout;
}

if (!args.includes('--no-build')) {
  // The whole workspace: the server bundle is built from @flokoa/lsp's compiled output.
  run('npx', ['tsc', '-b'], root);
  run(process.execPath, [join(root, 'scripts', 'bundle.mjs')], root);
}
for (const f of ['dist/extension.cjs', 'dist/server.js']) {
  if (!existsSync(join(pkgDir, f))) {
    console.error(`error: ${f} is missing; run the build first (pnpm build)`);
    process.exit(1);
  }
}
// The rules reference ships with the extension: diagnostics link each rule id to its section.
copyFileSync(join(root, 'docs', 'rules.md'), join(pkgDir, 'dist', 'rules.md'));
const vsce = join(pkgDir, 'node_modules', '.bin', 'vsce');
const files = run(vsce, ['ls', '--no-dependencies'], pkgDir).trim().split('\n').filter(Boolean);
if (files.some((f) => f.includes('node_modules/'))) {
  console.error(`error: the package would contain node_modules: ${files.filter((f) => f.includes('node_modules/')).join(', ')}`);
  process.exit(1);
}
run(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], pkgDir);
const kb = (statSync(out).size / 1024).toFixed(0);
const shown = relative(process.cwd(), out);
console.log(`${shown.startsWith('..') ? out : shown}: ${kb} KB (${files.length} files: ${files.join(', ')})`);
