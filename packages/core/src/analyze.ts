// Runs the rules over one file: document-scoped results are cached per document text (an edit
// re-checks only the documents it touched), workspace-scoped rules run fresh; then suppression
// comments and severity settings apply. Rendered objects are analysed per rendering
// (analyzeRendered.ts) and their findings join the file's.
import type { Finding, Range, Resource } from './model.js';
import type { Reference } from './references.js';
import type { DocCore } from './sourcemap.js';
import type { Workspace } from './workspace.js';
import { suppressions, isSuppressed } from './suppress.js';
import { RULES, checkedAs, runRules, severityOf } from './ruleRunner.js';
import { renderedFindings } from './analyzeRendered.js';

/** Document-rule findings in the document's own frame (line 0 = its first line), per parse of its text. */
const docCache = new WeakMap<DocCore, { stamp: string; findings: Finding[] }>();
/** Workspace-rule findings per document, valid while the index version is unchanged. */
const wsCache = new WeakMap<DocCore, { stamp: string; startLine: number; resources: Resource[]; findings: Finding[] }>();

export { severityOf, rangeOf } from './ruleRunner.js';

export function analyzeFile(ws: Workspace, uri: string): Finding[] {
  const parsed = ws.file(uri);
  if (!parsed) return [];
  const raw: Finding[] = [...parsed.findings];
  const stamp = `${ws.generation}:${ws.schemas.generation}`;
  const wsStamp = `${stamp}:${ws.indexVersion}`;
  const refsBySource = new Map<Resource, Reference[]>();
  for (const ref of ws.referencesIn(uri)) {
    const l = refsBySource.get(ref.source);
    if (l) l.push(ref);
    else refsBySource.set(ref.source, [ref]);
  }
  for (const r of ws.resourcesIn(uri)) {
    const checked = r.producedBy || r.rendering ? undefined : checkedAs(r);
    if (!checked) continue;
    const doc = parsed.docs[r.docIndex];
    if (!doc || doc.broken) continue;
    const cached = docCache.get(doc.core);
    let local: Finding[];
    if (cached && cached.stamp === stamp) local = cached.findings;
    else {
      local = [];
      const frame = doc.sourceMap.shifted(0);
      const localResource: Resource = {
        ...r,
        ranges: frame,
        range: { start: { line: 0, character: 0 }, end: doc.core.position(doc.core.text.length, 0) },
      };
      runRules(RULES[checked].doc, ws, localResource, doc, [], 0, local);
      docCache.set(doc.core, { stamp, findings: local });
    }
    for (const f of local) raw.push(shift(f, doc.startLine, uri));
    const hit = wsCache.get(doc.core);
    if (hit && hit.stamp === wsStamp && hit.resources.includes(r)) {
      for (const f of hit.findings) if (f.uri === r.uri && sameSource(f, r)) raw.push(shift(f, doc.startLine - hit.startLine, uri));
      continue;
    }
    const found: Finding[] = [];
    runRules(RULES[checked].ws, ws, r, doc, refsBySource.get(r) ?? [], doc.startLine, found);
    for (const f of found) raw.push(f);
    const prev =
      hit && hit.stamp === wsStamp && hit.startLine === doc.startLine
        ? hit
        : { stamp: wsStamp, startLine: doc.startLine, resources: [], findings: [] };
    prev.resources.push(r);
    for (const f of found) prev.findings.push(tagSource(f, r));
    wsCache.set(doc.core, prev);
  }
  for (const f of renderedFindings(ws, uri)) raw.push(f);
  const silenced = suppressions(parsed.text);
  const out: Finding[] = [];
  for (const f of raw) {
    const sev = severityOf(ws, f.ruleId);
    if (sev === 'off' || isSuppressed(f, silenced)) continue;
    out.push(sev === f.severity ? f : { ...f, severity: sev });
  }
  return out;
}

// A document may hold several resources (an ExternalSecret and its Secret); cached findings remember whose they are.
const SOURCE = new WeakMap<Finding, Resource>();
function tagSource(f: Finding, r: Resource): Finding {
  SOURCE.set(f, r);
  return f;
}
function sameSource(f: Finding, r: Resource): boolean {
  return SOURCE.get(f) === r;
}

function shift(f: Finding, lines: number, uri: string): Finding {
  if (lines === 0) return { ...f, uri };
  const mv = (rg: Range): Range => ({
    start: { line: rg.start.line + lines, character: rg.start.character },
    end: { line: rg.end.line + lines, character: rg.end.character },
  });
  return {
    ...f,
    uri,
    range: mv(f.range),
    ...(f.fixes
      ? { fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => (e.uri && e.uri !== uri ? e : { ...e, range: mv(e.range) })) })) }
      : {}),
  };
}
