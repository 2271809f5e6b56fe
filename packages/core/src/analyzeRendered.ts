// Findings of rendered objects. Each root's objects are checked as the cluster will receive them;
// a finding lands where its field was written (a base, a patch, a kustomization line). When a
// file is read by several roots (a base in two overlays), a finding every one of them produces is
// shown once, and one only some produce says where: "in overlays/prod (team-a-prod): …". As for
// plain documents, each object's findings (and each root's rendering-rule findings) are cached
// until a fact of the index they read changes (facts.ts).
import type { Finding, Resource, SourceMap } from './model.js';
import type { ParsedDoc } from './parsedFile.js';
import type { Reference } from './references.js';
import type { RenderRoot } from './renderings.js';
import type { RenderResult } from './render/index.js';
import type { RenderingRule } from './rules/types.js';
import { ALL_RULES } from './rules/index.js';
import { RULES, checkedAs, runRecorded, severityOf, type RuleHost } from './ruleRunner.js';
import { RecordingReader, type FactReaders, type IndexSource, type Reader } from './facts.js';
import { renderingLabel } from './renderingLabel.js';

const RENDERING_RULES = ALL_RULES.filter((r): r is RenderingRule => r.scope === 'rendering');

/** What rendered analysis reads of the workspace. */
export interface RenderedSource extends RuleHost, IndexSource {
  /** Bumped when settings change. */
  readonly generation: number;
  readonly readers: FactReaders;
  rootsReading(uri: string): RenderRoot[];
  referencesOfResource(r: Resource): Reference[];
  docOf(r: Resource): ParsedDoc | undefined;
  /** This workspace's cached rendered findings (valid while their stamp and the facts they read hold). */
  readonly renderedFindings: RenderedFindingsCache;
}

/** Rendered findings per object and per root's rendering, kept by the workspace that made them. */
export class RenderedFindingsCache {
  readonly byResource = new WeakMap<Resource, RenderedResult>();
  readonly byRendering = new WeakMap<RenderResult, RenderedResult>();
}

/** One object's (or one root's rendering rules') findings, dropped when a fact they read changes. */
class RenderedResult implements Reader {
  reads: readonly string[] | undefined;
  landed: string[] = [];
  findings: Finding[] | undefined;
  constructor(
    readonly uri: string,
    readonly stamp: string,
    readonly ranges?: SourceMap,
  ) {}
  stale(): void {
    this.findings = undefined;
  }
}

/** The cached result when still valid, else a fresh one (the old one stops reading). */
function cached(
  ws: RenderedSource,
  hit: RenderedResult | undefined,
  valid: boolean,
  fresh: () => RenderedResult,
  run: (out: Finding[], reads: Set<string>) => void,
): RenderedResult {
  if (hit?.findings && valid) return hit;
  if (hit) ws.readers.forget(hit);
  const result = fresh();
  const findings: Finding[] = [];
  const reads = new Set<string>();
  run(findings, reads);
  result.findings = findings;
  result.landed = [...new Set(findings.map((f) => f.uri))];
  ws.readers.track(result, reads);
  return result;
}

function resourceFindings(ws: RenderedSource, r: Resource, stamp: string): Finding[] {
  const hit = ws.renderedFindings.byResource.get(r);
  const result = cached(
    ws,
    hit,
    hit?.stamp === stamp && hit.ranges === r.ranges,
    () => new RenderedResult(r.uri, stamp, r.ranges),
    (out, reads) => {
      const doc = ws.docOf(r);
      const checked = checkedAs(r);
      if (doc && !doc.broken && checked)
        runRecorded([...RULES[checked].doc, ...RULES[checked].ws], ws, r, doc, ws.referencesOfResource(r), out, reads);
    },
  );
  ws.renderedFindings.byResource.set(r, result);
  return result.findings!;
}

function renderingFindings(ws: RenderedSource, root: RenderRoot, stamp: string): Finding[] {
  const hit = ws.renderedFindings.byRendering.get(root.result);
  const result = cached(
    ws,
    hit,
    hit?.stamp === stamp,
    () => new RenderedResult(root.id, stamp),
    (findings, reads) => {
      const reader = new RecordingReader(ws);
      for (const rule of RENDERING_RULES) {
        if (severityOf(ws, rule.id) === 'off') continue;
        rule.checkRoot({
          root,
          workspace: reader,
          report: ({ at, message, fixes, related }) =>
            findings.push({
              ruleId: rule.id,
              severity: rule.defaultSeverity,
              message,
              uri: at.uri,
              range: at.range,
              ...(fixes && fixes.length ? { fixes } : {}),
              ...(related && related.length ? { related } : {}),
            }),
        });
      }
      for (const x of reader.reads) reads.add(x);
    },
  );
  ws.renderedFindings.byRendering.set(root.result, result);
  return result.findings!;
}

interface Group {
  finding: Finding;
  /** Root → the namespace of the object that produced it there ('' when none). */
  roots: Map<RenderRoot, string>;
}

/** Every finding of the renderings that read `uri`, landing in `uri`, merged across roots. */
export function renderedFindings(ws: RenderedSource, uri: string): Finding[] {
  // In a stable order, so findings do not depend on the order roots were discovered in.
  const roots = [...ws.rootsReading(uri)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (roots.length === 0) return [];
  const stamp = `${ws.generation}:${ws.schemas.generation}`;
  const groups = new Map<string, Group>();
  const add = (f: Finding, root: RenderRoot, namespace: string): void => {
    if (f.uri !== uri) return;
    const key = `${f.ruleId}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.message}`;
    const g = groups.get(key) ?? { finding: f, roots: new Map() };
    if (!g.roots.has(root)) g.roots.set(root, namespace);
    groups.set(key, g);
  };
  for (const root of roots) {
    for (const f of renderingFindings(ws, root, stamp)) add(f, root, '');
    for (const r of root.resources) {
      if (r.producedBy || !checkedAs(r)) continue;
      for (const f of resourceFindings(ws, r, stamp)) add(f, root, r.namespace);
    }
  }
  return [...groups.values()].map((g) => (g.roots.size === roots.length ? g.finding : scoped(g, uri)));
}

/** A finding only some roots produce: it says which, and keeps no fix that edits the shared file. */
function scoped(g: Group, uri: string): Finding {
  const where = [...g.roots].map(([root, ns]) => `${renderingLabel(root, uri)}${ns ? ` (${ns})` : ''}`).join(', ');
  const fixes = g.finding.fixes?.filter((x) => x.edits.every((e) => e.uri !== undefined && e.uri !== uri));
  const { fixes: _dropped, ...rest } = g.finding;
  return { ...rest, message: `in ${where}: ${g.finding.message}`, ...(fixes && fixes.length ? { fixes } : {}) };
}
