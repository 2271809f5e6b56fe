// `pnpm bench` for the language server: our built server and the peer yaml-language-server
// (configured with JSON Schemas derived from the same CRDs), on the same generated workspaces,
// in the same run. Prints figures, ratios and the issue's targets; asserts nothing.
// Usage: node packages/lsp/bench/index.mjs [a] [b] [c] [d] [e]   (the workloads to run; all by default)
//   a: 1,000-document file, few findings   b: 2,000 files   c: 50 overlays over 10 bases
//   d: issue 12's 1,000-document file full of findings (and 4,000 for the trace)   e: 10,000 files / 50,000 resources (ours)
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from './lsp-client.mjs';
import { editAt, writeFindingsFile, writeLargeFile, writeOverlayWorkspace, writeWorkspace } from '../../../scripts/bench-workloads.mjs';
import { printFindingsScenario, runFindingsScenario } from './findings-file.mjs';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUR_SERVER = join(pkgDir, 'dist', 'server.js');
const PEER_SERVER = join(pkgDir, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const EDITS = 30;
const QUERIES = 30;
/** Per-loop wall-clock cap so a slow peer cannot push the whole run past ~3 minutes. */
const LOOP_BUDGET_MS = 45_000;

function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

/** The peer maps schemas per file, our files mix kinds: one schema that dispatches on `kind`. */
function writePeerSchemas(dir, files) {
  const branches = [];
  for (const [name, schema] of Object.entries(files)) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(schema, null, 2));
    const kind =
      schema?.properties?.kind?.enum?.[0] ?? schema?.properties?.kind?.const ?? schema?.['x-kubernetes-group-version-kind']?.[0]?.kind;
    if (!kind) throw new Error(`cannot tell the kind of schema ${name}`);
    const { $schema, $id, ...body } = schema;
    branches.push({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: body });
  }
  const dispatch = join(dir, 'flokoa-all-kinds.json');
  writeFileSync(dispatch, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', allOf: branches }, null, 2));
  return pathToFileURL(dispatch).href;
}

function peerSettings(schemaUri) {
  return {
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      schemas: { [schemaUri]: ['*.yaml', '*.yml'] },
      // Both would fetch from the network; the benchmark measures local work only.
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      format: { enable: false },
    },
    http: {},
    '[yaml]': {},
    editor: {},
  };
}

