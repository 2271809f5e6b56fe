// Documents and cluster objects → Resource, the one shape every front end and rule works on.
import { isPlainObject } from './schema/structural.js';
import type { ObjectKey, Range, Resource, SourceMap, NamespaceSource } from './model.js';
import { FLOKOA_GROUP, isFlokoaApiVersion, isIndexedKind, kindInfo, splitApiVersion } from './kinds.js';
import { EMPTY_SOURCE_MAP } from './sourcemap.js';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface ResourceOrigin {
  uri: string;
  docIndex?: number;
  ranges?: SourceMap;
  range?: Range;
  /** Resolves the namespace of a namespaced object that has none in metadata. */
  namespace: (metadataNamespace: unknown, namespaced: boolean) => { namespace: string; source: NamespaceSource };
}

/** True for objects the workspace keeps: Flokoa documents and the kinds references and rules need. */
export function isTracked(object: unknown): boolean {
  if (!isPlainObject(object) || typeof object.apiVersion !== 'string') return false;
  // A Flokoa document without a kind is still ours to diagnose.
  if (isFlokoaApiVersion(object.apiVersion)) return true;
  return typeof object.kind === 'string' && isIndexedKind(splitApiVersion(object.apiVersion).group, object.kind);
}

/**
 * The Resource for an object (name '' when metadata.name is missing, so that rules still see it),
 * plus the Secret an ExternalSecret or SealedSecret produces.
 */
export function resourcesFromObject(object: unknown, origin: ResourceOrigin): Resource[] {
  if (!isTracked(object)) return [];
  const o = object as Record<string, unknown>;
  const apiVersion = o.apiVersion as string;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const { group, version } = splitApiVersion(apiVersion);
  const meta = isPlainObject(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const { namespace, source } = origin.namespace(meta.namespace, kindInfo(group, kind).namespaced);
  const r: Resource = {
    uri: origin.uri,
    docIndex: origin.docIndex ?? 0,
    apiVersion,
    group,
    version,
    kind,
    name,
    namespace,
    namespaceSource: source,
    object: o,
    ranges: origin.ranges ?? EMPTY_SOURCE_MAP,
    range: origin.range ?? ZERO,
  };
  const produced = producedBy(r);
  if (!produced) return [r];
  return [r, { ...r, apiVersion: 'v1', group: '', version: 'v1', kind: produced.kind, name: produced.name, producedBy: keyOf(r) }];
}

/**
 * The object another one makes once applied: an ExternalSecret or SealedSecret makes a Secret,
 * and the Flokoa operator makes a Service of each Agent's name (AgentTools of other agents point at it).
 */
function producedBy(r: Resource): { kind: string; name: string } | undefined {
  if (!r.name) return undefined;
  const spec = isPlainObject(r.object.spec) ? r.object.spec : {};
  if (r.group === 'external-secrets.io' && r.kind === 'ExternalSecret') {
    const target = isPlainObject(spec.target) ? spec.target : {};
    return { kind: 'Secret', name: typeof target.name === 'string' && target.name ? target.name : r.name };
  }
  if (r.group === 'bitnami.com' && r.kind === 'SealedSecret') return { kind: 'Secret', name: r.name };
  if (r.group === FLOKOA_GROUP && r.kind === 'Agent') return { kind: 'Service', name: r.name };
  return undefined;
}

/**
 * The keys a Secret or ConfigMap holds, or undefined when they cannot be known
 * (a produced Secret whose source pulls a whole remote object, a Secret without data here).
 */
export function dataKeysOf(r: Resource): Set<string> | undefined {
  const o = r.object;
  const spec = isPlainObject(o.spec) ? o.spec : {};
  if (r.producedBy?.kind === 'SealedSecret') {
    const enc = isPlainObject(spec.encryptedData) ? Object.keys(spec.encryptedData) : [];
    const tmpl = isPlainObject(spec.template) && isPlainObject(spec.template.data) ? Object.keys(spec.template.data) : [];
    return enc.length + tmpl.length > 0 ? new Set([...enc, ...tmpl]) : undefined;
  }
  if (r.producedBy?.kind === 'ExternalSecret') {
    if (spec.dataFrom !== undefined || !Array.isArray(spec.data)) return undefined;
    const keys = spec.data.map((d) => (isPlainObject(d) ? d.secretKey : undefined)).filter((k): k is string => typeof k === 'string');
    return new Set(keys);
  }
  const fields = r.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const present = fields.filter((f) => isPlainObject(o[f]));
  if (present.length === 0) return undefined;
  return new Set(present.flatMap((f) => Object.keys(o[f] as object)));
}

export function keyOf(r: { group: string; kind: string; namespace: string; name: string }): ObjectKey {
  return { group: r.group, kind: r.kind, namespace: r.namespace, name: r.name };
}

/** Labels of a resource as a plain string map. */
export function labelsOf(r: Resource): Record<string, string> {
  const meta = isPlainObject(r.object.metadata) ? r.object.metadata : {};
  const labels = isPlainObject(meta.labels) ? meta.labels : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}
