// The semantics of the API server's generic registry, shared by the HTTP handlers and the
// simulated controllers: create/update/patch/delete with defaulting, validation, CRD schema
// pruning, resourceVersion preconditions, generation, managedFields, finalizers and dry run.

import type { SimClock } from '../clock.js';
import { rfc3339 } from '../clock.js';
import { validateAndPrune } from '../crd-validation.js';
import type { FieldError } from '../errors.js';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, STALE_MESSAGE, unsupportedMediaType } from '../errors.js';
import type { KObject } from '../object.js';
import { clone, deepEqual, isPlainObject } from '../object.js';
import { newUid, randomSuffix } from '../names.js';
import type { Registry, ResourceType } from '../resources.js';
import { apiVersionOf, resourceTypeFromCrd, typeKey } from '../resources.js';
import type { FieldRequirement, Selector } from '../selectors.js';
import { matchesFields, matchesLabels } from '../selectors.js';
import type { Store } from '../store.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge.js';
import { applyDefaults } from './defaults.js';
import type { Admission } from '../admission/index.js';
import { validateBuiltin, validateMetadata } from './validation.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** `status` to write only the status; '' for the main resource. */
  subresource?: string;
  /** managedFields operation: server-side apply records `Apply`. */
  operation?: 'Apply' | 'Update';
}

export interface WriteResult {
  object: KObject;
  warnings: string[];
  /** True when a create happened (server-side apply of a missing object). */
  created?: boolean;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { resourceVersion?: string; uid?: string };
  /** For pods on a node: how long the kubelet has to stop them (default spec.terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
}

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** Metadata fields a client may not set; the server owns them. */
const SYSTEM_META = ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'];

export class ObjectApi {
  private nextClusterIP = 10;
  /** The admission plugins creates pass through (set once the context exists). */
  admission?: Admission;

  constructor(
    readonly store: Store,
    readonly registry: Registry,
    readonly clock: SimClock,
  ) {}

  now(): string {
    return rfc3339(this.clock.now());
  }

  get(t: ResourceType, namespace: string | undefined, name: string): KObject {
    const o = this.store.get(typeKey(t), t.namespaced ? namespace : undefined, name);
    if (!o) throw notFound(t.group, t.plural, name);
    return o;
  }

  tryGet(t: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    return this.store.get(typeKey(t), t.namespaced ? namespace : undefined, name);
  }

  list(t: ResourceType, namespace: string | undefined, opts: ListOptions = {}): KObject[] {
    return this.store
      .peekList(typeKey(t), t.namespaced ? namespace : undefined)
      .filter((o) => matches(o, opts))
      .map(clone);
  }

  create(t: ResourceType, namespace: string | undefined, body: KObject, opts: WriteOptions = {}): WriteResult {
    const obj = this.normalizeBody(t, namespace, body);
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + randomSuffix();
    if (t.namespaced) this.requireNamespace(obj.metadata.namespace!, obj.metadata.name ?? '');
    for (const k of SYSTEM_META) delete obj.metadata[k];
    delete obj.metadata.resourceVersion;
    if (t.subresources.includes('status') && t.kind !== 'Namespace') delete obj.status;
    const warnings = this.prepare(t, obj, opts, true);
    const key = typeKey(t);
    if (obj.metadata.name && this.store.peek(key, obj.metadata.namespace, obj.metadata.name)) {
      throw alreadyExists(t.group, t.plural, obj.metadata.name);
    }
    this.admission?.validate(t, obj, !!opts.dryRun);
    obj.metadata.uid = newUid();
    obj.metadata.creationTimestamp = this.now();
    obj.metadata.generation = 1;
    this.recordManager(obj, opts);
    if (opts.dryRun) return { object: obj, warnings, created: true };
    const stored = this.store.put(key, obj);
    this.afterWrite(t, stored, false);
    return { object: stored, warnings, created: true };
  }

  update(t: ResourceType, namespace: string | undefined, name: string, body: KObject, opts: WriteOptions = {}): WriteResult {
    const key = typeKey(t);
    const ns = t.namespaced ? namespace : undefined;
    const old = this.store.get(key, ns, name);
    if (!old) throw notFound(t.group, t.plural, name);
    const incoming = this.normalizeBody(t, namespace, body);
    if (incoming.metadata.name && incoming.metadata.name !== name) {
      throw badRequest(`the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`);
    }
    incoming.metadata.name = name;
    const rv = incoming.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(t.group, t.plural, name, STALE_MESSAGE);
    return this.commitUpdate(t, old, incoming, opts);
  }

