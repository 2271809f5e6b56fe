// Runs the rules over one file: document-scoped results are cached per document text (an edit
// re-checks only the documents it touched), workspace-scoped rules run fresh; then suppression
// comments and severity settings apply.
import type { Finding, Range, Resource, Severity } from './model.js';
import type { ParsedDoc } from './parse.js';
import type { Reference } from './references.js';
import type { DocCore } from './sourcemap.js';
import type { SchemaIssue } from './schema/types.js';
import type { Workspace } from './workspace.js';
import type { Report, Rule, RuleContext } from './rules/types.js';
import { ALL_RULES, ruleById } from './rules/index.js';
import { isFlokoaApiVersion } from './kinds.js';
import { parentPointer } from './pointer.js';
import { validate } from './schema/validate.js';
import { suppressions, isSuppressed } from './suppress.js';

type Checked = NonNullable<Rule['checks']>;
const rulesOf = (checks: Checked, scope: Rule['scope']): readonly Rule[] =>
  ALL_RULES.filter((r) => r.scope === scope && (r.checks ?? 'flokoa') === checks);
const RULES: Record<Checked, { doc: readonly Rule[]; ws: readonly Rule[] }> = {
  flokoa: { doc: rulesOf('flokoa', 'document'), ws: rulesOf('flokoa', 'workspace') },
  roles: { doc: rulesOf('roles', 'document'), ws: rulesOf('roles', 'workspace') },
};

/** Which rules a document gets: Flokoa documents, and RBAC roles; nothing else is diagnosed. */
function checkedAs(r: Resource): Checked | undefined {
  if (isFlokoaApiVersion(r.apiVersion)) return 'flokoa';
  if (r.group === 'rbac.authorization.k8s.io' && (r.kind === 'Role' || r.kind === 'ClusterRole')) return 'roles';
  return undefined;
}

/** Document-rule findings in the document's own frame (line 0 = its first line), per parse of its text. */
const docCache = new WeakMap<DocCore, { stamp: string; findings: Finding[] }>();
/** Workspace-rule findings per document, valid while the index version is unchanged. */
const wsCache = new WeakMap<DocCore, { stamp: string; startLine: number; resources: Resource[]; findings: Finding[] }>();

export function severityOf(ws: Workspace, ruleId: string): Severity | 'off' {
  return ws.settings.rules[ruleId] ?? ruleById(ruleId)?.defaultSeverity ?? 'error';
}

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
    const checked = r.producedBy ? undefined : checkedAs(r);
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
  const silenced = suppressions(parsed.text);
  const out: Finding[] = [];
  for (const f of raw) {
    const sev = severityOf(ws, f.ruleId);
    if (sev === 'off' || isSuppressed(f, silenced)) continue;
    out.push(sev === f.severity ? f : { ...f, severity: sev });
  }
  return out;
}

function runRules(
  rules: readonly Rule[],
  ws: Workspace,
  resource: Resource,
  doc: ParsedDoc,
  refs: Reference[],
  lineShift: number,
  out: Finding[],
): void {
  let issues: SchemaIssue[] | undefined;
  let current: Rule;
  const lines = doc.core.text;
  const ctx: RuleContext = {
    resource,
    doc,
    lookup: ws,
    workspace: ws,
    settings: ws.settings,
    references: () => refs,
    schemaIssues: () => (issues ??= schemaIssuesOf(ws, resource)),
    rangeOf: (pointer, onKey) => rangeOf(resource, pointer, onKey),
    lineText: (line) => {
      const local = line - lineShift;
      const start = doc.core.offset(local, 0);
      const end = lines.indexOf('\n', start);
      return lines.slice(start, end < 0 ? lines.length : end);
    },
    report: (rep: Report) => {
      out.push({
        ruleId: current.id,
        severity: current.defaultSeverity,
        message: rep.message,
        uri: resource.uri,
        range: rep.range ?? rangeOf(resource, rep.pointer ?? '', rep.onKey),
        ...(rep.fixes ? { fixes: rep.fixes } : {}),
        ...(rep.related && rep.related.length ? { related: rep.related } : {}),
        ...(rep.tags ? { tags: rep.tags } : {}),
      });
    },
  };
  for (const rule of rules) {
    if (severityOf(ws, rule.id) === 'off' && rule.scope === 'workspace') continue;
    current = rule;
    try {
      rule.check(ctx);
    } catch (e) {
      // One faulty rule must not take the others down; the finding says which and where.
      out.push({
        ruleId: rule.id,
        severity: 'error',
        message: `Internal error in rule ${rule.id}: ${(e as Error).message}. Please report it.`,
        uri: resource.uri,
        range: rangeOf(resource, '/kind'),
      });
    }
  }
}

function schemaIssuesOf(ws: Workspace, r: Resource): SchemaIssue[] {
  const found = ws.schemas.schemaFor(r.group, r.version, r.kind);
  if (!found || !found.served || !found.schema) return [];
  return validate(r.object, found.schema, { ignoresStatus: found.statusSubresource });
}

/** Key or value range at a pointer; a missing node falls back to its nearest present ancestor's key. */
export function rangeOf(r: Resource, pointer: string, onKey = false): Range {
  let p = pointer;
  let exact = true;
  for (;;) {
    const hit = r.ranges.get(p);
    if (hit) {
      if ((onKey || !exact) && hit.key) return hit.key;
      if (p === '' && !exact) break;
      return hit.value;
    }
    if (p === '') break;
    p = parentPointer(p);
    exact = false;
  }
  const kind = r.ranges.get('/kind');
  return kind?.key ?? { start: r.range.start, end: r.range.start };
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
