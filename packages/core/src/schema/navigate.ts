// Reading a schema for the editor: the schema at a path (completion, hover), the fields an
// object may have with insert snippets, and a markdown description with a one-line type.
import { requiredAlternatives } from './validate.js';
import { EMBEDDED_FIELDS, declaredProperty, fieldSchema, jsonText } from './structural.js';
import { splitPointer } from './pointer.js';
import type { JsonSchema } from './types.js';

const embeddedField: Record<string, JsonSchema> = {
  apiVersion: { type: 'string', description: 'APIVersion of the embedded object.' },
  kind: { type: 'string', description: 'Kind of the embedded object.' },
  metadata: { type: 'object', description: 'Metadata of the embedded object.', 'x-kubernetes-preserve-unknown-fields': true },
};

/** The schema and its allOf/anyOf/oneOf branches: where fields may be declared. */
function variants(schema: JsonSchema): JsonSchema[] {
  return [schema, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
}

function childOf(schema: JsonSchema, segment: string): JsonSchema | undefined {
  for (const s of variants(schema)) {
    if (s.type === 'array' || (s.items && !s.properties)) {
      if (s.items && (segment === '-' || /^\d+$/.test(segment))) return s.items;
      continue;
    }
    const field = fieldSchema(s, segment);
    if (field) return field;
    if (s['x-kubernetes-embedded-resource'] && EMBEDDED_FIELDS.has(segment)) return embeddedField[segment];
  }
  return undefined;
}

/**
 * The schema of the node at `pointer` (a JSON pointer such as `/spec/tools/0/toolRef`), walking
 * properties, array items and map values; undefined where the schema says nothing.
 */
export function subschemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let cur: JsonSchema | undefined = schema;
  for (const segment of splitPointer(pointer)) {
    if (!cur) return undefined;
    cur = childOf(cur, segment);
  }
  return cur;
}

export interface PropertyInfo {
  name: string;
  schema: JsonSchema;
  required: boolean;
  /** LSP snippet inserting `name:` with the field's required children, relative indentation of two spaces. */
  snippet: string;
}