function lineCol(text, needle, fromIndex = 0) {
  const at = text.indexOf(needle, fromIndex);
  if (at < 0) throw new Error(`bench fixture lacks ${JSON.stringify(needle)}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - before.lastIndexOf('\n') - 1, offset: at };
}

/** Scenario (a): one file of 1,000 documents, opened cold, then one-character edits. */
async function largeFile(client, gen, settle) {
  const text0 = readFileSync(gen.path, 'utf8');
  const uri = pathToFileURL(gen.path).href;
  await settle;
  const t0 = performance.now();
  const first = await client.diagnosticsAfter(uri, () => client.open(uri, text0));
  const firstMs = performance.now() - t0;

  const lines = text0.split('\n');
  const editMs = [];
  let editDiagnostics = 0;
  const loopStart = performance.now();
  for (let i = 0; i < EDITS && performance.now() - loopStart < LOOP_BUDGET_MS; i++) {
    const pos = gen.editLines[(i * 37) % gen.editLines.length];
    const char = editAt(lines, pos);
    const t = performance.now();
    const diags = await client.diagnosticsAfter(uri, () =>
      client.changeChar(uri, { line: pos.line, character: pos.character }, char, () => lines.join('\n')),
    );
    editMs.push(performance.now() - t);
    editDiagnostics = diags.length;
  }
  return { firstMs, firstCount: first.length, editMs, editDiagnostics };
}

async function timeRequests(client, method, params, n = QUERIES) {
  const ms = [];
  let last;
  const start = performance.now();
  for (let i = 0; i < n && performance.now() - start < LOOP_BUDGET_MS; i++) {
    const t = performance.now();
    last = await client.request(method, params);
    ms.push(performance.now() - t);
  }
  const items = Array.isArray(last) ? last.length : last?.items ? last.items.length : last ? 1 : 0;
  return { ms, items };
}

/** One-character edits of the third Agent's image tag in an open file, each waiting for its diagnostics. */
async function imageEdits(client, uri, text) {
  const lines = text.split('\n');
  const at = lineCol(text, ':v2.0.0', lineCol(text, ':v2.0.0', lineCol(text, ':v2.0.0').offset + 1).offset + 1);
  const pos = { line: at.line, character: at.character + ':v2.0.'.length };
  const ms = [];
  const start = performance.now();
  for (let i = 0; i < EDITS && performance.now() - start < LOOP_BUDGET_MS; i++) {
    const line = lines[pos.line];
    const char = line[pos.character] === '0' ? '1' : '0';
    lines[pos.line] = line.slice(0, pos.character) + char + line.slice(pos.character + 1);
    const t = performance.now();
    await client.diagnosticsAfter(uri, () => client.changeChar(uri, pos, char, () => lines.join('\n')));
    ms.push(performance.now() - t);
  }
  return ms;
}

/** Scenario (b): 2,000 files; ours indexes the folder, the peer is handed every file. */
async function bigWorkspace(client, gen, kind) {
  const out = {};
  if (kind === 'ours') {
    const ready = client.waitForNotification('flokoa/indexStatus', (p) => p.state === 'ready', 120_000).catch(() => undefined);
    const t0 = client.initializedAt;
    const wsDiag = client.capabilities.diagnosticProvider?.workspaceDiagnostics
      ? client.request('workspace/diagnostic', { previousResultIds: [] }, 120_000)
      : undefined;
    const status = await ready;
    out.readyMs = status ? performance.now() - t0 : NaN;
    out.serverReportedMs = status?.elapsedMs;
    if (wsDiag) {
      const report = await wsDiag;
      out.indexMs = performance.now() - t0;
      out.cpuMs = client.cpuMs();
      out.reportedFiles = report.items.length;
      out.findings = report.items.reduce((n, it) => n + (it.items?.length ?? 0), 0);
      out.indexLabel = 'workspace/diagnostic complete';
    } else {
      out.indexMs = out.readyMs;
      out.indexLabel = 'flokoa/indexStatus ready';
    }
  } else {
    // The peer has no workspace index: the closest equivalent is validating every file.
    const { readdirSync } = await import('node:fs');
    const all = [];
    for (const ns of readdirSync(gen.dir).sort()) for (const f of readdirSync(join(gen.dir, ns)).sort()) all.push(join(gen.dir, ns, f));
    await client.configurationPulled;
    const t0 = performance.now();
    const waits = all.map((p) => {
      const uri = pathToFileURL(p).href;
      const w = client.nextPushedDiagnostics(uri, 150_000);
      client.open(uri, readFileSync(p, 'utf8'));
      return w;
    });
    const results = await Promise.all(waits);
    out.indexMs = performance.now() - t0;
    out.reportedFiles = results.length;
    out.findings = results.reduce((n, d) => n + d.length, 0);
    out.indexLabel = 'every file opened and validated';
  }

  const uri = pathToFileURL(gen.sampleFile).href;
  const text = readFileSync(gen.sampleFile, 'utf8');
  if (kind === 'ours') {
    await client.diagnosticsAfter(uri, () => client.open(uri, text));
  }
  // The third Agent of the file: a key position inside spec, a key to hover, a reference's name.
  const third = lineCol(text, 'kind: Agent', lineCol(text, 'kind: Agent', lineCol(text, 'kind: Agent').offset + 1).offset + 1).offset;
  const keyPos = lineCol(text, '  framework:', third);
  const completionAt = { line: keyPos.line, character: 2 };
  const hoverPos = lineCol(text, 'replicas:', third);
  const hoverAt = { line: hoverPos.line, character: hoverPos.character + 3 };
  const refPos = lineCol(text, '    name: model-', third);
  const refAt = { line: refPos.line, character: refPos.character + '    name: model-'.length };
  const doc = { textDocument: { uri } };
  out.completion = await timeRequests(client, 'textDocument/completion', { ...doc, position: completionAt });
  out.hover = await timeRequests(client, 'textDocument/hover', { ...doc, position: hoverAt });
  out.refCompletion = await timeRequests(client, 'textDocument/completion', { ...doc, position: refAt });
  if (kind === 'ours') out.editMs = await imageEdits(client, uri, text);
  out.memory = client.memory();
  return out;
}

/** Scenario (c): 50 overlays over 10 bases; one-character edits in a base Agent that 5 overlays render. */
async function overlays(client, gen, kind) {
  if (kind === 'ours') await client.waitForNotification('flokoa/indexStatus', (p) => p.state === 'ready', 60_000).catch(() => undefined);
  else await client.configurationPulled;
  const uri = pathToFileURL(gen.editPath).href;
  const lines = readFileSync(gen.editPath, 'utf8').split('\n');
  await client.diagnosticsAfter(uri, () => client.open(uri, lines.join('\n')));
  const editMs = [];
  const loopStart = performance.now();
  for (let i = 0; i < EDITS && performance.now() - loopStart < LOOP_BUDGET_MS; i++) {
    const pos = gen.editLines[0];
    const char = editAt(lines, pos);
    const t = performance.now();
    await client.diagnosticsAfter(uri, () => client.changeChar(uri, pos, char, () => lines.join('\n')));
    editMs.push(performance.now() - t);
  }
  return { editMs };
}

async function runServer(kind, command, args, gens, settings) {
  const result = { kind };
  if (gens.want.has('a')) await runLarge(result, kind, command, args, gens, settings);
  if (gens.want.has('c')) await runOverlays(result, kind, command, args, gens, settings);
  if (gens.want.has('b')) await runBig(result, 'big', kind, command, args, gens.workspace, settings);
  if (gens.want.has('e') && kind === 'ours') await runBig(result, 'scaled', kind, command, args, gens.scaled, settings);
  return result;
}

async function runLarge(result, kind, command, args, gens, settings) {
  // (a) The root is an empty folder so the 1,000-doc file is parsed on open, not by an index scan.
  const a = new BenchClient({ name: kind, command, args, rootDir: gens.emptyRoot, settings });
  const aReady = a.waitForNotification('flokoa/indexStatus', (p) => p.state === 'ready', 20_000).catch(() => undefined);
  try {
    await a.start();
    log(`${kind}: 1,000-document file`);
    result.large = await largeFile(a, gens.large, kind === 'ours' ? aReady : a.configurationPulled);
  } catch (e) {
    result.largeError = e.message;
    log(`${kind}: ${e.message}${a.stderr ? `\n${a.stderr}` : ''}`);
  } finally {
    await a.stop();
  }
}

async function runOverlays(result, kind, command, args, gens, settings) {
  const c = new BenchClient({ name: kind, command, args, rootDir: gens.overlays.dir, settings });
  try {
    await c.start();
    log(`${kind}: ${gens.overlays.overlays} overlays over ${gens.overlays.bases} bases`);
    result.overlays = await overlays(c, gens.overlays, kind);
  } catch (e) {
    result.overlaysError = e.message;
    log(`${kind}: ${e.message}${c.stderr ? `\n${c.stderr}` : ''}`);
  } finally {
    await c.stop();
  }
}

async function runBig(result, key, kind, command, args, workspace, settings) {
  const b = new BenchClient({ name: kind, command, args, rootDir: workspace.dir, settings });
  try {
    await b.start();
    log(`${kind}: ${workspace.files} files / ${workspace.resources} resources`);
    result[key] = await bigWorkspace(b, workspace, kind);
  } catch (e) {
    result[`${key}Error`] = e.message;
    log(`${kind}: ${e.message}${b.stderr ? `\n${b.stderr}` : ''}`);
  } finally {
    await b.stop();
  }
}

// ---- report ----

const fmtMs = (v) => (Number.isFinite(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : 'n/a');
const fmtMb = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : 'n/a');

function printTable(ours, peer, gens) {
  const rows = [];
  const row = (metric, target, o, p, fmt, limit) => {
    const ratio = Number.isFinite(o) && Number.isFinite(p) && o > 0 ? `${(p / o).toFixed(1)}×` : '';
    const mark = limit === undefined ? '' : Number.isFinite(o) ? (o <= limit ? 'pass' : 'MISS') : 'MISS';
    rows.push([metric, target, fmt(o), fmt(p), ratio, mark]);
  };
  const L = (r) => r.large;
  const B = (r) => r.big;
  row('first diagnostics, 1,000-doc file', '≤ 400 ms', L(ours)?.firstMs, L(peer)?.firstMs, fmtMs, 400);
  row('diagnostics after 1-char edit, p50', '', percentile(L(ours)?.editMs ?? [], 50), percentile(L(peer)?.editMs ?? [], 50), fmtMs);
  row(
    'diagnostics after 1-char edit, p95',
    '≤ 30 ms',
    percentile(L(ours)?.editMs ?? [], 95),
    percentile(L(peer)?.editMs ?? [], 95),
    fmtMs,
    30,
  );
  const O = (r) => r.overlays;
  row(
    'edit in a base of 5 overlays, p95 (**)',
    '≤ 30 ms',
    percentile(O(ours)?.editMs ?? [], 95),
    percentile(O(peer)?.editMs ?? [], 95),
    fmtMs,
    30,
  );
  row('full index, 2,000 files (*)', '≤ 3 s', B(ours)?.indexMs, B(peer)?.indexMs, fmtMs, 3000);
  row(
    'completion (key in spec), p50',
    '',
    percentile(B(ours)?.completion.ms ?? [], 50),
    percentile(B(peer)?.completion.ms ?? [], 50),
    fmtMs,
  );
  row(
    'completion (key in spec), p95',
    '≤ 20 ms',
    percentile(B(ours)?.completion.ms ?? [], 95),
    percentile(B(peer)?.completion.ms ?? [], 95),
    fmtMs,
    20,
  );
  row(
    'completion (reference name), p95',
    '≤ 20 ms',
    percentile(B(ours)?.refCompletion.ms ?? [], 95),
    percentile(B(peer)?.refCompletion.ms ?? [], 95),
    fmtMs,
    20,
  );
  row('hover (key), p50', '', percentile(B(ours)?.hover.ms ?? [], 50), percentile(B(peer)?.hover.ms ?? [], 50), fmtMs);
  row('hover (key), p95', '≤ 20 ms', percentile(B(ours)?.hover.ms ?? [], 95), percentile(B(peer)?.hover.ms ?? [], 95), fmtMs, 20);
  row('resident memory VmRSS (2,000 files)', '≤ 300 MB', B(ours)?.memory.rssMb, B(peer)?.memory.rssMb, fmtMb, 300);
  row('peak memory VmHWM (2,000 files)', '≤ 300 MB', B(ours)?.memory.hwmMb, B(peer)?.memory.hwmMb, fmtMb, 300);

  const head = ['metric', 'target', 'flokoa', 'yaml-ls', 'yaml-ls/flokoa', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log();
  console.log(
    `Flokoa language server vs yaml-language-server ${peerVersion()} — node ${process.version}, ${cpus().length} CPU(s), load average ${gens.loadBefore} before, ${loadavg()[0].toFixed(2)} after`,
  );
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log();
  console.log('Figures are wall-clock on this machine: other processes competing for the CPUs inflate both columns.');
  console.log(
    `workload (a): ${gens.large?.docs} documents in one file (${gens.large?.typos} with a deliberate unknown field); ` +
      `diagnostics on open: flokoa ${L(ours)?.firstCount ?? 'n/a'}, yaml-ls ${L(peer)?.firstCount ?? 'n/a'}; edits measured: ` +
      `flokoa ${L(ours)?.editMs.length ?? 0}, yaml-ls ${L(peer)?.editMs.length ?? 0}`,
  );
  console.log(
    `workload (b): ${gens.workspace?.files} files, ${gens.workspace?.resources} resources, ${gens.workspace?.namespaces} namespaces`,
  );
  console.log(
    `(*) flokoa: initialized → ${B(ours)?.indexLabel ?? 'n/a'} (indexStatus ready after ${fmtMs(B(ours)?.readyMs)}, ` +
      `server-reported scan ${fmtMs(B(ours)?.serverReportedMs)}; ${B(ours)?.findings ?? 'n/a'} findings in ${B(ours)?.reportedFiles ?? 'n/a'} files)`,
  );
  console.log(
    `    yaml-ls has no workspace index: ${B(peer)?.indexLabel ?? 'n/a'} (${B(peer)?.reportedFiles ?? 'n/a'} files, ${B(peer)?.findings ?? 'n/a'} diagnostics)`,
  );
  console.log(
    `    yaml-ls waits ${'200 ms'} (its built-in validation delay) before validating a changed document; its figures include it.`,
  );
  console.log(
    `    reference-name completion: flokoa lists Models (${B(ours)?.refCompletion.items ?? 'n/a'} items); yaml-ls offers ${B(peer)?.refCompletion.items ?? 'n/a'} (a schema knows no resources).`,
  );
  console.log(
    `(**) workload (c): ${gens.overlays?.overlays} kustomize overlays over ${gens.overlays?.bases} bases; flokoa re-renders the 5 overlays that read the edited base (yaml-ls validates the one file).`,
  );
  for (const r of [ours, peer]) {
    if (r.overlaysError) console.log(`${r.kind}: workload (c) failed: ${r.overlaysError}`);
    if (r.largeError) console.log(`${r.kind}: workload (a) failed: ${r.largeError}`);
    if (r.bigError) console.log(`${r.kind}: workload (b) failed: ${r.bigError}`);
  }
}

/** (e): ours only (the peer has no workspace index; opening 10,000 files in it is not a comparison). */
function printScaled(r, error, gen) {
  console.log();
  console.log(`Workload (e): ${gen.files} files, ${gen.resources} resources, ${gen.namespaces} namespaces (flokoa only)`);
  if (!r) return console.log(`failed: ${error ?? 'not run'}`);
  const line = (metric, target, v, fmt, limit) =>
    console.log(`${metric.padEnd(40)} ${target.padEnd(10)} ${fmt(v).padStart(9)}  ${v <= limit ? 'pass' : 'MISS'}`);
  line(`index (${r.indexLabel})`, '≤ 8 s', r.indexMs, fmtMs, 8000);
  console.log(`  server CPU time until then (user + system, all threads, from its start)  ${fmtMs(r.cpuMs)}`);
  line('resident memory VmRSS', '≤ 600 MB', r.memory.rssMb, fmtMb, 600);
  line('peak memory VmHWM', '≤ 600 MB', r.memory.hwmMb, fmtMb, 600);
  line('diagnostics after 1-char edit, p95', '≤ 30 ms', percentile(r.editMs ?? [], 95), fmtMs, 30);
  line('completion (key in spec), p95', '≤ 20 ms', percentile(r.completion.ms, 95), fmtMs, 20);
  line('completion (reference name), p95', '≤ 20 ms', percentile(r.refCompletion.ms, 95), fmtMs, 20);
  line('hover (key), p95', '≤ 20 ms', percentile(r.hover.ms, 95), fmtMs, 20);
  console.log(`(${r.findings ?? 'n/a'} findings in ${r.reportedFiles ?? 'n/a'} files; indexStatus ready after ${fmtMs(r.readyMs)})`);
}

function peerVersion() {
  try {
    return JSON.parse(readFileSync(join(pkgDir, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

async function main() {
  if (!existsSync(OUR_SERVER)) {
    console.error(`error: ${OUR_SERVER} is missing; run pnpm build first`);
    process.exit(1);
  }
  const { jsonSchemaFiles, apiById } = await import('@flokoa/core');
  const tmp = mkdtempSync(join(tmpdir(), 'flokoa-bench-'));
  try {
    const started = performance.now();
    const emptyRoot = join(tmp, 'empty-root');
    mkdirSync(emptyRoot);
    const want = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['a', 'b', 'c', 'd', 'e']);
    const gens = {
      want,
      loadBefore: loadavg()[0].toFixed(2),
      emptyRoot,
      large: want.has('a') ? writeLargeFile(join(tmp, 'large')) : undefined,
      workspace: want.has('b') ? writeWorkspace(join(tmp, 'workspace')) : undefined,
      overlays: want.has('c') ? writeOverlayWorkspace(join(tmp, 'overlays')) : undefined,
      // (d) at 1,000 documents over 20 namespaces, and at 4,000 over 80 for the server's traced work:
      // the same documents per namespace, so only the file's size changes.
      findings: want.has('d')
        ? { emptyRoot, files: [writeFindingsFile(join(tmp, 'findings'), 1000), writeFindingsFile(join(tmp, 'findings'), 4000, 80)] }
        : undefined,
      // (e) The generator of (b), scaled: 500 namespaces × 20 files = 10,000 files, 50,000 resources.
      scaled: want.has('e') ? writeWorkspace(join(tmp, 'scaled'), { namespaces: 500 }) : undefined,
    };
    // The workloads are written in the January 2026 API (the documented one): the peer gets its schemas.
    const schemaUri = writePeerSchemas(join(tmp, 'schemas'), jsonSchemaFiles(apiById('2026-01').kinds));
    log(`generated workloads in ${tmp}`);
    const ours = await runServer('ours', process.execPath, [OUR_SERVER, '--stdio'], gens, { flokoa: { defaultNamespace: 'default' } });
    const peer = !(want.has('a') || want.has('b') || want.has('c'))
      ? { kind: 'peer' }
      : existsSync(PEER_SERVER)
        ? await runServer('peer', process.execPath, [PEER_SERVER, '--stdio'], gens, peerSettings(schemaUri))
        : { kind: 'peer', largeError: 'yaml-language-server is not installed', bigError: 'not installed' };
    if (want.has('a') || want.has('b') || want.has('c')) printTable(ours, peer, gens);
    if (want.has('e')) printScaled(ours.scaled, ours.scaledError, gens.scaled);
    if (want.has('d')) {
      const run = (kind, command, args, settings, files) =>
        runFindingsScenario(BenchClient, {
          kind,
          command,
          args,
          settings,
          gens: { ...gens.findings, files },
          edits: EDITS,
          budgetMs: 25_000,
          log,
        });
      const dOurs = await run(
        'ours',
        process.execPath,
        [OUR_SERVER, '--stdio'],
        { flokoa: { defaultNamespace: 'default' } },
        gens.findings.files,
      );
      const dPeer = existsSync(PEER_SERVER)
        ? await run('peer', process.execPath, [PEER_SERVER, '--stdio'], peerSettings(schemaUri), gens.findings.files.slice(0, 1))
        : { 1000: { error: 'yaml-language-server is not installed' } };
      printFindingsScenario(dOurs, dPeer, gens.findings, fmtMs);
    }
    console.log(`total bench time ${fmtMs(performance.now() - started)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
