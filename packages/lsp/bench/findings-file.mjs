// Scenario (d), the workload of issue 12: one file of 1,000 documents carrying ~1,036 findings,
// edited by value and by name (an Agent's name: nothing refers to it; a Model's name: its Agent
// stops resolving), each edit sent as a range (incremental sync) and as the whole text (full
// sync), each waiting for the file's next diagnostics. With `trace`, our server reports per edit
// how long it worked from receipt of the change to the diagnostics written (`$/logTrace`).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const EDIT_KINDS = ['value', 'agent-name', 'model-name'];
export const SYNCS = ['incremental', 'full'];
const SITES = { value: 'image', 'agent-name': 'agentName', 'model-name': 'modelName' };

/**
 * The k-th edit of a kind, applied to `lines`: even edits change a site, odd edits restore it, so
 * the file oscillates around its original state. A value edit flips the image tag's last digit; a
 * name edit appends an `x` to the name, then removes it.
 */
export function nextEdit(kind, sites, lines, k) {
  const list = sites[SITES[kind]];
  const site = list[(Math.floor(k / 2) * 37) % list.length];
  const line = lines[site.line];
  const pos = (character) => ({ line: site.line, character });
  if (kind === 'value') {
    const c = site.character - 1;
    const ch = line[c] === '0' ? '1' : '0';
    lines[site.line] = line.slice(0, c) + ch + line.slice(c + 1);
    return { range: { start: pos(c), end: pos(c + 1) }, text: ch };
  }
  if (k % 2 === 0) {
    lines[site.line] = line.slice(0, site.character) + 'x' + line.slice(site.character);
    return { range: { start: pos(site.character), end: pos(site.character) }, text: 'x' };
  }
  lines[site.line] = line.slice(0, site.character) + line.slice(site.character + 1);
  return { range: { start: pos(site.character), end: pos(site.character + 1) }, text: '' };
}

/** `$/logTrace` lines of our server: `diagnostics of <uri> v<n>: work <ms> ms, write <ms> ms, ...`. */
const TRACE = /^diagnostics of (\S+) v(\d+): work ([\d.]+) ms, write ([\d.]+) ms/;

function tracesFor(client, uri, fromIndex) {
  const out = new Map();
  for (const t of client.traces.slice(fromIndex)) {
    const m = TRACE.exec(t.message);
    if (m && m[1] === uri) out.set(Number(m[2]), { workMs: Number(m[3]), writeMs: Number(m[4]) });
  }
  return out;
}

/**
 * Opens the file, then runs `edits` edits of every kind in every sync mode. Returns the time to
 * the first diagnostics and, per `kind/sync`, the client-side wall-clock of each edit and (when
 * the server traces) the server-side work and write times.
 */
export async function runFindingsFile(client, gen, { edits, budgetMs, kinds = EDIT_KINDS, syncs = SYNCS }) {
  const text0 = readFileSync(gen.path, 'utf8');
  const uri = pathToFileURL(gen.path).href;
  const t0 = performance.now();
  const first = await client.diagnosticsAfter(uri, () => client.open(uri, text0));
  const out = { firstMs: performance.now() - t0, firstCount: first.length, loops: {} };
  const lines = text0.split('\n');
  for (const kind of kinds) {
    for (const sync of syncs) {
      const loop = { ms: [], workMs: [], writeMs: [], diagnostics: 0 };
      const traceStart = client.traces.length;
      const versions = [];
      const start = performance.now();
      for (let k = 0; k < edits && performance.now() - start < budgetMs; k++) {
        const change = nextEdit(kind, gen.sites, lines, k);
        const t = performance.now();
        const diags = await client.diagnosticsAfter(uri, () => client.edit(uri, change, lines.join('\n'), sync));
        loop.ms.push(performance.now() - t);
        loop.diagnostics = diags.length;
        versions.push(client.versions.get(uri));
      }
      // An odd count leaves one name changed: restore it so the next loop starts from the same file.
      if (loop.ms.length % 2 === 1 && kind !== 'value') {
        const change = nextEdit(kind, gen.sites, lines, loop.ms.length);
        await client.diagnosticsAfter(uri, () => client.edit(uri, change, lines.join('\n'), sync));
      }
      const traced = tracesFor(client, uri, traceStart);
      for (const v of versions) {
        const tr = traced.get(v);
        if (tr) {
          loop.workMs.push(tr.workMs);
          loop.writeMs.push(tr.writeMs);
        }
      }
      out.loops[`${kind}/${sync}`] = loop;
    }
  }
  return out;
}
