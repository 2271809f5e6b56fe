// Cluster objects behind core's synchronous ResourceLookup. The resolver runs in rounds: whatever it
// asks for that is not fetched yet is recorded (and answered with a stand-in), fetched in one batch, and
// the resolver runs again, until it asks for nothing new. Each round goes one level down the chain.
// Batches are shaped so requests never grow with the number of references: GETs along one agent's
// chain, or one LIST per kind and namespace scope (cluster-wide with -A) when many agents are walked.
import {
  EMPTY_SOURCE_MAP,
  isPlainObject,
  keyString,
  resourcesFromObject,
  type ObjectKey,
  type Resource,
  type ResourceLookup,
} from '@flokoa/core';
import { ACCEPT_METADATA, ACCEPT_METADATA_LIST, apiVersionOf, collectionPath, objectPath, KubeApiError } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';

/** How lookups are batched: one GET per object, or LISTs per namespace, or cluster-wide LISTs. */
export type FetchMode = 'get' | 'namespace' | 'cluster';

interface Scope {
  group: string;
  kind: string;
  /** undefined: cluster-wide. */
  namespace?: string;
}

const scopeKey = (s: Scope) => `${s.group}/${s.kind}/${s.namespace ?? '*'}`;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** JSON.parse reviver for Secret responses: keeps key names, drops every value (and the last-applied copy). */
export function stripSecretValues(key: string, value: unknown): unknown {
  if ((key === 'data' || key === 'stringData') && isPlainObject(value)) {
    return Object.fromEntries(Object.keys(value).map((k) => [k, '']));
  }
  if (key === 'annotations' && isPlainObject(value) && LAST_APPLIED in value) {
    const rest = { ...value };
    delete rest[LAST_APPLIED];
    return rest;
  }
  return value;
}

const isSecret = (group: string, kind: string) => group === '' && kind === 'Secret';

export class ClusterObjects {
  private readonly objects = new Map<string, Resource | null | 'forbidden'>();
  private readonly scopes = new Map<string, 'ok' | 'forbidden'>();
  private readonly scopeItems = new Map<string, Resource[]>();
  /** Keys of Secrets whose data was read (values dropped while parsing). */
  private readonly secretKeys = new Map<string, Set<string> | 'forbidden'>();
  private readonly stubs = new WeakSet<Resource>();

  constructor(
    private readonly client: KubeClient,
    readonly uri: string,
  ) {}

  toResource(obj: KObject, group: string, kind: string): Resource {
    const object = { ...obj, apiVersion: apiVersionOf(group), kind } as Record<string, unknown>;
    const [r] = resourcesFromObject(object, {
      uri: this.uri,
      namespace: (ns) => ({ namespace: typeof ns === 'string' ? ns : '', source: { kind: 'cluster' } }),
    });
    return r;
  }

  private stub(key: ObjectKey): Resource {
    const r: Resource = {
      uri: this.uri,
      docIndex: 0,
      apiVersion: apiVersionOf(key.group),
      group: key.group,
      version: apiVersionOf(key.group).split('/').pop() as string,
      kind: key.kind,
      name: key.name,
      namespace: key.namespace,
      namespaceSource: { kind: 'cluster' },
      object: { metadata: { name: key.name, namespace: key.namespace } },
      ranges: EMPTY_SOURCE_MAP,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    };
    this.stubs.add(r);
    return r;
  }

  /** A lookup for one resolver round; `needs` collects what it could not answer yet. */
  lookup(mode: FetchMode): ResourceLookup & { needs: { gets: Map<string, ObjectKey>; lists: Map<string, Scope> } } {
    const needs = { gets: new Map<string, ObjectKey>(), lists: new Map<string, Scope>() };
    const needList = (s: Scope) => needs.lists.set(scopeKey(s), s);
    const state = (s: Scope) => this.scopes.get(scopeKey(s));
    return {
      needs,
      get: (key) => {
        const known = this.objects.get(keyString(key));
        if (known !== undefined) return known === null ? undefined : known;
        const ns = state(key);
        const all = state({ group: key.group, kind: key.kind });
        if (ns === 'ok' || all === 'ok') return undefined;
        if (ns === 'forbidden') return 'forbidden';
        if (all === 'forbidden' || mode === 'namespace') needList({ group: key.group, kind: key.kind, namespace: key.namespace });
        else if (mode === 'cluster') needList({ group: key.group, kind: key.kind });
        else needs.gets.set(keyString(key), key);
        return this.stub(key);
      },
      list: (group, kind, namespace) => {
        const s: Scope = { group, kind, namespace };
        const own = state(s);
        if (own === 'ok') return this.scopeItems.get(scopeKey(s)) ?? [];
        if (namespace !== undefined && state({ group, kind }) === 'ok') {
          return (this.scopeItems.get(scopeKey({ group, kind })) ?? []).filter((r) => r.namespace === namespace);
        }
        if (own === 'forbidden') return 'forbidden';
        needList(s);
        return [];
      },
    };
  }

