// Core-only figures (no LSP, no files): index build of the language server benchmark's generated
// workspace, first analysis of its 1,000-document file, and re-analysis after its one-character
// edits (the same workloads, so the two benchmarks' figures can be compared). Run after `pnpm build`:
//   node packages/core/bench/core.bench.mjs
import { Workspace } from '../out/src/index.js';
import { editAt, largeFile, overlayWorkspaceFiles, quotaNamespaceFiles, workspaceFiles } from '../../../scripts/bench-workloads.mjs';

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x) => `${x.toFixed(1)} ms`;

// 1. Index: 2,000 files, 10,000 resources, 100 namespaces.
{
  const { files, resources: documents } = workspaceFiles();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const ws = new Workspace();
  ws.setFiles(files.map((f) => ({ uri: `file:///ws/${f.path}`, text: f.text })));
  const tIndex = performance.now() - t0;
  const t1 = performance.now();
  let findings = 0;
  for (const f of files) findings += ws.analyze(`file:///ws/${f.path}`).length;
  const tAll = performance.now() - t1;
  console.log(
    `index ${files.length} files / ${documents} documents (${ws.resources().length} resources with the ones they produce): ${ms(tIndex)} (target ≤ 3000 ms); analyze all: ${ms(tAll)}, ${findings} findings; rss +${((process.memoryUsage().rss - rss0) / 1048576).toFixed(0)} MB`,
  );
}

// 2. One file of 1,000 documents: first analysis, then one-character edits.
{
  const large = largeFile();
  const lines = large.text.split('\n');
  const uri = 'file:///big.yaml';
  const ws = new Workspace();
  const t0 = performance.now();
  ws.setFile(uri, large.text);
  ws.analyze(uri);
  const first = performance.now() - t0;
  const times = [];
  for (let k = 0; k < 100; k++) {
    editAt(lines, large.editLines[(k * 37) % large.editLines.length]);
    const text = lines.join('\n');
    const t = performance.now();
    ws.setFile(uri, text);
    ws.analyze(uri);
    times.push(performance.now() - t);
  }
  console.log(
    `${large.docs}-document file: first diagnostics ${ms(first)} (target ≤ 400 ms); one-character edit p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (target ≤ 30 ms)`,
  );
}

// 3. Kustomize: 50 overlays over 10 bases, then one-character edits in a base (5 overlays re-render).
{
  const gen = overlayWorkspaceFiles();
  const uri = (p) => `file:///ov/${p}`;
  const ws = new Workspace();
  const t0 = performance.now();
  ws.setFiles(gen.files.map((f) => ({ uri: uri(f.path), text: f.text })));
  let findings = 0;
  for (const f of gen.files) findings += ws.analyze(uri(f.path)).length;
  const first = performance.now() - t0;
  const lines = gen.files.find((f) => f.path === gen.editFile).text.split('\n');
  const times = [];
  for (let k = 0; k < 100; k++) {
    editAt(lines, gen.editLines[0]);
    const t = performance.now();
    ws.setFile(uri(gen.editFile), lines.join('\n'));
    ws.analyze(uri(gen.editFile));
    times.push(performance.now() - t);
  }
  console.log(
    `${gen.overlays} overlays over ${gen.bases} bases (${ws.renderings.allRoots().length} roots, ${ws.resources().length} rendered resources): index + analyze all ${ms(first)}, ${findings} findings; one-character edit in a base p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} (target ≤ 30 ms)`,
  );
}

// 4. A quota'd namespace: 1,000 Agents whose admission findings all read one ledger (worked out
// once per namespace), against the same namespace without a quota; then one Agent's replicas
// change and every Agent of the namespace is analysed again.
{
  const run = (quota) => {
    const gen = quotaNamespaceFiles({ quota });
    const uri = (p) => `file:///q/${p}`;
    const ws = new Workspace();
    ws.setFiles(gen.files.map((f) => ({ uri: uri(f.path), text: f.text })));
    const t0 = performance.now();
    for (const f of gen.files) ws.analyze(uri(f.path));
    const all = performance.now() - t0;
    const edits = [];
    for (let k = 0; k < 5; k++) {
      const e = gen.replicasEdit(k * 97, 3 + (k % 2));
      const t = performance.now();
      ws.setFile(uri(e.path), e.text);
      for (const f of gen.files) ws.analyze(uri(f.path));
      edits.push(performance.now() - t);
    }
    return { all, edit: pct(edits, 50) };
  };
  const plain = run(false);
  const quotad = run(true);
  console.log(
    `1000 Agents in one namespace: analyze all ${ms(quotad.all)} with a quota and limit range vs ${ms(plain.all)} without (×${(quotad.all / plain.all).toFixed(1)}); a replicas edit, then the namespace again: p50 ${ms(quotad.edit)} vs ${ms(plain.edit)}`,
  );
}
