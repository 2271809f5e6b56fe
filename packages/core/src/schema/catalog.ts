// Strict JSON Schemas (draft-07) of a generation's built-in kinds in the layout of the public CRD schema
// catalogs (`<group>/<kind>_<version>.json`), for yaml-language-server, kubeconform and friends.
// "Strict": every object the API server would prune is `additionalProperties: false`, so those
// tools report the fields our own validation reports as dropped.
import type { KindDescription } from '../api/types.js';
import { requiredAlternatives } from './validate.js';
import { prunesUnknownFields } from './structural.js';
import { resourceRootSchema } from './crd.js';
import type { JsonSchema } from './types.js';

type Draft7 = Record<string, unknown>;

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
/** Formats draft-07 validators know; Kubernetes-specific ones (int32, int-or-string ...) are dropped. */
const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uuid']);

function convert(schema: JsonSchema): Draft7 {
  const out: Draft7 = {};
  if (schema.description) out.description = schema.description;
  if (schema['x-kubernetes-int-or-string']) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  } else if (schema.type) {
    out.type = schema.nullable ? [schema.type, 'null'] : schema.type;
  }
  if (schema.format && STANDARD_FORMATS.has(schema.format)) out.format = schema.format;
  for (const k of [
    'enum',
    'default',
    'pattern',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'uniqueItems',
    'minProperties',
    'maxProperties',
  ] as const) {
    if (schema[k] !== undefined) out[k] = schema[k];
  }
  if (schema.enum && schema.nullable) out.enum = [...schema.enum, null];
  // OpenAPI 3.0 boolean exclusivity → draft-07 numeric bounds.
  if (schema.minimum !== undefined) out[schema.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum'] = schema.minimum;
  if (schema.maximum !== undefined) out[schema.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum'] = schema.maximum;
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, convert(v)]));
  if (schema.required?.length) out.required = schema.required;
  if (schema.items) out.items = convert(schema.items);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = convert(schema.additionalProperties);
  else if (schema.additionalProperties === true) out.additionalProperties = true;
  else if (prunesUnknownFields(schema)) {
    if (schema['x-kubernetes-embedded-resource']) {
      const props = (out.properties ?? {}) as Record<string, Draft7>;
      out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...props };
    }
    out.additionalProperties = false;
  }
  const alternatives = requiredAlternatives(schema.oneOf);
  if (schema.oneOf) out.oneOf = alternatives ? alternatives.map((n) => ({ required: [n] })) : schema.oneOf.map(convert);
  if (schema.anyOf && !schema['x-kubernetes-int-or-string']) out.anyOf = schema.anyOf.map(convert);
  if (schema.allOf) out.allOf = schema.allOf.map(convert);
  if (schema.not) out.not = convert(schema.not);
  return out;
}

/** The strict JSON Schema of one kind: apiVersion and kind pinned with `const`. */
export function jsonSchemaOf(k: KindDescription): Draft7 {
  // As the API server validates it: metadata is ObjectMeta and required, whatever the CRD says.
  const body = convert(resourceRootSchema(k.schema));
  const props = body.properties as Record<string, Draft7>;
  props.apiVersion = { ...props.apiVersion, type: 'string', const: `${k.group}/${k.version}` };
  props.kind = { ...props.kind, type: 'string', const: k.kind };
  return {
    $schema: DRAFT_07,
    title: `${k.kind} (${k.group}/${k.version})`,
    ...body,
    required: [...new Set(['apiVersion', 'kind', 'metadata', ...((body.required as string[] | undefined) ?? [])])],
  };
}

/** `{ 'agent.flokoa.ai/agent_v1alpha1.json': schema, ... }`: file path (catalog layout) → JSON Schema. */
export function jsonSchemaFiles(kinds: readonly KindDescription[]): Record<string, Draft7> {
  const files: Record<string, Draft7> = {};
  for (const k of kinds) files[`${k.group}/${k.kind.toLowerCase()}_${k.version}.json`] = jsonSchemaOf(k);
  return files;
}
