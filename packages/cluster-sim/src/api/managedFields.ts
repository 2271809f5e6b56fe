// metadata.managedFields as the API server keeps them: one entry per manager, operation and
// subresource, naming the fields the write set.
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';

/** Records the write's field manager on obj (no-op without one). */
export function recordManager(obj: KObject, opts: { fieldManager?: string; operation?: string; subresource?: string }, now: string): void {
  const manager = opts.fieldManager;
  const operation = opts.operation ?? 'Update';
  if (!manager) return;
  const entries = (Array.isArray(obj.metadata.managedFields) ? obj.metadata.managedFields : []).filter(
    (e) => !(isPlainObject(e) && e.manager === manager && e.operation === operation && (e.subresource ?? '') === (opts.subresource ?? '')),
  );
  const source = opts.subresource === 'status' ? { status: obj.status } : { ...obj, status: undefined };
  entries.push({
    manager,
    operation,
    apiVersion: obj.apiVersion,
    time: now,
    fieldsType: 'FieldsV1',
    fieldsV1: fieldSet(source),
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  });
  obj.metadata.managedFields = entries;
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
