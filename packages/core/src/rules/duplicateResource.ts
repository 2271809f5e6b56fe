// The same kind, namespace and name defined twice: the later apply silently overwrites the earlier.
import type { Rule } from './types.js';
import { describeKey } from '../kinds.js';

// Generated or copy-pasted trees can repeat one object hundreds of times; every copy lists only a
// few of the others, so the findings stay linear in the number of copies, not quadratic.
const NAMED = 5;
const RELATED = 20;

export const duplicateResource: Rule = {
  id: 'duplicate-resource',
  defaultSeverity: 'error',
  rationale: 'Two definitions of one object overwrite each other on apply; which one wins depends on file order.',
  scope: 'workspace',
  check(ctx) {
    const r = ctx.resource;
    if (!r.name) return;
    // Two renderings (overlays, Flux Kustomizations) may well go to two clusters: only within one
    // rendering (where kustomize itself refuses) or against a plain file is it one cluster for sure.
    const sameCluster = (d: typeof r): boolean => !d.rendering || !r.rendering || d.rendering.root === r.rendering.root;
    const others = ctx.workspace.find(r).filter((d) => d !== r && !d.producedBy && !ctx.workspace.isExternal(d) && sameCluster(d));
    if (others.length === 0) return;
    const named = others.slice(0, NAMED).map((d) => (d.uri === r.uri ? `document ${d.docIndex + 1} of this file` : d.uri.split('/').pop()));
    const where = others.length > NAMED ? `${named.join(', ')} and ${others.length - NAMED} more` : named.join(', ');
    ctx.report({
      pointer: '/metadata/name',
      message: `${describeKey(r)} is defined more than once (also in ${where}). Keep one definition or rename one.`,
      related: others
        .slice(0, RELATED)
        .map((d) => ({ location: { uri: d.uri, range: d.ranges.get('/metadata/name')?.value ?? d.range }, message: 'Also defined here' })),
    });
  },
};
