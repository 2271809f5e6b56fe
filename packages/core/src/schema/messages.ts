// How validation words what it finds: values shown short, hints that fix a type, ranges, and
// unknown fields with the likely intended one.
import { didYouMean } from './didYouMean.js';
import type { JsonSchema, SchemaIssue } from './types.js';
import { jsonText } from './structural.js';

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function show(value: unknown): string {
  const s = jsonText(value) ?? `(${jsonType(value)})`;
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function typeHint(value: unknown, expected: string): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return `; quote it: "${String(value)}"`;
  if (
    (expected === 'integer' || expected === 'number') &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    !Number.isNaN(Number(value))
  ) {
    return expected === 'integer' && !Number.isInteger(Number(value)) ? '' : '; remove the quotes';
  }
  if (expected === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) return '; remove the quotes';
  return '';
}

export function rangeText(schema: JsonSchema): string {
  if (schema.minimum === undefined || schema.maximum === undefined) return '';
  return ` (allowed: ${schema.minimum}${schema.exclusiveMinimum ? ' exclusive' : ''} to ${schema.maximum}${schema.exclusiveMaximum ? ' exclusive' : ''})`;
}

export function listNames(names: string[]): string {
  return names.join(', ');
}

export function unknownField(key: string, pointer: string, known: string[], present: Record<string, unknown>): SchemaIssue {
  // Suggest only fields not already written: `replica` next to `replicas` is a duplicate, not a typo.
  const suggestion = didYouMean(
    key,
    known.filter((k) => !Object.hasOwn(present, k)),
  );
  let message = `unknown field "${key}" (the API server drops it)`;
  if (suggestion) message += `; did you mean "${suggestion}"?`;
  else if (known.length > 0 && known.length <= 12) message += `; known fields here: ${listNames([...known].sort())}`;
  else if (known.length === 0) message += '; this object takes no other fields';
  return { pointer, code: 'unknown-field', message, onKey: true, ...(suggestion ? { suggestion } : {}) };
}
