// The few rules of structural schemas that validation, pruning and navigation all obey.
import type { JsonSchema } from './types.js';

/** Fields the API server keeps on any embedded object (x-kubernetes-embedded-resource). */
export const EMBEDDED_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the API server drops fields this object schema does not declare. */
export function prunesUnknownFields(schema: JsonSchema): boolean {
  const additional = schema.additionalProperties;
  return (
    schema['x-kubernetes-preserve-unknown-fields'] !== true &&
    additional !== true &&
    typeof additional !== 'object' &&
    (schema.type === 'object' || schema.properties !== undefined)
  );
}

/**
 * A declared property by name. Own properties only: a YAML key `constructor` or `__proto__` must
 * not find Object.prototype's members.
 */
export function declaredProperty(schema: JsonSchema, key: string): JsonSchema | undefined {
  return schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
}

/** Sets an own data property, even for `__proto__` (plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The schema of field `key` of an object: a declared property, else the map's value schema. */
export function fieldSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  const declared = declaredProperty(schema, key);
  if (declared) return declared;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/**
 * How deep validation and pruning descend. Both a CRD schema and a document can be cyclic
 * (YAML aliases); real Kubernetes objects stay far below this.
 */
export const MAX_DEPTH = 128;

/** JSON text of a value, or undefined for what has none (YAML aliases can make cycles). */
export function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