  /** Fetches what a round asked for, all in parallel. */
  async fetch(needs: { gets: Map<string, ObjectKey>; lists: Map<string, Scope> }): Promise<void> {
    await Promise.all([
      ...[...needs.gets.values()].map((k) => this.fetchOne(k)),
      ...[...needs.lists.values()].map((s) => this.fetchScope(s)),
    ]);
  }

  async fetchOne(key: ObjectKey): Promise<Resource | undefined> {
    const secret = isSecret(key.group, key.kind);
    try {
      const obj = await this.client.get<KObject>(
        objectPath(key, key.namespace, key.name),
        secret ? { accept: ACCEPT_METADATA, reviver: stripSecretValues } : {},
      );
      const r = this.toResource(obj, key.group, key.kind);
      this.objects.set(keyString(key), r);
      return r;
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) this.objects.set(keyString(key), null);
      else if (e instanceof KubeApiError && e.code === 403) this.objects.set(keyString(key), 'forbidden');
      else throw e;
      return undefined;
    }
  }

  async fetchScope(s: Scope): Promise<Resource[] | 'forbidden'> {
    const secret = isSecret(s.group, s.kind);
    try {
      const list = await this.client.list<KObject>(
        collectionPath(s, s.namespace),
        secret ? { accept: ACCEPT_METADATA_LIST, reviver: stripSecretValues } : {},
      );
      const items = list.items.map((o) => this.toResource(o, s.group, s.kind));
      for (const r of items) this.objects.set(keyString(r), r);
      this.scopes.set(scopeKey(s), 'ok');
      this.scopeItems.set(scopeKey(s), items);
      return items;
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 403) {
        this.scopes.set(scopeKey(s), 'forbidden');
        return 'forbidden';
      }
      // A kind this cluster's operator release does not serve (a Capability before June 2026): none of it exists.
      if (e instanceof KubeApiError && e.code === 404) {
        this.scopes.set(scopeKey(s), 'ok');
        this.scopeItems.set(scopeKey(s), []);
        return [];
      }
      throw e;
    }
  }

  /** Reads the key names of these Secrets (never their values), batched like the lookups. */
  async fetchSecretKeys(secrets: ObjectKey[], mode: FetchMode): Promise<void> {
    const todo = secrets.filter((k) => !this.secretKeys.has(keyString(k)));
    if (todo.length === 0) return;
    const record = (items: KObject[]) => {
      for (const o of items) {
        const keys = new Set([
          ...Object.keys((o.data as object | undefined) ?? {}),
          ...Object.keys((o.stringData as object | undefined) ?? {}),
        ]);
        this.secretKeys.set(keyString({ group: '', kind: 'Secret', namespace: o.metadata.namespace ?? '', name: o.metadata.name }), keys);
      }
    };
    const forbid = (keys: ObjectKey[]) => keys.forEach((k) => this.secretKeys.set(keyString(k), 'forbidden'));
    const listScope = async (namespace: string | undefined, keys: ObjectKey[]): Promise<boolean> => {
      try {
        const list = await this.client.list<KObject>(collectionPath({ group: '', kind: 'Secret' }, namespace), {
          reviver: stripSecretValues,
        });
        record(list.items);
        return true;
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 403) {
          if (namespace !== undefined) forbid(keys);
          return false;
        }
        throw e;
      }
    };
    if (mode === 'get') {
      await Promise.all(
        todo.map(async (k) => {
          try {
            record([await this.client.get<KObject>(objectPath(k, k.namespace, k.name), { reviver: stripSecretValues })]);
          } catch (e) {
            if (e instanceof KubeApiError && (e.code === 403 || e.code === 404)) forbid([k]);
            else throw e;
          }
        }),
      );
      return;
    }
    const byNs = new Map<string, ObjectKey[]>();
    for (const k of todo) byNs.set(k.namespace, [...(byNs.get(k.namespace) ?? []), k]);
    if (mode === 'cluster' && (await listScope(undefined, todo))) return;
    await Promise.all([...byNs].map(([ns, keys]) => listScope(ns, keys)));
  }

  /** Keys of a Secret read by fetchSecretKeys; undefined when not read. */
  keysOfSecret(r: Resource): Set<string> | 'forbidden' | undefined {
    return this.secretKeys.get(keyString(r));
  }

  isStub(r: Resource): boolean {
    return this.stubs.has(r);
  }
}
