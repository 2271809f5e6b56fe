#!/usr/bin/env node
// Reads the Flokoa operator's CRDs at one commit and writes their facts-only digest (names,
// versions, printer columns, field types, enums, defaults, bounds, formats, required, list and map
// types; never description text) to packages/core/src/api/digests/<generation>.json. The built-in
// schemas of that API generation are built from the digest; `--check` says whether the committed
// digest still matches the operator at that commit.
//
// Usage (after `pnpm build`; REPO is a clone or bare mirror of github.com/danielnyari/flokoa):
//   node packages/core/scripts/crd-digest.mjs --repo REPO --commit SHA --generation 2026-06
//   node packages/core/scripts/crd-digest.mjs --repo REPO --commit SHA --generation 2026-06 --check
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const coreDir = resolve(here, '..');
const CRD_DIR = 'operator/config/crd/bases';
const GROUP = 'agent.flokoa.ai';

function fail(message) {
  console.error(`crd-digest: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = true;
    else if (a === '--repo' || a === '--commit' || a === '--generation' || a === '--out') {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      opts[a.slice(2)] = argv[++i];
    } else fail(`unknown argument ${a} (usage: --repo DIR --commit SHA --generation ID [--out FILE] [--check])`);
  }
  for (const k of ['repo', 'commit', 'generation']) if (!opts[k]) fail(`--${k} is required`);
  if (!/^[0-9a-z.-]+$/.test(opts.generation)) fail(`--generation must look like 2026-06, not ${JSON.stringify(opts.generation)}`);
  return opts;
}

function git(repo, args) {
  try {
    return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    fail(
      `git ${args.join(' ')} failed in ${repo}: ${
        String(e.stderr || e.message)
          .trim()
          .split('\n')[0]
      }`,
    );
  }
}

const opts = parseArgs(process.argv.slice(2));
const compiled = join(coreDir, 'out/src/api/digest.js');
if (!existsSync(compiled)) fail('build first (pnpm build): out/src/api/digest.js is missing');
const { digestOfCrd, formatDigest } = await import(compiled);

const commit = git(opts.repo, ['rev-parse', '--verify', `${opts.commit}^{commit}`]).trim();
const files = git(opts.repo, ['ls-tree', '--name-only', commit, `${CRD_DIR}/`])
  .split('\n')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
if (files.length === 0) fail(`no CRDs under ${CRD_DIR} at ${commit}`);

const kinds = {};
for (const file of files) {
  for (const doc of parseAllDocuments(git(opts.repo, ['show', `${commit}:${file}`]))) {
    if (doc.errors.length) fail(`${file}: ${doc.errors[0].message}`);
    const d = digestOfCrd(doc.toJS());
    if (typeof d === 'string') fail(`${file}: ${d}`);
    if (d.group === GROUP) kinds[d.kind] = d.digest;
  }
}
const digest = { source: { repository: 'github.com/danielnyari/flokoa', commit, path: CRD_DIR }, kinds };
const text = formatDigest(digest);
const out = opts.out ?? join(coreDir, 'src/api/digests', `${opts.generation}.json`);

if (!opts.check) {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${Object.keys(kinds).length} kinds from ${commit.slice(0, 12)}`);
  process.exit(0);
}
const committed = existsSync(out) ? readFileSync(out, 'utf8') : '';
if (committed === text) {
  console.log(`${out} matches the operator's CRDs at ${commit.slice(0, 12)}`);
  process.exit(0);
}
// A short account of what moved, by kind and field, so the next release reads as a to-do list.
const before = committed ? JSON.parse(committed) : { kinds: {} };
for (const kind of new Set([...Object.keys(before.kinds), ...Object.keys(kinds)])) {
  const a = before.kinds[kind];
  const b = kinds[kind];
  if (!a || !b) {
    console.log(`${kind}: ${a ? 'gone from the operator' : 'new kind'}`);
    continue;
  }
  const fa = Object.fromEntries(a.versions.flatMap((v) => Object.entries(v.fields).map(([p, f]) => [`${v.name}${p}`, JSON.stringify(f)])));
  const fb = Object.fromEntries(b.versions.flatMap((v) => Object.entries(v.fields).map(([p, f]) => [`${v.name}${p}`, JSON.stringify(f)])));
  for (const p of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    if (fa[p] === fb[p]) continue;
    console.log(`${kind} ${p}: ${fa[p] ?? '(absent)'} -> ${fb[p] ?? '(absent)'}`);
  }
  const { versions: va, ...na } = a;
  const { versions: vb, ...nb } = b;
  if (JSON.stringify(na) !== JSON.stringify(nb)) console.log(`${kind}: names or scope changed`);
  const cols = (vs) => JSON.stringify(vs.map((v) => [v.name, v.served, v.storage, v.status, v.columns]));
  if (cols(va) !== cols(vb)) console.log(`${kind}: versions or printer columns changed`);
}
console.error(`crd-digest: ${out} is out of step with ${commit.slice(0, 12)}; re-run without --check and review the diff`);
process.exit(1);