/** Fields an object node may have (for completion), required ones first, then by name. */
export function propertiesOf(schema: JsonSchema): PropertyInfo[] {
  const seen = new Map<string, PropertyInfo>();
  const required = new Set(schema.required ?? []);
  for (const s of variants(schema)) {
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      if (!seen.has(name)) seen.set(name, { name, schema: sub, required: required.has(name), snippet: snippetFor(name, sub) });
    }
  }
  return [...seen.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

const MAX_SNIPPET_DEPTH = 3;

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/**
 * `name: value` as an LSP snippet. Objects expand their required children (recursively, a few
 * levels), arrays of objects start their first item, enums offer a choice.
 */
export function snippetFor(name: string, schema: JsonSchema): string {
  let tab = 0;
  const next = () => ++tab;
  const value = (s: JsonSchema, indent: string, depth: number): string => {
    if (s.enum?.length && s.enum.every((e) => typeof e === 'string')) {
      return ` \${${next()}|${(s.enum as string[]).map(escapeSnippet).join(',')}|}`;
    }
    if (s.type === 'boolean') return ` \${${next()}|true,false|}`;
    if (s.type === 'object' && typeof s.additionalProperties === 'object' && !s.properties) {
      return `\n${indent}  \${${next()}:key}: \${${next()}}`;
    }
    if (s.type === 'object' || s.properties) {
      const req = (s.required ?? []).filter((r) => declaredProperty(s, r));
      if (req.length === 0 || depth >= MAX_SNIPPET_DEPTH) return `\n${indent}  \${${next()}}`;
      return req.map((r) => `\n${indent}  ${escapeSnippet(r)}:${value(declaredProperty(s, r)!, indent + '  ', depth + 1)}`).join('');
    }
    if (s.type === 'array' && s.items) {
      const item = s.items;
      if ((item.type === 'object' || item.properties) && item.required?.length && depth < MAX_SNIPPET_DEPTH) {
        const req = item.required.filter((r) => declaredProperty(item, r));
        const lines = req.map(
          (r, i) =>
            `${i === 0 ? `\n${indent}  - ` : `\n${indent}    `}${escapeSnippet(r)}:${value(declaredProperty(item, r)!, indent + '    ', depth + 1)}`,
        );
        return lines.join('');
      }
      return `\n${indent}  - \${${next()}}`;
    }
    return ` \${${next()}}`;
  };
  return `${escapeSnippet(name)}:${value(schema, '', 0)}`;
}

/** A short type such as `integer`, `string (enum)`, `integer | string`, `array of object`, `map of string`. */
export function typeName(schema: JsonSchema, depth = 0): string {
  if (schema['x-kubernetes-int-or-string']) return 'integer | string';
  if (depth > 4) return 'any';
  if (schema.type === 'array') return `array of ${schema.items ? typeName(schema.items, depth + 1) : 'any'}`;
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object' && !schema.properties) {
    return `map of ${typeName(schema.additionalProperties, depth + 1)}`;
  }
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return 'any';
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined) out.push(`${schema.minimum}–${schema.maximum}`);
  else if (schema.minimum !== undefined) out.push(`${schema.exclusiveMinimum ? '>' : '≥'} ${schema.minimum}`);
  else if (schema.maximum !== undefined) out.push(`${schema.exclusiveMaximum ? '<' : '≤'} ${schema.maximum}`);
  if (schema.minLength === 1 && schema.maxLength === undefined) out.push('non-empty');
  else if (schema.minLength !== undefined || schema.maxLength !== undefined)
    out.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? '∞'}`);
  if (schema.minItems !== undefined) out.push(`≥ ${schema.minItems} items`);
  if (schema.maxItems !== undefined) out.push(`≤ ${schema.maxItems} items`);
  if (schema.nullable) out.push('nullable');
  return out;
}

export interface SchemaDescription {
  /** Markdown for a hover: type line, description, allowed values, default, pattern, exactly-one rules. */
  markdown: string;
  /** e.g. `replicas: integer (≥ 0, default 1)`. */
  typeLine: string;
}

/** Hover text of a schema node; `name` is the field's key, `required` whether its parent requires it. */
export function describe(schema: JsonSchema, name?: string, opts: { required?: boolean } = {}): SchemaDescription {
  const extras = constraints(schema);
  if (schema.default !== undefined) extras.push(`default ${jsonText(schema.default) ?? '(cyclic)'}`);
  if (opts.required) extras.unshift('required');
  const typeLine = `${name ? `${name}: ` : ''}${typeName(schema)}${extras.length ? ` (${extras.join(', ')})` : ''}`;
  const parts = ['```yaml\n' + typeLine + '\n```'];
  if (schema.description) parts.push(schema.description);
  if (schema.enum?.length)
    parts.push(`Allowed values: ${schema.enum.map((e) => `\`${typeof e === 'string' ? e : jsonText(e)}\``).join(', ')}`);
  if (schema.pattern) parts.push(`Pattern: \`${schema.pattern}\``);
  const oneOf = requiredAlternatives(schema.oneOf);
  if (oneOf) parts.push(`Set exactly one of: ${oneOf.map((n) => `\`${n}\``).join(', ')}`);
  const anyOf = requiredAlternatives(schema.anyOf);
  if (anyOf) parts.push(`Set at least one of: ${anyOf.map((n) => `\`${n}\``).join(', ')}`);
  const req = (schema.required ?? []).filter((r) => declaredProperty(schema, r));
  if (req.length) parts.push(`Required fields: ${req.map((r) => `\`${r}\``).join(', ')}`);
  if (schema['x-kubernetes-preserve-unknown-fields']) parts.push('Any fields are kept as written.');
  return { markdown: parts.join('\n\n'), typeLine };
}
