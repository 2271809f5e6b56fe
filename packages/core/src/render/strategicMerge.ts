// Strategic merge patches the way kustomize applies them (kyaml's merge2): maps merge field by
// field, a null deletes, `$patch: delete|replace` directives, and lists merge by key only where
// the Kubernetes API declares a merge strategy for them (containers by name, env by name…).
// Custom resources have no such declarations in kustomize, so their lists are replaced whole.
import type { FieldOrigin } from './model.js';
import { derive, isJsonObject, type Json, type JsonObject, type OriginBook } from './origins.js';

const DIRECTIVE = '$patch';
const DELETE = Symbol('delete');

/** How a list merges: by these keys; [] is a list of scalars merged as a set. */
type ListRule = string[];

const POD_SPEC: Record<string, ListRule> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};
const CONTAINER: Record<string, ListRule> = {
  ports: ['containerPort', 'protocol'],
  env: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
};
const METADATA: Record<string, ListRule> = { finalizers: [], ownerReferences: ['uid'] };
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Where the pod spec sits in kinds that have one. */
const POD_SPEC_AT: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** API groups whose kinds kustomize has schemas for (built-in Kubernetes types). */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'node.k8s.io',
]);

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The merge rule of the list at a field path (list indices left out), for an object of this kind. */
export function listRule(group: string, kind: string, path: string[]): ListRule | undefined {
  if (!BUILTIN_GROUPS.has(group)) return undefined;
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'metadata') return METADATA[last];
  if (group === '' && kind === 'Service' && path.join('/') === 'spec/ports') return ['port', 'protocol'];
  const podSpec = POD_SPEC_AT[kind];
  if (!podSpec) return undefined;
  const template = podSpec.slice(0, -1).concat('metadata');
  if (path.length === template.length + 1 && startsWith(path, template) && podSpec.length > 1) return METADATA[last];
  if (!startsWith(path, podSpec)) return undefined;
  const rest = path.slice(podSpec.length);
  if (rest.length === 1) return POD_SPEC[rest[0]];
  if (rest.length === 2 && CONTAINER_LISTS.has(rest[0])) return CONTAINER[rest[1]];
  return undefined;
}

interface Ctx {
  book: OriginBook;
  group: string;
  kind: string;
}

/** A merge result: the value (or a deletion) and where it now comes from. */
type Result = { value: Json; origin: FieldOrigin } | typeof DELETE;

/**
 * Merges `patch` into `target` in place (a whole object). Returns false when the patch deletes
 * the object (`$patch: delete` at the top).
 */
export function applyStrategicMerge(
  book: OriginBook,
  target: JsonObject,
  targetOrigin: FieldOrigin,
  patch: JsonObject,
  patchOrigin: FieldOrigin,
  gvk: { group: string; kind: string },
): boolean {
  const ctx: Ctx = { book, group: gvk.group, kind: gvk.kind };
  if (patch[DIRECTIVE] === 'delete') return false;
  if (patch[DIRECTIVE] === 'replace') for (const k of Object.keys(target)) delete target[k];
  mergeMapInto(ctx, target, targetOrigin, patch, patchOrigin, []);
  return true;
}

function mergeMapInto(
  ctx: Ctx,
  dest: JsonObject,
  destOrigin: FieldOrigin,
  patch: JsonObject,
  patchOrigin: FieldOrigin,
  path: string[],
): void {
  for (const key of Object.keys(patch).sort()) {
    if (key === DIRECTIVE) continue;
    const r = mergeValue(ctx, dest[key], ctx.book.childOrigin(dest, key, destOrigin), patch[key], derive(patchOrigin, key), [...path, key]);
    if (r === DELETE) delete dest[key];
    else if (r.value !== dest[key] || typeof r.value !== 'object') ctx.book.set(dest, key, r.value, r.origin);
  }
}

function mergeValue(
  ctx: Ctx,
  dest: Json | undefined,
  destOrigin: FieldOrigin,
  patch: Json,
  patchOrigin: FieldOrigin,
  path: string[],
): Result {
  if (patch === null) return DELETE;
  if (dest === undefined || dest === null) return added(ctx, patch, patchOrigin, path);
  if (isJsonObject(patch)) {
    if (!isJsonObject(dest)) return added(ctx, patch, patchOrigin, path);
    const directive = patch[DIRECTIVE];
    if (directive === 'delete') return DELETE;
    if (directive === 'replace') return added(ctx, patch, patchOrigin, path);
    mergeMapInto(ctx, dest, destOrigin, patch, patchOrigin, path);
    return { value: dest, origin: destOrigin };
  }
  if (Array.isArray(patch)) {
    const rule = listRule(ctx.group, ctx.kind, path);
    if (rule === undefined || !Array.isArray(dest)) return { value: ctx.book.adopt(patch, patchOrigin), origin: patchOrigin };
    return mergeList(ctx, dest, destOrigin, patch, patchOrigin, path, rule);
  }
  return { value: patch, origin: patchOrigin };
}

