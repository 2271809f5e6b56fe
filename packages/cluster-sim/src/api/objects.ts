// The semantics of the API server's generic registry, shared by the HTTP handlers and the
// simulated controllers: create/update/patch/delete with defaulting, validation, CRD schema
// pruning, resourceVersion preconditions, generation, managedFields, finalizers and dry run.

import type { SimClock } from '../clock.js';
import { rfc3339 } from '../clock.js';
import { validateAndPrune } from '../crd-validation.js';
import type { FieldError } from '../errors.js';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, STALE_MESSAGE } from '../errors.js';
import type { KObject } from '../object.js';
import { clone, deepEqual, isPlainObject } from '../object.js';
import { newUid, randomSuffix } from '../names.js';
import type { Registry, ResourceType } from '../resources.js';
import { apiVersionOf, resourceTypeFromCrd, typeKey } from '../resources.js';
import type { FieldRequirement, Selector } from '../selectors.js';
import { matchesFields, matchesLabels } from '../selectors.js';
import type { Store } from '../store.js';
import { PATCH_TYPES, applyPatchOfType, checkPreconditions } from './patchBody.js';
import { applyDefaults } from './defaults.js';
import { validateBuiltin, validateMetadata } from './validation.js';
import { crdStatus, stripTimes, validateCrd } from './crds.js';
import { recordManager } from './managedFields.js';

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

/** Metadata fields a client may not set; the server owns them. */
const SYSTEM_META = ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'];

/** The admission plugins a create passes through (cluster-sim's admission/ implements them). */
export interface Admission {
  /** Mutating admission of a create (after defaulting, before validation). */
  mutate(t: ResourceType, obj: KObject): void;
  /** Validating admission of a create: throws the error that refuses it; records quota usage unless a dry run. */
  validate(t: ResourceType, obj: KObject, dryRun: boolean): void;
}

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
    recordManager(obj, opts, this.now());
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
    const patched = applyPatchOfType(t, current, contentType, patch);
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
    checkPreconditions(t, name, old, opts.preconditions ?? {});
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
    recordManager(result, opts, this.now());
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
    const status = crdStatus(obj, this.now());
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
