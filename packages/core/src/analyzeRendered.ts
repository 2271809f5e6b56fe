// Findings of rendered objects. Each root's objects are checked as the cluster will receive them;
// a finding lands where its field was written (a base, a patch, a kustomization line). When a
// file is read by several roots (a base in two overlays), a finding every one of them produces is
// shown once, and one only some produce says where: "in overlays/prod (team-a-prod): …".
import type { Finding, Resource, SourceMap } from './model.js';
import type { Workspace } from './workspace.js';
import type { RenderRoot } from './renderings.js';
import type { RenderResult } from './render/index.js';
import type { RenderingRule } from './rules/types.js';
import { ALL_RULES } from './rules/index.js';
import { RULES, checkedAs, runRules, severityOf } from './ruleRunner.js';
import { renderingLabel } from './renderingLabel.js';

const RENDERING_RULES = ALL_RULES.filter((r): r is RenderingRule => r.scope === 'rendering');

/** Findings of one rendered resource, while the index, settings and its ranges are unchanged. */
const byResource = new WeakMap<Resource, { stamp: string; ranges: SourceMap; findings: Finding[] }>();
/** Findings of the rendering rules of one rendering. */
const byRendering = new WeakMap<RenderResult, { stamp: string; findings: Finding[] }>();

function resourceFindings(ws: Workspace, r: Resource, stamp: string): Finding[] {
  const hit = byResource.get(r);
  if (hit && hit.stamp === stamp && hit.ranges === r.ranges) return hit.findings;
  const doc = ws.file(r.uri)?.docs[r.docIndex];
  const checked = checkedAs(r);
  const findings: Finding[] = [];
  if (doc && !doc.broken && checked)
    runRules([...RULES[checked].doc, ...RULES[checked].ws], ws, r, doc, ws.referencesOfResource(r), doc.startLine, findings);
  byResource.set(r, { stamp, ranges: r.ranges, findings });
  return findings;
}

function renderingFindings(ws: Workspace, root: RenderRoot, stamp: string): Finding[] {
  const hit = byRendering.get(root.result);
  if (hit && hit.stamp === stamp) return hit.findings;
  const findings: Finding[] = [];
  for (const rule of RENDERING_RULES) {
    const severity = severityOf(ws, rule.id);
    if (severity === 'off') continue;
    rule.checkRoot({
      root,
      workspace: ws,
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
  byRendering.set(root.result, { stamp, findings });
  return findings;
}

interface Group {
  finding: Finding;
  /** Root → the namespace of the object that produced it there ('' when none). */
  roots: Map<RenderRoot, string>;
}

/** Every finding of the renderings that read `uri`, landing in `uri`, merged across roots. */
export function renderedFindings(ws: Workspace, uri: string): Finding[] {
  const roots = ws.renderings.rootsReading(uri);
  if (roots.length === 0) return [];
  const stamp = `${ws.generation}:${ws.schemas.generation}:${ws.indexVersion}`;
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
