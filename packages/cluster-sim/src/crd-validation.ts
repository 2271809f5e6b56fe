// Custom resources against their CRD's structural schema, as the API server treats them:
// @flokoa/core decides (validate: what is rejected, what is unknown; prune: what is stored);
// this module turns core's findings into the API server's field errors and messages
// (`spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0`).

import type { JsonSchema, SchemaIssue } from '@flokoa/core';
import { prune, splitPointer, subschemaAt, validate } from '@flokoa/core';
import type { FieldError } from './errors.js';
import { isPlainObject } from './object.js';

export interface SchemaResult {
  errors: FieldError[];
  /** Dotted paths of fields that were pruned because the schema does not declare them. */
  unknown: string[];
}

/** The server owns metadata (ObjectMeta), whatever the CRD says about it. */
function rootSchema(schema: Record<string, unknown>): JsonSchema {
  const s = schema as JsonSchema;
  return {
    ...s,
    type: 'object',
    properties: {
      ...(s.properties ?? {}),
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}

function valueAt(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** `/spec/list/0/name` -> `spec.list[0].name`, as field paths print. */
function fieldPath(obj: unknown, pointer: string): string {
  let out = '';
  let cur = obj;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(cur)) {
      out += `[${seg}]`;
      cur = cur[Number(seg)];
    } else {
      out += out ? `.${seg}` : seg;
      cur = isPlainObject(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** How the API server shows a value in `Invalid value: X`. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(jsonType(v));
}

function toFieldErrors(obj: unknown, schema: JsonSchema, issue: SchemaIssue): FieldError[] {
  const value = valueAt(obj, issue.pointer);
  const field = fieldPath(obj, issue.pointer);
  const sub = subschemaAt(schema, issue.pointer) ?? {};
  const invalid = (why: string): FieldError => ({
    field,
    reason: 'FieldValueInvalid',
    detail: `Invalid value: ${shown(value)}: ${field} in body ${why}`,
  });
  switch (issue.code) {
    case 'required': {
      const name = issue.message.match(/missing required field "(.*)"/)?.[1] ?? '';
      return [{ field: field ? `${field}.${name}` : name, reason: 'FieldValueRequired', detail: 'Required value' }];
    }
    case 'type': {
      const expected = sub['x-kubernetes-int-or-string'] ? 'integer,string' : String(sub.type ?? '');
      return [
        {
          field,
          reason: 'FieldValueTypeInvalid',
          detail: `Invalid value: ${JSON.stringify(jsonType(value))}: ${field} in body must be of type ${expected}: ${JSON.stringify(jsonType(value))}`,
        },
      ];
    }
    case 'enum':
      return [
        {
          field,
          reason: 'FieldValueNotSupported',
          detail: `Unsupported value: ${shown(value)}: supported values: ${(sub.enum ?? []).map((e) => JSON.stringify(e)).join(', ')}`,
        },
      ];
    case 'pattern':
      return [invalid(`should match '${sub.pattern}'`)];
    case 'range': {
      const n = Number(value);
      if (sub.minimum !== undefined && (sub.exclusiveMinimum ? n <= sub.minimum : n < sub.minimum)) {
        return [invalid(`should be greater than ${sub.exclusiveMinimum ? '' : 'or equal to '}${sub.minimum}`)];
      }
      return [invalid(`should be less than ${sub.exclusiveMaximum ? '' : 'or equal to '}${sub.maximum}`)];
    }
    case 'length': {
      const len = [...String(value)].length;
      return sub.minLength !== undefined && len < sub.minLength
        ? [invalid(`should be at least ${sub.minLength} chars long`)]
        : [invalid(`should be at most ${sub.maxLength} chars long`)];
    }
    case 'items': {
      const len = Array.isArray(value) ? value.length : 0;
      if (sub.minItems !== undefined && len < sub.minItems)
        return [
          {
            field,
            reason: 'FieldValueInvalid',
            detail: `Invalid value: ${len}: ${field} in body should have at least ${sub.minItems} items`,
          },
        ];
      return [{ field, reason: 'TooMany', detail: `Too many: ${len}: must have at most ${sub.maxItems} items` }];
    }
    case 'unique':
      return [{ field, reason: 'FieldValueDuplicate', detail: `Duplicate value: ${shown(value)}` }];
    case 'one-of':
      return [invalid('must validate one and only one schema (oneOf)')];
    case 'any-of':
      return [invalid('must validate at least one schema (anyOf)')];
    default:
      return [invalid(issue.message)];
  }
}

/** Validates `obj` and prunes it in place (unknown fields, nulls of non-nullable fields, defaults applied). */
export function validateAndPrune(schema: Record<string, unknown>, obj: Record<string, unknown>): SchemaResult {
  const root = rootSchema(schema);
  const issues = validate(obj, root);
  const unknown = issues.filter((i) => i.code === 'unknown-field').map((i) => fieldPath(obj, i.pointer));
  const errors = issues.filter((i) => i.code !== 'unknown-field' && i.code !== 'nullable').flatMap((i) => toFieldErrors(obj, root, i));
  const stored = prune(obj, root) as Record<string, unknown>;
  for (const k of Object.keys(obj)) delete obj[k];
  Object.assign(obj, stored);
  return { errors, unknown };
}