/** A value the patch adds where the target has none: nulls dropped, directives applied. */
function added(ctx: Ctx, patch: Json, origin: FieldOrigin, path: string[]): Result {
  if (patch === null) return DELETE;
  if (isJsonObject(patch)) {
    if (patch[DIRECTIVE] === 'delete') return DELETE;
    const out: JsonObject = {};
    for (const key of Object.keys(patch)) {
      if (key === DIRECTIVE) continue;
      const r = added(ctx, patch[key], derive(origin, key), [...path, key]);
      if (r !== DELETE) ctx.book.set(out, key, r.value, r.origin);
    }
    ctx.book.mark(out, origin);
    return { value: out, origin };
  }
  if (Array.isArray(patch)) {
    const rule = listRule(ctx.group, ctx.kind, path);
    if (rule === undefined) return { value: ctx.book.adopt(patch, origin), origin };
    return mergeList(ctx, [], origin, patch, origin, path, rule);
  }
  return { value: patch, origin };
}

/** A `{$patch: …}` element of a list is a directive for the whole list. */
function listDirective(list: Json[]): { directive?: string; items: Json[] } {
  const i = list.findIndex((e) => isJsonObject(e) && Object.keys(e).length === 1 && typeof e[DIRECTIVE] === 'string');
  if (i < 0) return { items: list };
  return { directive: (list[i] as JsonObject)[DIRECTIVE] as string, items: list.filter((_, j) => j !== i) };
}

function keyOf(el: Json, rule: ListRule): string | undefined {
  if (rule.length === 0) return el !== null && typeof el !== 'object' ? `=${String(el)}` : undefined;
  if (!isJsonObject(el)) return undefined;
  const parts = rule.map((k) => (el[k] === undefined || el[k] === null ? '' : String(el[k])));
  return parts[0] === '' ? undefined : parts.join('\0');
}

/** The output list being built, with each element's origin and a position per key. */
class ListBuilder {
  readonly items: Json[] = [];
  readonly origins: FieldOrigin[] = [];
  private readonly byKey = new Map<string, number>();

  has(k: string | undefined): boolean {
    return k !== undefined && this.byKey.has(k);
  }

  put(k: string | undefined, value: Json, origin: FieldOrigin): void {
    const at = k === undefined ? undefined : this.byKey.get(k);
    if (at !== undefined) {
      this.items[at] = value;
      this.origins[at] = origin;
      return;
    }
    if (k !== undefined) this.byKey.set(k, this.items.length);
    this.items.push(value);
    this.origins.push(origin);
  }
}

/**
 * Merges two lists by key. Elements the patch names come first, in the patch's order, then the
 * target's other elements (kustomize prepends patch elements); `$patch: delete` removes one.
 */
function mergeList(
  ctx: Ctx,
  dest: Json[],
  destOrigin: FieldOrigin,
  patch: Json[],
  patchOrigin: FieldOrigin,
  path: string[],
  rule: ListRule,
): Result {
  const { directive, items } = listDirective(patch);
  if (directive === 'delete') return DELETE;
  if (directive === 'replace') return mergeList(ctx, [], patchOrigin, items, patchOrigin, path, rule);
  const destOrigins = ctx.book.pin(dest, destOrigin);
  const destByKey = new Map<string, number>();
  dest.forEach((el, i) => {
    const k = keyOf(el, rule);
    if (k !== undefined && !destByKey.has(k)) destByKey.set(k, i);
  });
  const out = new ListBuilder();
  const deleted = new Set<string>();
  const mergedInto = new Map<number, { value: Json; origin: FieldOrigin }>();
  for (const el of items) {
    const k = keyOf(el, rule);
    const pOrigin = derive(patchOrigin, patch.indexOf(el));
    if (isJsonObject(el) && el[DIRECTIVE] === 'delete') {
      if (k !== undefined) deleted.add(k);
      continue;
    }
    const di = k === undefined ? undefined : destByKey.get(k);
    const r = di === undefined ? added(ctx, el, pOrigin, path) : mergeValue(ctx, dest[di], destOrigins[di], el, pOrigin, path);
    if (r === DELETE) {
      if (k !== undefined) deleted.add(k);
    } else if (di !== undefined && rule.length > 1) mergedInto.set(di, r);
    else out.put(k, r.value, r.origin);
  }
  // With a composite key (ports: containerPort + protocol) kustomize puts the target's elements
  // back in their own order after the patch's new ones; with one key the patch's order leads.
  dest.forEach((el, i) => {
    const k = keyOf(el, rule);
    const merged = mergedInto.get(i);
    if (merged) out.put(k, merged.value, merged.origin);
    else if (k === undefined || !(deleted.has(k) || out.has(k))) out.put(k, el, destOrigins[i]);
  });
  ctx.book.mark(out.items, destOrigin);
  ctx.book.place(out.items, out.origins);
  return { value: out.items, origin: destOrigin };
}
