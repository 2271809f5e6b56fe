// A live object shown beside its file (Compare with Cluster): as a file would write it, its keys in
// the file's order, so that the diff shows what differs and not what the API server adds or moves. Pure.
import type { LiveObject } from '@flokoa/lsp/protocol';

/** Server-set metadata a file never has. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'selfLink',
];

/** The object as a file would write it: apiVersion, kind, the metadata a user sets, spec (and data); no status. */
export function asFile(o: LiveObject): Record<string, unknown> {
  const { apiVersion, kind, metadata, status: _status, ...rest } = o;
  const meta: Record<string, unknown> = { ...metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  if (Object.keys(annotations).length) meta.annotations = annotations;
  else delete meta.annotations;
  return { apiVersion, kind, metadata: meta, ...rest };
}

/** `value` with its keys in the order `like` has them (then its own), at every level: a diff with the file lines up. */
export function orderLike(value: unknown, like: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => orderLike(v, Array.isArray(like) ? like[i] : undefined));
  if (!value || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  const l = like && typeof like === 'object' && !Array.isArray(like) ? (like as Record<string, unknown>) : {};
  const keys = [...Object.keys(l).filter((k) => k in v), ...Object.keys(v).filter((k) => !(k in l))];
  return Object.fromEntries(keys.map((k) => [k, orderLike(v[k], l[k])]));
}
