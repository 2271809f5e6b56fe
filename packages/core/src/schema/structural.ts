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

/** The schema of field `key` of an object: a declared property, else the map's value schema. */
export function fieldSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  const declared = schema.properties?.[key];
  if (declared) return declared;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}
