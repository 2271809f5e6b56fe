// What is a reference: ONE declarative table. Adding a reference kind is one line here.
import type { ObjectKey, Range, Resource } from './model.js';
import { FLOKOA_GROUP } from './kinds.js';
import { escapeSegment } from './pointer.js';
import { isObject } from './resources.js';

export interface RefSpec {
  /** Stable id, e.g. `agent-model`. */
  id: string;
  fromGroup: string;
  fromKind: string;
  /** JSON pointer pattern: `*` is every item of a list, `a|b` either field. */
  path: string;
  toGroup: string;
  toKind: string;
  /** Field of the referring object that holds the name; '' when the value at `path` is the name itself. */
  nameField: string;
  /** The reference may name a namespace (`namespace:`); when it may not, the target is always in the referrer's namespace. */
  hasNamespace?: boolean;
  /** The reference names a key (`key:`) inside the target Secret or ConfigMap. */
  hasKey?: boolean;
  /** Kubernetes' `optional: true` on the reference makes a missing target acceptable. */
  optional?: boolean;
}

const F = FLOKOA_GROUP;
const CONTAINER = '/spec/runtime/spec|standard/container';
const POD = '/spec/runtime/spec|standard';

// prettier-ignore
export const REFERENCE_SPECS: readonly RefSpec[] = [
  { id: 'agent-model',             fromGroup: F, fromKind: 'Agent',         path: '/spec/model',                           toGroup: F,  toKind: 'Model',          nameField: 'name', hasNamespace: true },
  { id: 'agent-tool',              fromGroup: F, fromKind: 'Agent',         path: '/spec/tools/*/toolRef',                 toGroup: F,  toKind: 'AgentTool',      nameField: 'name', hasNamespace: true },
  { id: 'agent-env-secret',        fromGroup: F, fromKind: 'Agent',         path: `${CONTAINER}/env/*/valueFrom/secretKeyRef`,    toGroup: '', toKind: 'Secret',    nameField: 'name', hasKey: true, optional: true },
  { id: 'agent-env-configmap',     fromGroup: F, fromKind: 'Agent',         path: `${CONTAINER}/env/*/valueFrom/configMapKeyRef`, toGroup: '', toKind: 'ConfigMap', nameField: 'name', hasKey: true, optional: true },
  { id: 'agent-envfrom-secret',    fromGroup: F, fromKind: 'Agent',         path: `${CONTAINER}/envFrom/*/secretRef`,             toGroup: '', toKind: 'Secret',    nameField: 'name', optional: true },
  { id: 'agent-envfrom-configmap', fromGroup: F, fromKind: 'Agent',         path: `${CONTAINER}/envFrom/*/configMapRef`,          toGroup: '', toKind: 'ConfigMap', nameField: 'name', optional: true },
  { id: 'agent-volume-secret',     fromGroup: F, fromKind: 'Agent',         path: `${POD}/volumes/*/secret`,              toGroup: '', toKind: 'Secret',         nameField: 'secretName', optional: true },
  { id: 'agent-volume-configmap',  fromGroup: F, fromKind: 'Agent',         path: `${POD}/volumes/*/configMap`,           toGroup: '', toKind: 'ConfigMap',      nameField: 'name', optional: true },
  { id: 'agent-image-pull-secret', fromGroup: F, fromKind: 'Agent',         path: `${POD}/imagePullSecrets/*`,            toGroup: '', toKind: 'Secret',         nameField: 'name' },
  { id: 'agent-service-account',   fromGroup: F, fromKind: 'Agent',         path: `${POD}/serviceAccountName`,            toGroup: '', toKind: 'ServiceAccount', nameField: '' },
  { id: 'model-provider',          fromGroup: F, fromKind: 'Model',         path: '/spec/providerRef',                     toGroup: F,  toKind: 'ModelProvider',  nameField: 'name', hasNamespace: true },
  { id: 'provider-api-key',        fromGroup: F, fromKind: 'ModelProvider', path: '/spec/apiKeySecretRef',                 toGroup: '', toKind: 'Secret',         nameField: 'name', hasKey: true },
  { id: 'provider-google-key',     fromGroup: F, fromKind: 'ModelProvider', path: '/spec/google/serviceAccountKeySecretRef', toGroup: '', toKind: 'Secret',       nameField: 'name', hasKey: true },
  { id: 'provider-tls-ca',         fromGroup: F, fromKind: 'ModelProvider', path: '/spec/tls/caSecretRef',                 toGroup: '', toKind: 'Secret',         nameField: 'name', hasKey: true },
  { id: 'tool-service',            fromGroup: F, fromKind: 'AgentTool',     path: '/spec/openApi/serviceRef',              toGroup: '', toKind: 'Service',        nameField: 'name', hasNamespace: true },
  { id: 'tool-schema-configmap',   fromGroup: F, fromKind: 'AgentTool',     path: '/spec/openApi/openApiSchema/valueFrom', toGroup: '', toKind: 'ConfigMap',      nameField: 'name', hasKey: true },
];

