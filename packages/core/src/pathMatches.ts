// Where a path pattern is present in a value: the concrete JSON pointers it matches, with the
// values there. Shared by reference fields (references.ts: `spec.tools[*].name`) and the fields
// that tell API generations apart (api/markers.ts). Walked depth first with the escaped segments
// on a trail, so a pointer is written only for a match: most patterns are absent from most
// documents, and a walk that ends early allocates nothing.
import { escapeSegment } from './schema/pointer.js';
import { isPlainObject } from './schema/structural.js';

/** One step of a pattern: every list item, every map value, or any of some field names (with their escaped forms). */
export interface PathStep {
  any?: 'item' | 'value';
  seg: readonly string[];
  esc: readonly string[];
}

/** A step through one field. */
export function fieldStep(name: string): PathStep {
  return { seg: [name], esc: [escapeSegment(name)] };
}

export const ITEM_STEP: PathStep = { any: 'item', seg: [], esc: [] };
export const VALUE_STEP: PathStep = { any: 'value', seg: [], esc: [] };

/** The (pointer, value) pairs `steps` reach in `root`, in document order (a field present with `undefined` is absent). */
export function pathMatches(root: unknown, steps: readonly PathStep[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  walk(root, steps, 0, [], out);
  return out;
}

function walk(v: unknown, steps: readonly PathStep[], at: number, trail: string[], out: [string, unknown][]): void {
  if (at === steps.length) {
    out.push([trail.length === 0 ? '' : `/${trail.join('/')}`, v]);
    return;
  }
  const { any, seg, esc } = steps[at]!;
  if (any === 'item') {
    if (!Array.isArray(v)) return;
    for (let i = 0; i < v.length; i++) {
      trail.push(String(i));
      walk(v[i], steps, at + 1, trail, out);
      trail.pop();
    }
  } else if (!isPlainObject(v)) {
    return;
  } else if (any === 'value') {
    for (const k of Object.keys(v)) {
      trail.push(escapeSegment(k));
      walk(v[k], steps, at + 1, trail, out);
      trail.pop();
    }
  } else {
    for (let i = 0; i < seg.length; i++) {
      const x = Object.hasOwn(v, seg[i]!) ? v[seg[i]!] : undefined;
      if (x === undefined) continue;
      trail.push(esc[i]!);
      walk(x, steps, at + 1, trail, out);
      trail.pop();
    }
  }
}
