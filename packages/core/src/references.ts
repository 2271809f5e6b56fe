// References: which fields of a Flokoa object name another object. The tables are part of each
// API generation's description (api/generation-*.ts); a resource uses the table of the generation
// its document is read as (`resource.api`), or of its CRD when no generation matches it.
import type { ObjectKey, Range, Resource } from './model.js';
import type { RefSpec } from './api/types.js';
import { API_GENERATIONS } from './api/index.js';
import { chooseApi } from './api/choose.js';
import { FLOKOA_GROUP } from './api/group.js';
import { escapeSegment } from './pointer.js';
import { isPlainObject } from './schema/structural.js';
import { ITEM_STEP, VALUE_STEP, pathMatches, type PathStep } from './pathMatches.js';

export type { RefSpec } from './api/types.js';

/** Every reference field of every generation (one entry per id and path). */
export const ALL_REFERENCE_SPECS: readonly RefSpec[] = [
  ...new Map(API_GENERATIONS.flatMap((a) => a.references).map((s) => [`${s.id} ${s.fromKind} ${s.path}`, s] as const)).values(),
];

/** Reference kinds that can point at a kind, in any generation (for completion and "what could refer to this"). */
export function specsTo(group: string, kind: string): RefSpec[] {
  return ALL_REFERENCE_SPECS.filter((s) => s.toGroup === group && s.toKind === kind);
}

/** Reference fields of a kind in any generation (when no document says which). */
export function specsFrom(group: string, kind: string): RefSpec[] {
  return ALL_REFERENCE_SPECS.filter((s) => s.fromGroup === group && s.fromKind === kind);
}

/** The reference fields of a resource: its generation's (or its CRD's) for its kind. */
export function specsOf(r: Pick<Resource, 'group' | 'kind' | 'object' | 'api'>): readonly RefSpec[] {
  if (r.group !== FLOKOA_GROUP) return [];
  return (r.api ?? chooseApi(r.group, r.kind, r.object)).references;
}

export interface Reference {
  spec: RefSpec;
  source: Resource;
  /** Concrete pointer of the reference, e.g. /spec/tools/0/toolRef. */
  pointer: string;
  target: ObjectKey;
  key?: string;
  namespaceExplicit: boolean;
  /** `optional: true` was set on the reference. */
  optional: boolean;
  /** Pointer of the name value (pointer + '/name', or pointer itself for bare-name references). */
  namePointer: string;
  nameRange?: Range;
  namespaceRange?: Range;
  keyRange?: Range;
  /** Range of the whole reference value. */
  range?: Range;
}

/** Ranges are looked up on first use: most references are never shown. */
class Ref implements Reference {
  constructor(
    readonly spec: RefSpec,
    readonly source: Resource,
    readonly pointer: string,
    readonly target: ObjectKey,
    readonly key: string | undefined,
    readonly namespaceExplicit: boolean,
    readonly optional: boolean,
  ) {}
  get namePointer(): string {
    return this.spec.nameField ? `${this.pointer}/${this.spec.nameField}` : this.pointer;
  }
  get nameRange(): Range | undefined {
    return this.source.ranges.get(this.namePointer)?.value;
  }
  get namespaceRange(): Range | undefined {
    return this.namespaceExplicit ? this.source.ranges.get(this.pointer + '/namespace')?.value : undefined;
  }
  get keyRange(): Range | undefined {
    return this.key !== undefined ? this.source.ranges.get(this.pointer + '/key')?.value : undefined;
  }
  get range(): Range | undefined {
    return this.source.ranges.get(this.pointer)?.value;
  }
}

/** Every reference a resource makes; references without a usable name are left to the schema rules. */
export function referencesOf(resource: Resource): Reference[] {
  const specs = specsOf(resource);
  if (specs.length === 0) return [];
  const out: Reference[] = [];
  for (const spec of specs) {
    for (const [pointer, value] of pathMatches(resource.object, compiled(spec.path))) {
      let name: unknown;
      let ns: unknown;
      let key: unknown;
      let optional = false;
      if (spec.nameField === '') name = value;
      else if (isPlainObject(value)) {
        name = value[spec.nameField];
        ns = spec.hasNamespace ? value.namespace : undefined;
        key = spec.hasKey ? value.key : undefined;
        optional = spec.optional === true && value.optional === true;
      }
      if (typeof name !== 'string' || name === '') continue;
      const explicit = typeof ns === 'string' && ns !== '';
      const target: ObjectKey = { group: spec.toGroup, kind: spec.toKind, namespace: explicit ? (ns as string) : resource.namespace, name };
      out.push(new Ref(spec, resource, pointer, target, typeof key === 'string' ? key : undefined, explicit, optional));
    }
  }
  return out;
}

/** Path patterns split once. */
const COMPILED = new Map<string, PathStep[]>();
/** A path pattern (`*` every list item, `{}` every map value, `a|b` either field) as steps. */
function compiled(pattern: string): PathStep[] {
  let c = COMPILED.get(pattern);
  if (!c) {
    c = pattern
      .slice(1)
      .split('/')
      .map((s): PathStep =>
        s === '*' ? ITEM_STEP : s === '{}' ? VALUE_STEP : { seg: s.split('|'), esc: s.split('|').map(escapeSegment) },
      );
    COMPILED.set(pattern, c);
  }
  return c;
}

/** Does a concrete JSON pointer match a reference path pattern (`*` any list index, `{}` any map key, `a|b` either field)? */
export function matchesRefPath(pattern: string, pointer: string): boolean {
  const want = compiled(pattern);
  const have = pointer === '' ? [] : pointer.slice(1).split('/');
  return (
    want.length === have.length &&
    want.every(({ any, esc }, i) => (any === 'item' ? /^\d+$/.test(have[i]) : any === 'value' ? true : esc.includes(have[i])))
  );
}

/**
 * Which field of which reference a pointer names, for an editor cursor on a value that may not
 * parse into a reference yet (`name: |`): the reference's name, namespace or key field.
 */
export function referenceFieldAt(
  specs: readonly RefSpec[],
  pointer: string,
): { spec: RefSpec; field: 'name' | 'namespace' | 'key'; refPointer: string } | undefined {
  const slash = pointer.lastIndexOf('/');
  const parent = slash <= 0 ? '' : pointer.slice(0, slash);
  const last = pointer.slice(slash + 1);
  for (const spec of specs) {
    if (spec.nameField === '' && matchesRefPath(spec.path, pointer)) return { spec, field: 'name', refPointer: pointer };
    if (!matchesRefPath(spec.path, parent)) continue;
    if (last === spec.nameField) return { spec, field: 'name', refPointer: parent };
    if (last === 'namespace' && spec.hasNamespace) return { spec, field: 'namespace', refPointer: parent };
    if (last === 'key' && spec.hasKey) return { spec, field: 'key', refPointer: parent };
  }
  return undefined;
}
