// Validation and pruning of custom resources against their CRD's structural schema, with the
// API server's semantics and messages: unknown fields are dropped (reported for fieldValidation),
// invalid values become 422 causes.

import type { FieldError } from './errors.js';
import { isPlainObject } from './object.js';

type Schema = Record<string, unknown>;

export interface SchemaResult {
  errors: FieldError[];
  /** Dotted paths of fields that were pruned because the schema does not declare them. */
  unknown: string[];
}

const ROOT_KEEP = new Set(['apiVersion', 'kind', 'metadata']);

/** Validates `obj` in place, pruning unknown fields. */
export function validateAndPrune(schema: Schema, obj: Record<string, unknown>): SchemaResult {
  const result: SchemaResult = { errors: [], unknown: [] };
  walkObject(schema, obj, [], result, true);
  return result;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(typeName(v));
}

function pathText(path: string[]): string {
  return path.reduce((acc, p) => (/^\[\d+\]$/.test(p) ? acc + p : acc ? `${acc}.${p}` : p), '');
}

function typeMatches(expected: string, v: unknown, schema: Schema): boolean {
  if (schema['x-kubernetes-int-or-string']) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  switch (expected) {
    case 'object':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

function walk(schema: Schema, value: unknown, path: string[], r: SchemaResult): void {
  const field = pathText(path);
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  const type = intOrString ? 'integer,string' : typeof schema.type === 'string' ? schema.type : undefined;
  if (type && !typeMatches(type, value, schema)) {
    r.errors.push({
      field,
      reason: 'FieldValueTypeInvalid',
      detail: `Invalid value: ${JSON.stringify(typeName(value))}: ${field} in body must be of type ${type}: ${JSON.stringify(typeName(value))}`,
    });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    r.errors.push({
      field,
      reason: 'FieldValueNotSupported',
      detail: `Unsupported value: ${fmt(value)}: supported values: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`,
    });
  }
  const invalidValue = (why: string): void => {
    r.errors.push({ field, reason: 'FieldValueInvalid', detail: `Invalid value: ${fmt(value)}: ${field} in body ${why}` });
  };
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string') {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) invalidValue(`should match '${schema.pattern}'`);
    }
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) {
      invalidValue(`should be at least ${schema.minLength} chars long`);
    }
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) {
      invalidValue(`should be at most ${schema.maxLength} chars long`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number') {
      if (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum) {
        invalidValue(`should be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${schema.minimum}`);
      }
    }
    if (typeof schema.maximum === 'number') {
      if (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum) {
        invalidValue(`should be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${schema.maximum}`);
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      r.errors.push({ field, reason: 'FieldValueInvalid', detail: `Invalid value: ${value.length}: ${field} in body should have at least ${schema.minItems} items` });
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      r.errors.push({ field, reason: 'TooMany', detail: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
    }
    const items = isPlainObject(schema.items) ? schema.items : undefined;
    value.forEach((item, i) => {
      if (item === null && items && !items.nullable) {
        value[i] = undefined;
        return;
      }
      if (items) walk(items, item, [...path, `[${i}]`], r);
    });
    // Null items of non-nullable lists are dropped, as the server prunes nulls.
    for (let i = value.length - 1; i >= 0; i--) if (value[i] === undefined) value.splice(i, 1);
  }
  if (isPlainObject(value)) walkObject(schema, value, path, r, false);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const alts = Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isPlainObject) : [];
    if (alts.length === 0) continue;
    const passing = alts.filter((alt) => {
      const sub: SchemaResult = { errors: [], unknown: [] };
      walkValidateOnly(alt, value, path, sub);
      return sub.errors.length === 0;
    }).length;
    if (key === 'oneOf' && passing !== 1) {
      r.errors.push({ field, reason: 'FieldValueInvalid', detail: `Invalid value: ${fmt(value)}: ${field} in body must validate one and only one schema (oneOf)` });
    }
    if (key === 'anyOf' && passing === 0) {
      r.errors.push({ field, reason: 'FieldValueInvalid', detail: `Invalid value: ${fmt(value)}: ${field} in body must validate at least one schema (anyOf)` });
    }
  }
}

/** oneOf/anyOf branches in structural schemas only constrain (required, enum...), never prune. */
function walkValidateOnly(schema: Schema, value: unknown, path: string[], r: SchemaResult): void {
  if (isPlainObject(value) && Array.isArray(schema.required)) {
    for (const req of schema.required) if (!(String(req) in value)) r.errors.push({ field: pathText([...path, String(req)]), reason: 'FieldValueRequired', detail: 'Required value' });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) r.errors.push({ field: pathText(path), reason: 'FieldValueNotSupported', detail: 'Unsupported value' });
  if (isPlainObject(value) && isPlainObject(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) {
      if (k in value && isPlainObject(sub)) walkValidateOnly(sub, value[k], [...path, k], r);
    }
  }
}

function walkObject(schema: Schema, obj: Record<string, unknown>, path: string[], r: SchemaResult, root: boolean): void {
  const props = isPlainObject(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    // The server owns metadata (validated as ObjectMeta, never pruned by the CRD schema).
    if ((root || embedded) && (key === 'metadata' || (ROOT_KEEP.has(key) && !(props && key in props)))) continue;
    const sub = props && isPlainObject(props[key]) ? (props[key] as Schema) : isPlainObject(additional) ? additional : undefined;
    if (!sub) {
      if (!preserve && additional !== true) {
        delete obj[key];
        r.unknown.push(pathText([...path, key]));
      }
      continue;
    }
    if (value === null && !sub.nullable) {
      delete obj[key];
      continue;
    }
    walk(sub, value, [...path, key], r);
  }
  if (Array.isArray(schema.required)) {
    for (const req of schema.required) {
      if (!(String(req) in obj)) r.errors.push({ field: pathText([...path, String(req)]), reason: 'FieldValueRequired', detail: 'Required value' });
    }
  }
}
