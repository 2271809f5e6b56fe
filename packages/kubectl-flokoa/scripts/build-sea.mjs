#!/usr/bin/env node
// Builds self-contained `kubectl-flokoa` executables (Node single executable applications) for krew
// users who have no Node: the CommonJS bundle of the plugin injected into a Node binary.
//
//   node packages/kubectl-flokoa/scripts/build-sea.mjs                     # the host's os/arch
//   node packages/kubectl-flokoa/scripts/build-sea.mjs --node /path/to/node-v20-darwin-arm64/bin/node --target darwin-arm64
//
// Nothing is downloaded: the host build uses the running Node binary; another os/arch needs that
// platform's Node binary given with --node (fetch it yourself, e.g. from nodejs.org, in CI). Run
// `pnpm build` first. Not part of the default build. Output: dist/sea/kubectl-flokoa-<os>-<arch>[.exe],
// a .tar.gz (or .zip on Windows) of it, and dist/sea/flokoa.yaml, the krew manifest with real sha256 sums.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'postject';

const pkgDir = new URL('..', import.meta.url).pathname;
const outDir = join(pkgDir, 'dist', 'sea');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const fail = (msg) => {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(1);
};

const nodeBinary = opt('node') ?? process.execPath;
const target = opt('target') ?? `${process.platform}-${process.arch}`;
const baseUrl = opt('base-url') ?? 'https://github.com/flokoa/flokoa-tools/releases/download/v{VERSION}';
const [os, arch] = target.split('-');
if (!['linux', 'darwin', 'win32'].includes(os) || !arch) fail(`--target must be <linux|darwin|win32>-<arch>, got "${target}"`);
if (target !== `${process.platform}-${process.arch}` && !opt('node'))
  fail(`building for ${target} needs that platform's Node binary: pass --node PATH`);
const entry = join(pkgDir, 'out', 'src', 'main.js');
if (!existsSync(entry)) fail('out/src/main.js is missing: run `pnpm build` first');
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;

mkdirSync(outDir, { recursive: true });
const cjs = join(outDir, 'kubectl-flokoa.cjs');
// Single executable applications run one CommonJS script.
await build({
  entryPoints: [entry],
  outfile: cjs,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
});

const blob = join(outDir, 'sea-prep.blob');
const config = join(outDir, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: cjs, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });

const exe = join(outDir, `kubectl-flokoa-${os}-${arch}${os === 'win32' ? '.exe' : ''}`);
copyFileSync(nodeBinary, exe);
chmodSync(exe, 0o755);
if (os === 'darwin' && process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(os === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
});
if (os === 'darwin' && process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);

if (target === `${process.platform}-${process.arch}`) {
  // Smoke test: the executable runs without Node or node_modules around it.
  const help = execFileSync(exe, ['--help'], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
  if (!help.includes('Available Commands:')) fail(`${exe} --help did not print the help`);
}

// Archive for krew: the binary is installed as kubectl-flokoa.
const archive = join(outDir, `kubectl-flokoa-${os}-${arch}.tar.gz`);
const staged = join(outDir, `stage-${os}-${arch}`);
mkdirSync(staged, { recursive: true });
copyFileSync(exe, join(staged, os === 'win32' ? 'kubectl-flokoa.exe' : 'kubectl-flokoa'));
execFileSync('tar', ['-czf', archive, '-C', staged, '.']);
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
writeFileSync(`${archive}.sha256`, `${sha256}  kubectl-flokoa-${os}-${arch}.tar.gz\n`);

// The krew manifest, for every archive built so far in dist/sea (one per os/arch).
const template = readFileSync(join(pkgDir, 'krew', 'flokoa.yaml'), 'utf8');
const sums = new Map(
  readdirSync(outDir)
    .filter((f) => f.endsWith('.tar.gz.sha256'))
    .map((f) => [f.replace('.sha256', ''), readFileSync(join(outDir, f), 'utf8').split(/\s+/)[0]]),
);
const manifest = template
  .replace(/\{\{ \.TagName \}\}/g, `v${version}`)
  .replace(/\{\{ addURIAndSha "[^"]*\/([^"/]+)" \.TagName \}\}/g, (_, file) => {
    const sum = sums.get(file);
    const uri = `${baseUrl.replace('{VERSION}', version)}/${file}`;
    return sum ? `uri: ${uri}\n    sha256: ${sum}` : `uri: ${uri}\n    sha256: NOT-BUILT-HERE`;
  });
writeFileSync(join(outDir, 'flokoa.yaml'), manifest);
process.stdout.write(`${exe}\n${archive} sha256 ${sha256}\n${join(outDir, 'flokoa.yaml')}\n`);
