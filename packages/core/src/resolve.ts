// Resolving references: the same code for files (the editor, `-f`) and for cluster objects.
import type { ObjectKey, Resource } from './model.js';
import type { Reference } from './references.js';
import { referencesOf } from './references.js';
import { FLOKOA_GROUP, FLOKOA_KINDS, keyString } from './kinds.js';
import { closestNames } from './schema/didYouMean.js';

/**
 * Where resources come from: the workspace index, or the plugin's cluster reader.
 * `'forbidden'` is an answer (RBAC said no), not an error.
 */
export interface ResourceLookup {
  get(key: ObjectKey): Resource | undefined | 'forbidden';
  list(group: string, kind: string, namespace?: string): Resource[] | 'forbidden';
  /** Objects of a kind with this name in any namespace; a fast path for indexes, else derived from list(). */
  named?(group: string, kind: string, name: string): Resource[];
  /** The references a resource makes, when the lookup keeps them (else worked out from the resource). */
  referencesOfResource?(r: Resource): Reference[];
}

export interface Resolution {
  status: 'found' | 'missing' | 'wrong-kind' | 'forbidden';
  target?: Resource;
  /** The namespace that was searched. */
  lookedIn: string;
  /** The same kind and name in other namespaces. */
  elsewhere: { namespace: string; resource: Resource }[];
  /** Names of the same kind in `lookedIn` close to the one asked for, best first. */
  closeNames: string[];
  /** An object of another kind with exactly this name in `lookedIn`. */
  wrongKind?: Resource;
}

/** Kinds a user plausibly confuses with each kind. */
function confusableKinds(group: string, kind: string): { group: string; kind: string }[] {
  if (group === FLOKOA_GROUP) return FLOKOA_KINDS.filter((k) => k !== kind).map((k) => ({ group, kind: k }));
  if (group === '' && kind === 'Secret') return [{ group: '', kind: 'ConfigMap' }];
  if (group === '' && kind === 'ConfigMap') return [{ group: '', kind: 'Secret' }];
  return [];
}

/** Shared by every found resolution (frozen: nobody adds to them). */
const NO_ELSEWHERE = Object.freeze([]) as unknown as Resolution['elsewhere'];
const NO_NAMES = Object.freeze([]) as unknown as string[];

export function resolve(ref: Pick<Reference, 'target'>, lookup: ResourceLookup): Resolution {
  const t = ref.target;
  const got = lookup.get(t);
  // Most references resolve: their answer is made at once (a chain walk resolves every one).
  if (got && got !== 'forbidden')
    return { status: 'found', lookedIn: t.namespace, elsewhere: NO_ELSEWHERE, closeNames: NO_NAMES, target: got };
  const base: Resolution = { status: 'missing', lookedIn: t.namespace, elsewhere: [], closeNames: [] };
  if (got === 'forbidden') return { ...base, status: 'forbidden' };
  const sameName = lookup.named ? lookup.named(t.group, t.kind, t.name) : listed(lookup, t.group, t.kind).filter((r) => r.name === t.name);
  base.elsewhere = sameName
    .filter((r) => r.namespace !== t.namespace)
    .map((r) => ({ namespace: r.namespace, resource: r }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace));
  const inNs = listed(lookup, t.group, t.kind, t.namespace);
  base.closeNames = closestNames(t.name, new Set(inNs.map((r) => r.name)));
  for (const alt of confusableKinds(t.group, t.kind)) {
    const other = lookup.get({ ...alt, namespace: t.namespace, name: t.name });
    if (other && other !== 'forbidden') return { ...base, status: 'wrong-kind', wrongKind: other };
  }
  return base;
}

function listed(lookup: ResourceLookup, group: string, kind: string, namespace?: string): Resource[] {
  const l = lookup.list(group, kind, namespace);
  return l === 'forbidden' ? [] : l;
}

/** One node of a reference chain: the reference, how it resolved, and the target's own references. */
export interface ChainNode {
  reference: Reference;
  resolution: Resolution;
  children: ChainNode[];
}

/**
 * The reference tree below a resource (Agent → Model → ModelProvider → Secret, tools, env).
 * Cycles and repeats are cut: a target already on the path is not expanded again.
 */
export function chainOf(resource: Resource, lookup: ResourceLookup, maxDepth = 6): ChainNode[] {
  const walk = (r: Resource, path: Set<string>, depth: number): ChainNode[] =>
    (lookup.referencesOfResource?.(r) ?? referencesOf(r)).map((reference) => {
      const resolution = resolve(reference, lookup);
      const t = resolution.target;
      const k = t ? keyString(t) : '';
      const children = t && depth < maxDepth && !path.has(k) ? walk(t, new Set(path).add(k), depth + 1) : [];
      return { reference, resolution, children };
    });
  return walk(resource, new Set([keyString(resource)]), 1);
}
