// Quick fixes shared by the reference rules: point a reference at another namespace or name.
import type { Fix, Range } from '../model.js';
import type { Reference } from '../references.js';
import type { RuleContext } from './types.js';
import type { Resolution } from '../resolve.js';

/** "Add namespace: X" (or change the existing one) on a reference that may name a namespace. */
export function namespaceFix(ctx: RuleContext, ref: Reference, namespace: string, preferred: boolean): Fix | undefined {
  if (!ref.spec.hasNamespace) return undefined;
  const title = ref.namespaceExplicit ? `Change namespace to '${namespace}'` : `Add namespace: ${namespace}`;
  if (ref.namespaceExplicit) {
    const range = ref.namespaceRange;
    return range ? { title, edits: [{ range, newText: namespace }], preferred } : undefined;
  }
  const nameKey = ref.source.ranges.get(ref.namePointer)?.key;
  const nameValue = ref.nameRange;
  const whole = ref.range;
  if (!nameKey || !nameValue || !whole) return undefined;
  const at: Range = { start: nameValue.end, end: nameValue.end };
  const flow = ctx.lineText(whole.start.line).charAt(whole.start.character) === '{';
  const newText = flow ? `, namespace: ${namespace}` : `\n${' '.repeat(nameKey.start.character)}namespace: ${namespace}`;
  return { title, edits: [{ range: at, newText }], preferred };
}

export function renameFix(ref: Reference, name: string, preferred: boolean): Fix | undefined {
  const range = ref.nameRange;
  return range ? { title: `Change to '${name}'`, edits: [{ range, newText: name }], preferred } : undefined;
}

/**
 * The other namespaces worth suggesting for a rendered reference: not those where another
 * rendering of the same documents put the target (a staging Model is no fix for prod).
 */
export function suggestedElsewhere(ctx: RuleContext, ref: Reference, elsewhere: Resolution['elsewhere']): Resolution['elsewhere'] {
  const own = ref.source.rendering?.root;
  if (!own) return elsewhere;
  const mine = ctx.workspace.renderingRoot(own)?.resources ?? [];
  return elsewhere.filter((e) => {
    const r = e.resource.rendering;
    return !r || r.root === own || !mine.some((m) => m.uri === e.resource.uri && m.docIndex === e.resource.docIndex);
  });
}

export function compact<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}
