// Running resource rules on one resource: the context they get, and where their reports land.
// A rendered object's field may have been written in another file (a patch, a kustomization
// line), so a report without an explicit range is located through the field's origin.
import type { Finding, Location, Range, Resource, Severity } from './model.js';
import type { ParsedDoc } from './parse.js';
import type { Reference } from './references.js';
import type { SchemaIssue } from './schema/types.js';
import type { AnalysisSettings } from './settings.js';
import type { SchemaStore } from './schema/store.js';
import type { Report, Rule, RuleContext } from './rules/types.js';
import { fact, RecordingReader, type IndexReader, type IndexSource } from './facts.js';
import { ALL_RULES, ruleById } from './rules/index.js';
import { parentPointer } from './pointer.js';
import { isFlokoaApiVersion } from './kinds.js';
import { validate } from './schema/validate.js';

type Checked = NonNullable<Rule['checks']>;
const rulesOf = (checks: Checked, scope: Rule['scope']): readonly Rule[] =>
  ALL_RULES.filter((r): r is Rule => r.scope === scope && (r.checks ?? 'flokoa') === checks);
export const RULES: Record<Checked, { doc: readonly Rule[]; ws: readonly Rule[] }> = {
  flokoa: { doc: rulesOf('flokoa', 'document'), ws: rulesOf('flokoa', 'workspace') },
  roles: { doc: rulesOf('roles', 'document'), ws: rulesOf('roles', 'workspace') },
};

/** Which rules a document gets: Flokoa documents, and RBAC roles; nothing else is diagnosed. */
export function checkedAs(r: Resource): Checked | undefined {
  if (isFlokoaApiVersion(r.apiVersion)) return 'flokoa';
  if (r.group === 'rbac.authorization.k8s.io' && (r.kind === 'Role' || r.kind === 'ClusterRole')) return 'roles';
  return undefined;
}

/** What running rules needs of the workspace: settings and schemas (the index comes as a reader). */
export interface RuleHost {
  readonly settings: AnalysisSettings;
  readonly schemas: SchemaStore;
}

export function severityOf(ws: Pick<RuleHost, 'settings'>, ruleId: string): Severity | 'off' {
  return ws.settings.rules[ruleId] ?? ruleById(ruleId)?.defaultSeverity ?? 'error';
}

/**
 * Runs rules on a resource; they read the index through `index` (a RecordingReader for results
 * that are cached, a NoIndexReader for document rules), told which rule runs through `running`.
 */
export function runRules(
  rules: readonly Rule[],
  ws: RuleHost,
  index: IndexReader,
  resource: Resource,
  doc: ParsedDoc,
  refs: Reference[],
  lineShift: number,
  out: Finding[],
  running?: (ruleId: string) => void,
): void {
  let issues: SchemaIssue[] | undefined;
  let current: Rule;
  const lines = doc.core.text;
  const ctx: RuleContext = {
    resource,
    doc,
    lookup: index,
    workspace: index,
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
      const at = rep.at ?? (rep.range ? { uri: resource.uri, range: rep.range } : locationOf(resource, rep.pointer ?? '', rep.onKey));
      // Fix edits are written against the resource's own file unless they say otherwise.
      const fixes =
        at.uri === resource.uri ? rep.fixes : rep.fixes?.map((x) => ({ ...x, edits: x.edits.map((e) => ({ uri: resource.uri, ...e })) }));
      out.push({
        ruleId: current.id,
        severity: current.defaultSeverity,
        message: rep.message,
        uri: at.uri,
        range: at.range,
        ...(fixes ? { fixes } : {}),
        ...(rep.related && rep.related.length ? { related: rep.related } : {}),
        ...(rep.tags ? { tags: rep.tags } : {}),
      });
    },
  };
  for (const rule of rules) {
    if (severityOf(ws, rule.id) === 'off' && rule.scope === 'workspace') continue;
    current = rule;
    running?.(rule.id);
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

/**
 * Runs workspace rules with a reader recording what they read, into `reads`. Positions in other
 * documents that reach the findings (related locations, fixes in other files) depend on those
 * files' layout, and are read too.
 */
export function runRecorded(
  rules: readonly Rule[],
  ws: RuleHost & IndexSource,
  resource: Resource,
  doc: ParsedDoc,
  refs: Reference[],
  out: Finding[],
  reads: Set<string>,
): void {
  const reader = new RecordingReader(ws, resource);
  const start = out.length;
  runRules(rules, ws, reader, resource, doc, refs, doc.startLine, out);
  for (let i = start; i < out.length; i++) {
    for (const rel of out[i].related ?? []) reader.reads.add(fact.layout(rel.location.uri));
    for (const fix of out[i].fixes ?? [])
      for (const e of fix.edits) if (e.uri && e.uri !== resource.uri) reader.reads.add(fact.layout(e.uri));
  }
  for (const x of reader.reads) reads.add(x);
}

function schemaIssuesOf(ws: RuleHost, r: Resource): SchemaIssue[] {
  if (r.api && !r.api.api && !ws.schemas.crdVerdict(r.group, r.kind)) return [];
  const found = ws.schemas.schemaFor(r.group, r.version, r.kind, r.api?.api);
  if (!found || !found.served || !found.schema) return [];
  const issues = validate(r.object, found.schema, { ignoresStatus: found.statusSubresource });
  // Fields of another generation are one finding (api-generation-mismatch), not one per field.
  const other = r.api?.mixed?.pointers;
  if (!other) return issues;
  return issues.filter((i) => i.code !== 'unknown-field' || !other.some((p) => i.pointer === p || i.pointer.startsWith(`${p}/`)));
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

/** Like rangeOf, but in whichever file the field (or its nearest present ancestor) was written. */
export function locationOf(r: Resource, pointer: string, onKey = false): Location {
  const locate = r.ranges.locate?.bind(r.ranges);
  if (locate) {
    for (let p = pointer, exact = true; ; p = parentPointer(p), exact = false) {
      const hit = locate(p);
      if (hit) return { uri: hit.uri, range: (onKey || !exact) && hit.key ? hit.key : hit.value };
      if (p === '') break;
    }
  }
  return { uri: r.uri, range: rangeOf(r, pointer, onKey) };
}