  patch(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    patch: unknown,
    opts: WriteOptions = {},
  ): WriteResult {
    const key = typeKey(t);
    const ns = t.namespaced ? namespace : undefined;
    const old = this.store.get(key, ns, name);
    if (contentType === PATCH_TYPES.apply) {
      if (!old) {
        if (opts.subresource) throw notFound(t.group, t.plural, name);
        const body = isPlainObject(patch) ? (clone(patch) as KObject) : ({ metadata: {} } as KObject);
        body.metadata = { ...(body.metadata ?? {}), name };
        return this.create(t, namespace, body, { ...opts, operation: 'Apply' });
      }
    }
    if (!old) throw notFound(t.group, t.plural, name);
    const current = clone(old);
    current.apiVersion = apiVersionOf(t.group, t.version);
    current.kind = t.kind;
    let patched: unknown;
    switch (contentType) {
      case PATCH_TYPES.json:
        patched = applyJsonPatch(current, patch);
        break;
      case PATCH_TYPES.merge:
        if (!isPlainObject(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
        patched = applyMergePatch(current, patch);
        break;
      case PATCH_TYPES.strategic:
        if (!t.builtin) {
          throw unsupportedMediaType(
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        }
        patched = applyStrategicMergePatch(t.kind, current, patch);
        break;
      case PATCH_TYPES.apply:
        if (!isPlainObject(patch)) throw badRequest('apply patch must be an object');
        patched = t.builtin ? applyStrategicMergePatch(t.kind, current, patch) : applyMergePatch(current, patch);
        break;
      default:
        throw unsupportedMediaType(
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${t.builtin ? ', application/strategic-merge-patch+json' : ''}`,
        );
    }
    if (!isPlainObject(patched) || !isPlainObject(patched.metadata)) throw badRequest('the patch removed the object metadata');
    const next = patched as KObject;
    if (next.metadata.name !== name)
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(t.group, t.plural, name, STALE_MESSAGE);
    return this.commitUpdate(t, old, next, contentType === PATCH_TYPES.apply ? { ...opts, operation: 'Apply' } : opts);
  }

  /** Deletes now, or marks for deletion when finalizers remain. Returns the object as deleted. */
  delete(t: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const key = typeKey(t);
    const ns = t.namespaced ? namespace : undefined;
    const old = this.store.get(key, ns, name);
    if (!old) throw notFound(t.group, t.plural, name);
    const pre = opts.preconditions ?? {};
    if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(
        t.group,
        t.plural,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    if (pre.uid && pre.uid !== old.metadata.uid) {
      throw conflict(
        t.group,
        t.plural,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (opts.dryRun) return old;
    if (opts.propagationPolicy === 'Orphan') this.orphanChildren(old);
    const nodeName = (old.spec as { nodeName?: unknown } | undefined)?.nodeName;
    if (t.kind === 'Pod' && nodeName) {
      // A running pod is deleted gracefully: it turns Terminating and the kubelet removes it.
      const grace =
        opts.gracePeriodSeconds ?? Number((old.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? 30);
      if (grace > 0 && !old.metadata.deletionTimestamp) {
        old.metadata.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
        old.metadata.deletionGracePeriodSeconds = grace;
        return this.store.put(key, old);
      }
      if (grace > 0) return old;
    }
    const finalizers = [...(old.metadata.finalizers ?? [])];
    if (t.kind === 'Namespace' && Array.isArray((old.spec as { finalizers?: unknown })?.finalizers)) finalizers.push('kubernetes');
    if (finalizers.length > 0) {
      if (old.metadata.deletionTimestamp) return old;
      old.metadata.deletionTimestamp = this.now();
      old.metadata.deletionGracePeriodSeconds = 0;
      if (t.kind === 'Namespace') old.status = { ...(isPlainObject(old.status) ? old.status : {}), phase: 'Terminating' };
      return this.store.put(key, old);
    }
    const gone = this.store.remove(key, ns, name)!;
    this.afterWrite(t, gone, true);
    return gone;
  }

  /** Removes a namespace once its contents are gone (the namespace controller's finalize step). */
  finalizeNamespace(name: string): void {
    const t = this.registry.get('/namespaces')!;
    const ns = this.store.peek('/namespaces', undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if ((ns.metadata.finalizers ?? []).length > 0) return;
    const gone = this.store.remove('/namespaces', undefined, name);
    if (gone) this.afterWrite(t, gone, true);
  }

  private commitUpdate(t: ResourceType, old: KObject, incoming: KObject, opts: WriteOptions): WriteResult {
    const key = typeKey(t);
    const next = clone(incoming);
    const isStatus = opts.subresource === 'status';
    let result: KObject;
    if (isStatus) {
      result = clone(old);
      if (incoming.status === undefined) delete result.status;
      else result.status = incoming.status;
    } else {
      result = next;
      if (t.subresources.includes('status') && t.kind !== 'Namespace') {
        if (old.status === undefined) delete result.status;
        else result.status = clone(old.status);
      }
      if (t.kind === 'Namespace') result.status = clone(old.status);
    }
    for (const k of ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
      if (old.metadata[k] === undefined) delete result.metadata[k];
      else result.metadata[k] = old.metadata[k];
    }
    result.metadata.namespace = old.metadata.namespace;
    result.metadata.managedFields = clone(old.metadata.managedFields);
    const warnings = this.prepare(t, result, opts);
    if (!isStatus && specChanged(old, result)) result.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (deepEqual(stripVolatile(old), stripVolatile(result))) {
      // A no-op write does not bump the resourceVersion, as on a real server.
      return { object: old, warnings };
    }
    this.recordManager(result, opts);
    if (opts.dryRun) return { object: result, warnings };
    if (result.metadata.deletionTimestamp && (result.metadata.finalizers ?? []).length === 0 && t.kind !== 'Namespace') {
      const gone = this.store.remove(key, result.metadata.namespace, result.metadata.name!)!;
      this.afterWrite(t, gone, true);
      return { object: gone, warnings };
    }
    const stored = this.store.put(key, result);
    this.afterWrite(t, stored, false);
    return { object: stored, warnings };
  }

  /** Schema pruning, defaulting and validation; returns warnings for pruned fields. */
  private prepare(t: ResourceType, obj: KObject, opts: WriteOptions, creating = false): string[] {
    const warnings: string[] = [];
    if (t.schema) {
      const r = validateAndPrune(t.schema, obj as Record<string, unknown>);
      if (r.unknown.length > 0) {
        const mode = opts.fieldValidation ?? 'Warn';
        if (mode === 'Strict') {
          throw badRequest(
            `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${r.unknown
              .map((f) => `unknown field "${f}"`)
              .join(', ')}`,
          );
        }
        if (mode === 'Warn') warnings.push(...r.unknown.map((f) => `unknown field "${f}"`));
      }
      const errors = [...validateMetadata(t.kind, obj), ...r.errors];
      if (errors.length > 0) throw invalid(t.kind, t.group, obj.metadata.name ?? '', errors);
      return warnings;
    }
    if (!t.builtin) {
      // A CRD without a schema: anything goes, as with x-kubernetes-preserve-unknown-fields.
      const errors = validateMetadata(t.kind, obj);
      if (errors.length > 0) throw invalid(t.kind, t.group, obj.metadata.name ?? '', errors);
      return warnings;
    }
    applyDefaults(t.kind, obj, { allocateClusterIP: () => this.allocateClusterIP() });
    if (creating) this.admission?.mutate(t, obj);
    const errors: FieldError[] = [...validateMetadata(t.kind, obj), ...validateBuiltin(t.kind, obj)];
    if (t.kind === 'CustomResourceDefinition') errors.push(...validateCrd(obj));
    if (errors.length > 0) throw invalid(t.kind, t.group, obj.metadata.name ?? '', errors);
    return warnings;
  }

  private normalizeBody(t: ResourceType, namespace: string | undefined, body: KObject): KObject {
    if (!isPlainObject(body)) throw badRequest('Object cannot be handled: the body is not a JSON object');
    const obj = clone(body);
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    const expected = apiVersionOf(t.group, t.version);
    if (obj.kind !== undefined && obj.kind !== t.kind) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (t.namespaced) {
      const bodyNs = obj.metadata.namespace;
      if (bodyNs && namespace && bodyNs !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = namespace ?? bodyNs ?? 'default';
    } else delete obj.metadata.namespace;
    obj.apiVersion = apiVersionOf(t.group, t.version);
    obj.kind = t.kind;
    return obj;
  }

  private requireNamespace(ns: string, name: string): void {
    const o = this.store.peek('/namespaces', undefined, ns);
    if (!o) throw notFound('', 'namespaces', ns);
    if (o.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${name ? `"${name}"` : 'object'} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name,
          kind: 'namespaces',
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
        },
      );
    }
  }

  private recordManager(obj: KObject, opts: WriteOptions): void {
    const manager = opts.fieldManager;
    const operation = opts.operation ?? 'Update';
    if (!manager) return;
    const entries = (Array.isArray(obj.metadata.managedFields) ? obj.metadata.managedFields : []).filter(
      (e) =>
        !(isPlainObject(e) && e.manager === manager && e.operation === operation && (e.subresource ?? '') === (opts.subresource ?? '')),
    );
    const source = opts.subresource === 'status' ? { status: obj.status } : { ...obj, status: undefined };
    entries.push({
      manager,
      operation,
      apiVersion: obj.apiVersion,
      time: this.now(),
      fieldsType: 'FieldsV1',
      fieldsV1: fieldSet(source),
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
    });
    obj.metadata.managedFields = entries;
  }

  private orphanChildren(owner: KObject): void {
    const uid = owner.metadata.uid!;
    for (const [key, ns, name] of this.store.childrenOf(uid)) {
      const child = this.store.get(key, ns, name);
      if (!child) continue;
      child.metadata.ownerReferences = (child.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (child.metadata.ownerReferences.length === 0) delete child.metadata.ownerReferences;
      this.store.put(key, child);
    }
  }

  private afterWrite(t: ResourceType, obj: KObject, deleted: boolean): void {
    if (t.kind !== 'CustomResourceDefinition') return;
    const served = resourceTypeFromCrd(obj);
    this.registry.applyCrd(obj, deleted);
    if (deleted) {
      // Deleting a CRD deletes every object of its kind.
      if (served)
        for (const o of this.store.peekList(typeKey(served))) this.store.remove(typeKey(served), o.metadata.namespace, o.metadata.name!);
      return;
    }
    const accepted = isPlainObject(obj.spec) ? obj.spec.names : undefined;
    const status = {
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: this.now() },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: this.now(),
        },
      ],
      acceptedNames: accepted,
      storedVersions: Array.isArray((obj.spec as { versions?: unknown[] }).versions)
        ? (obj.spec as { versions: { name: string; storage?: boolean }[] }).versions.filter((v) => v.storage).map((v) => v.name)
        : [],
    };
    if (!deepEqual(obj.status, status)) {
      const cur = this.store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, obj.metadata.name!);
      if (cur && !deepEqual(stripTimes(cur.status), stripTimes(status))) {
        cur.status = status;
        this.store.put('apiextensions.k8s.io/customresourcedefinitions', cur);
      }
    }
  }

  private allocateClusterIP(): string {
    const n = this.nextClusterIP++;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }
}

function matches(o: KObject, opts: ListOptions): boolean {
  if (opts.labelSelector && !matchesLabels(opts.labelSelector, o.metadata.labels)) return false;
  if (opts.fieldSelector && !matchesFields(opts.fieldSelector, o)) return false;
  return true;
}

function specChanged(old: KObject, next: KObject): boolean {
  const strip = (o: KObject): Record<string, unknown> => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !deepEqual(strip(old), strip(next));
}

function stripVolatile(o: KObject): unknown {
  const c = clone(o);
  delete c.metadata.resourceVersion;
  delete c.metadata.managedFields;
  return c;
}

function stripTimes(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null, (k, x) => (k === 'lastTransitionTime' ? undefined : x)));
}

/** A FieldsV1 set (`f:spec: {f:replicas: {}}`) of the fields an object sets; lists are atomic here. */
function fieldSet(v: unknown): Record<string, unknown> {
  if (!isPlainObject(v)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (['apiVersion', 'kind'].includes(k)) continue;
    if (k === 'metadata' && isPlainObject(x)) {
      const meta: Record<string, unknown> = {};
      for (const mk of ['labels', 'annotations']) if (isPlainObject(x[mk])) meta[`f:${mk}`] = fieldSet(x[mk]);
      if (Object.keys(meta).length > 0) out['f:metadata'] = meta;
      continue;
    }
    out[`f:${k}`] = isPlainObject(x) ? fieldSet(x) : {};
  }
  return out;
}

function validateCrd(o: KObject): FieldError[] {
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const errors: FieldError[] = [];
  if (typeof spec.group !== 'string' || !spec.group)
    errors.push({ field: 'spec.group', reason: 'FieldValueRequired', detail: 'Required value' });
  if (typeof names.plural !== 'string' || !names.plural)
    errors.push({ field: 'spec.names.plural', reason: 'FieldValueRequired', detail: 'Required value' });
  if (typeof names.kind !== 'string' || !names.kind)
    errors.push({ field: 'spec.names.kind', reason: 'FieldValueRequired', detail: 'Required value' });
  if (errors.length === 0 && o.metadata.name !== `${names.plural}.${spec.group}`) {
    errors.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      detail: `Invalid value: ${JSON.stringify(o.metadata.name)}: must be spec.names.plural+"."+spec.group`,
    });
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    errors.push({
      field: 'spec.versions',
      reason: 'FieldValueInvalid',
      detail: 'Invalid value: null: must have exactly one version marked as storage version',
    });
  }
  return errors;
}
