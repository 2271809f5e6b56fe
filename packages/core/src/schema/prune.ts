// What the API server stores: unknown fields pruned, nulls in non-nullable fields dropped,
// defaults filled in — the order of its decoder (prune, then default).
import { EMBEDDED_FIELDS, MAX_DEPTH, fieldSchema, isPlainObject, prunesUnknownFields, setOwn } from './structural.js';
import type { JsonSchema } from './types.js';

// structuredClone, not a JSON round trip: YAML aliases can make shared or even cyclic values.
function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function pruneNode(value: unknown, schema: JsonSchema, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => pruneNode(v, schema.items!, depth + 1)) : value;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const drop = prunesUnknownFields(schema);
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const [key, v] of Object.entries(value)) {
    const sub = fieldSchema(schema, key);
    if (sub) {
      if (v === null && !sub.nullable && sub.default === undefined) continue;
      setOwn(out, key, pruneNode(v, sub, depth + 1));
    } else if (!drop || (embedded && EMBEDDED_FIELDS.has(key))) {
      setOwn(out, key, v);
    }
  }
  return out;
}

function defaultNode(value: unknown, schema: JsonSchema, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => defaultNode(v, schema.items!, depth + 1)) : value;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const cur = Object.hasOwn(out, key) ? out[key] : undefined;
    if ((cur === undefined || (cur === null && !sub.nullable)) && sub.default !== undefined) setOwn(out, key, clone(sub.default));
  }
  for (const [key, v] of Object.entries(out)) {
    const sub = fieldSchema(schema, key);
    if (sub) setOwn(out, key, defaultNode(v, sub, depth + 1));
  }
  return out;
}

/** Fills `default`s of the schema into a copy of `value` wherever the field's parent exists. */
export function applyDefaults<T>(value: T, schema: JsonSchema): T {
  return defaultNode(clone(value), schema) as T;
}

/**
 * The object as the API server would store it: a copy with unknown fields pruned (unless
 * x-kubernetes-preserve-unknown-fields), nulls of non-nullable fields without default dropped,
 * then defaults applied.
 */
export function prune<T>(value: T, schema: JsonSchema): T {
  return defaultNode(pruneNode(clone(value), schema), schema) as T;
}

/** True when some node of the schema declares a default (so `applyDefaults` can change objects). */
export function hasDefaults(schema: JsonSchema, seen = new Set<JsonSchema>()): boolean {
  if (schema.default !== undefined) return true;
  if (seen.has(schema)) return false;
  seen.add(schema);
  const subs = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
  ];
  return subs.some((s) => hasDefaults(s, seen));
}
