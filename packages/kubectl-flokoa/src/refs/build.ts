// Core's resolution (ChainNode) → the report's RefNode: state, readiness, key presence, hints.
// The same for cluster objects and files; only how keys are known differs (`keysOf`).
import { describeKey, type ChainNode, type Resource } from '@flokoa/core';
import type { RefNode, NodeState } from './model.js';
import { readinessOf } from './readiness.js';

/** The keys of a Secret/ConfigMap: a set, 'forbidden' (may not read it), or undefined (unknown). */
export type KeysOf = (r: Resource) => Set<string> | 'forbidden' | undefined;

/** Where a field of a file object is written (`apps/agents.yaml:52`); absent for cluster objects. */
export type LocateField = (r: Resource, pointer: string) => string | undefined;

export function toRefNodes(chain: ChainNode[], keysOf: KeysOf, locate?: LocateField): RefNode[] {
  return chain.map((c) => {
    const node = toRefNode(c, keysOf, locate);
    const location = locate?.(c.reference.source, c.reference.namePointer);
    if (location) node.location = location;
    return node;
  });
}

function toRefNode(c: ChainNode, keysOf: KeysOf, locate?: LocateField): RefNode {
  const { reference: ref, resolution: res } = c;
  const t = ref.target;
  const optional = ref.optional;
  let state: NodeState;
  let reason: string | undefined;
  let ready: boolean | null = null;
  let exists: boolean | null;
  switch (res.status) {
    case 'found': {
      exists = true;
      const r = readinessOf(res.target as Resource);
      ready = r.ready;
      state = r.ready === false ? 'not-ready' : 'ok';
      reason = r.reason;
      break;
    }
    case 'forbidden':
      exists = null;
      state = 'forbidden';
      reason = `you may not get ${t.kind.toLowerCase()}s in namespace "${t.namespace}"`;
      break;
    case 'wrong-kind':
      exists = false;
      state = 'wrong-kind';
      reason = `no ${t.kind} "${t.name}", but there is ${article(res.wrongKind?.kind ?? '')} ${res.wrongKind?.kind} of that name`;
      break;
    default: {
      exists = false;
      state = 'missing';
      const hints: string[] = [];
      if (res.elsewhere.length) {
        hints.push(
          `${article(t.kind)} ${t.kind} "${t.name}" exists in namespace${res.elsewhere.length > 1 ? 's' : ''} ${res.elsewhere.map((e) => `"${e.namespace}"`).join(', ')}${ref.spec.hasNamespace && !ref.namespaceExplicit ? ' (missing namespace: on the reference?)' : ''}`,
        );
      }
      if (res.closeNames.length)
        hints.push(
          `did you mean ${res.closeNames
            .slice(0, 3)
            .map((n) => `"${n}"`)
            .join(' or ')}?`,
        );
      reason = `${describeKey(t)} not found${optional ? ' (optional)' : ''}${hints.length ? '; ' + hints.join('; ') : ''}`;
    }
  }
  const node: RefNode = {
    ref: ref.spec.id,
    field: ref.pointer,
    group: t.group,
    kind: t.kind,
    namespace: t.namespace,
    name: t.name,
    state,
    exists,
    ready,
    optional,
    crossNamespace: t.namespace !== ref.source.namespace,
    broken: false,
    children: toRefNodes(c.children, keysOf, locate),
  };
  if (reason) node.reason = reason;
  if (ref.key !== undefined) {
    node.key = { name: ref.key, present: null };
    if (res.status === 'found' && res.target) {
      const keys = keysOf(res.target);
      if (keys === 'forbidden') node.key.reason = `not checked: you may not read ${t.kind} ${t.namespace}/${t.name}`;
      else if (keys === undefined) node.key.reason = 'not checked: the keys are not known';
      else {
        node.key.present = keys.has(ref.key);
        if (!node.key.present) {
          node.state = 'key-missing';
          node.reason = `${t.kind} ${t.namespace}/${t.name} has no key "${ref.key}"${keys.size ? ` (keys: ${[...keys].sort().join(', ')})` : ' (no keys)'}`;
        }
      }
    }
  }
  node.broken = !optional && (node.state === 'missing' || node.state === 'wrong-kind' || node.state === 'key-missing');
  return node;
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}