const BY_SOURCE = new Map<string, RefSpec[]>();
for (const s of REFERENCE_SPECS) {
  const k = `${s.fromGroup}/${s.fromKind}`;
  BY_SOURCE.set(k, [...(BY_SOURCE.get(k) ?? []), s]);
}

/** Reference kinds that can point at a kind (for completion and "what could refer to this"). */
export function specsTo(group: string, kind: string): RefSpec[] {
  return REFERENCE_SPECS.filter((s) => s.toGroup === group && s.toKind === kind);
}

export function specsFrom(group: string, kind: string): RefSpec[] {
  return BY_SOURCE.get(`${group}/${kind}`) ?? [];
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
  const specs = BY_SOURCE.get(`${resource.group}/${resource.kind}`);
  if (!specs) return [];
  const out: Reference[] = [];
  for (const spec of specs) {
    for (const [pointer, value] of expand(resource.object, spec.path)) {
      let name: unknown;
      let ns: unknown;
      let key: unknown;
      let optional = false;
      if (spec.nameField === '') name = value;
      else if (isObject(value)) {
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

/** Path patterns split once: each segment is '*' or a list of alternative field names. */
const COMPILED = new Map<string, { seg: string[]; esc: string[] }[]>();
function compiled(pattern: string): { seg: string[]; esc: string[] }[] {
  let c = COMPILED.get(pattern);
  if (!c) {
    c = pattern
      .slice(1)
      .split('/')
      .map((s) => ({ seg: s === '*' ? [] : s.split('|'), esc: s === '*' ? [] : s.split('|').map(escapeSegment) }));
    COMPILED.set(pattern, c);
  }
  return c;
}

/** Concrete (pointer, value) pairs matching a path pattern. */
function expand(root: unknown, pattern: string): [string, unknown][] {
  let current: [string, unknown][] = [['', root]];
  for (const { seg, esc } of compiled(pattern)) {
    const next: [string, unknown][] = [];
    for (const [ptr, v] of current) {
      if (seg.length === 0) {
        if (Array.isArray(v)) for (let i = 0; i < v.length; i++) next.push([`${ptr}/${i}`, v[i]]);
      } else if (isObject(v)) {
        for (let i = 0; i < seg.length; i++) {
          const x = v[seg[i]];
          if (x !== undefined) next.push([`${ptr}/${esc[i]}`, x]);
        }
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/** Does a concrete JSON pointer match a reference path pattern (`*` any list index, `a|b` either field)? */
export function matchesRefPath(pattern: string, pointer: string): boolean {
  const want = compiled(pattern);
  const have = pointer === '' ? [] : pointer.slice(1).split('/');
  return want.length === have.length && want.every(({ esc }, i) => (esc.length === 0 ? /^\d+$/.test(have[i]) : esc.includes(have[i])));
}

/**
 * Which field of which reference a pointer names, for an editor cursor on a value that may not
 * parse into a reference yet (`name: |`): the reference's name, namespace or key field.
 */
export function referenceFieldAt(
  group: string,
  kind: string,
  pointer: string,
): { spec: RefSpec; field: 'name' | 'namespace' | 'key'; refPointer: string } | undefined {
  const slash = pointer.lastIndexOf('/');
  const parent = slash <= 0 ? '' : pointer.slice(0, slash);
  const last = pointer.slice(slash + 1);
  for (const spec of specsFrom(group, kind)) {
    if (spec.nameField === '' && matchesRefPath(spec.path, pointer)) return { spec, field: 'name', refPointer: pointer };
    if (!matchesRefPath(spec.path, parent)) continue;
    if (last === spec.nameField) return { spec, field: 'name', refPointer: parent };
    if (last === 'namespace' && spec.hasNamespace) return { spec, field: 'namespace', refPointer: parent };
    if (last === 'key' && spec.hasKey) return { spec, field: 'key', refPointer: parent };
  }
  return undefined;
}
