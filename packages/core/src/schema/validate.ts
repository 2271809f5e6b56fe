// Validation with the API server's semantics for structural schemas: what it rejects (type,
// required, enum, pattern, ranges, exactly-one) and what it silently drops (unknown fields,
// nulls in non-nullable fields), each reported at the JSON pointer of the offending node.
import { jsonType, listNames, rangeText, show, typeHint, unknownField } from './messages.js';
import { didYouMean } from './didYouMean.js';
import { matchesPattern } from './pattern.js';
import { joinPointer } from './pointer.js';
import { EMBEDDED_FIELDS, MAX_DEPTH, declaredProperty, isPlainObject, jsonText, prunesUnknownFields } from './structural.js';
import type { JsonSchema, SchemaIssue } from './types.js';

export interface ValidateOptions {
  /** Stop after this many issues (a hostile document must not produce millions). Default 500. */
  maxIssues?: number;
  /**
   * Stop after visiting this many (value, schema) pairs: a hostile CRD can nest oneOf/not so
   * that checking grows exponentially. Default 200,000, far above any real object.
   */
  maxSteps?: number;
  /**
   * The value is a manifest to apply to a kind with the status subresource (see
   * `SchemaLookup.statusSubresource`): the API server ignores its `status`, so a root `status`
   * is reported like an unknown field. Leave unset for objects read back from a cluster.
   */
  ignoresStatus?: boolean;
}

interface Ctx {
  out: SchemaIssue[];
  max: number;
  depth: number;
  /** Shared by a walk and every branch probe it starts. */
  steps: { left: number };
}

// Thrown to stop a walk once enough issues are known, or the step budget is spent; plain values,
// because building an Error (its stack trace) would dominate the cost of probing oneOf branches.
const FULL = Symbol('full');
const EXHAUSTED = Symbol('exhausted');

export function validate(value: unknown, schema: JsonSchema, opts: ValidateOptions = {}): SchemaIssue[] {
  const ctx: Ctx = { out: [], max: opts.maxIssues ?? 500, depth: 0, steps: { left: opts.maxSteps ?? 200_000 } };
  try {
    if (opts.ignoresStatus && isPlainObject(value) && Object.hasOwn(value, 'status') && value.status !== null) {
      report(ctx, {
        pointer: '/status',
        code: 'unknown-field',
        message: 'status is written by the operator: the API server ignores it in what you apply; remove it',
        onKey: true,
      });
      const { status: _ignored, ...rest } = value;
      check(rest, schema, '', ctx, false);
    } else {
      check(value, schema, '', ctx, false);
    }
  } catch (e) {
    if (e !== FULL && e !== EXHAUSTED) throw e;
  }
  return ctx.out;
}

function report(ctx: Ctx, issue: SchemaIssue): void {
  ctx.out.push(issue);
  if (ctx.out.length >= ctx.max) throw FULL;
}

/**
 * Whether the API server refuses an object with this issue (422 Invalid); false for what it
 * accepts and silently drops (unknown fields, nulls in non-nullable fields).
 */
export function rejects(issue: SchemaIssue): boolean {
  return issue.code !== 'unknown-field' && issue.code !== 'nullable';
}

function typeMatches(value: unknown, type: JsonSchema['type']): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return true;
  }
}

/** oneOf/anyOf whose branches only say "this field is set": the exactly-one / at-least-one idiom. */
export function requiredAlternatives(branches: JsonSchema[] | undefined): string[] | undefined {
  if (!branches?.length) return undefined;
  const names: string[] = [];
  for (const b of branches) {
    const keys = Object.keys(b);
    if (keys.length !== 1 || b.required?.length !== 1) return undefined;
    names.push(b.required[0]!);
  }
  return names;
}

/** The anyOf [{type: integer}, {type: string}] that accompanies x-kubernetes-int-or-string. */
function isIntOrStringPair(schema: JsonSchema): boolean {
  const a = schema.anyOf;
  return !!a && a.length === 2 && a.every((b) => Object.keys(b).length === 1 && (b.type === 'integer' || b.type === 'string'));
}

function passes(value: unknown, schema: JsonSchema, pointer: string, parent: Ctx): boolean {
  // Inherits the depth so that a branch referring back to its own schema still terminates.
  const sub: Ctx = { out: [], max: 1, depth: parent.depth, steps: parent.steps };
  try {
    check(value, schema, pointer, sub, true);
  } catch (e) {
    if (e !== FULL) throw e;
  }
  return sub.out.length === 0;
}

/**
 * `branch` is true inside allOf/anyOf/oneOf/not: those hold value validations only, so
 * unknown-field pruning (a property of the structural schema itself) does not apply there.
 */
function check(value: unknown, schema: JsonSchema, pointer: string, ctx: Ctx, branch: boolean): void {
  if (ctx.depth > MAX_DEPTH) return;
  if (--ctx.steps.left < 0) throw EXHAUSTED;
  ctx.depth++;
  try {
    checkNode(value, schema, pointer, ctx, branch);
  } finally {
    ctx.depth--;
  }
}

function checkNode(value: unknown, schema: JsonSchema, pointer: string, ctx: Ctx, branch: boolean): void {
  if (value === null) {
    if (!schema.nullable && (schema.type || schema['x-kubernetes-int-or-string'])) {
      report(ctx, {
        pointer,
        code: 'type',
        message: `null is not allowed here; expected ${schema['x-kubernetes-int-or-string'] ? 'an integer or a string' : schema.type}`,
      });
    }
    return;
  }

  if (schema['x-kubernetes-int-or-string']) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      report(ctx, { pointer, code: 'type', message: `expected an integer or a string, got ${jsonType(value)}` });
      return;
    }
  } else if (schema.type && !typeMatches(value, schema.type)) {
    report(ctx, {
      pointer,
      code: 'type',
      message: `expected ${schema.type}, got ${jsonType(value)} ${show(value)}${typeHint(value, schema.type)}`,
    });
    return;
  }

  if (schema.enum && !schema.enum.some((e) => e === value || (typeof e === 'object' && e !== null && jsonText(e) === jsonText(value)))) {
    const allowed = schema.enum.map((e) => (typeof e === 'string' ? e : show(e)));
    const suggestion =
      typeof value === 'string'
        ? didYouMean(
            value,
            schema.enum.filter((e): e is string => typeof e === 'string'),
          )
        : undefined;
    report(ctx, {
      pointer,
      code: 'enum',
      message: `${show(value)} is not one of: ${listNames(allowed)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      ...(suggestion ? { suggestion } : {}),
    });
  }

  if (typeof value === 'string') checkString(value, schema, pointer, ctx);
  else if (typeof value === 'number') checkNumber(value, schema, pointer, ctx);
  else if (Array.isArray(value)) checkArray(value, schema, pointer, ctx, branch);
  else if (isPlainObject(value)) checkObject(value, schema, pointer, ctx, branch);

  checkCombinators(value, schema, pointer, ctx);
}

function checkString(value: string, schema: JsonSchema, pointer: string, ctx: Ctx): void {
  // Go counts runes, not UTF-16 units.
  const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...value].length : 0;
  if (schema.minLength !== undefined && length < schema.minLength) {
    report(ctx, {
      pointer,
      code: 'length',
      message:
        schema.minLength === 1 && length === 0
          ? 'must not be empty'
          : `must be at least ${schema.minLength} characters long, got ${length}`,
    });
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    report(ctx, { pointer, code: 'length', message: `must be at most ${schema.maxLength} characters long, got ${length}` });
  }
  if (schema.pattern !== undefined && matchesPattern(schema, schema.pattern, value) === false) {
    report(ctx, {
      pointer,
      code: 'pattern',
      message: `${show(value)} does not match the pattern ${schema.pattern}${schema.description ? ` (${schema.description.replace(/\.$/, '')})` : ''}`,
    });
  }
}

function checkNumber(value: number, schema: JsonSchema, pointer: string, ctx: Ctx): void {
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && (schema.exclusiveMinimum ? value <= min : value < min)) {
    report(ctx, {
      pointer,
      code: 'range',
      message: `must be ${schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to'} ${min}${rangeText(schema)}, got ${value}`,
    });
  }
  if (max !== undefined && (schema.exclusiveMaximum ? value >= max : value > max)) {
    report(ctx, {
      pointer,
      code: 'range',
      message: `must be ${schema.exclusiveMaximum ? 'less than' : 'less than or equal to'} ${max}${rangeText(schema)}, got ${value}`,
    });
  }
}

function checkArray(value: unknown[], schema: JsonSchema, pointer: string, ctx: Ctx, branch: boolean): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    report(ctx, {
      pointer,
      code: 'items',
      message: `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}, got ${value.length}`,
    });
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    report(ctx, { pointer, code: 'items', message: `must have at most ${schema.maxItems} items, got ${value.length}` });
  }
  const listType = schema['x-kubernetes-list-type'];
  if (schema.uniqueItems || listType === 'set' || listType === 'map') {
    const mapKeys = listType === 'map' ? (schema['x-kubernetes-list-map-keys'] ?? []) : undefined;
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const identity = mapKeys && isPlainObject(item) ? jsonText(mapKeys.map((k) => item[k] ?? null)) : jsonText(item);
      if (identity === undefined) return;
      const first = seen.get(identity);
      if (first === undefined) seen.set(identity, i);
      else {
        const what = mapKeys?.length
          ? `${mapKeys.join(', ')} ${mapKeys.map((k) => show(isPlainObject(item) ? item[k] : undefined)).join(', ')}`
          : show(item);
        report(ctx, { pointer: joinPointer(pointer, i), code: 'unique', message: `duplicate entry: ${what} is already at index ${first}` });
      }
    });
  }
  if (schema.items) value.forEach((item, i) => check(item, schema.items!, joinPointer(pointer, i), ctx, branch));
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, pointer: string, ctx: Ctx, branch: boolean): void {
  const keys = Object.keys(value);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
    report(ctx, {
      pointer,
      code: 'properties',
      message: `must have at least ${schema.minProperties} field${schema.minProperties === 1 ? '' : 's'}`,
      onKey: pointer !== '',
    });
  }
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    report(ctx, {
      pointer,
      code: 'properties',
      message: `must have at most ${schema.maxProperties} field${schema.maxProperties === 1 ? '' : 's'}`,
    });
  }
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    // A null in a non-nullable field is dropped by the API server before validation; a field the
    // schema defaults is filled in before validation (structural defaulting), so it is never missing.
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    const field = declaredProperty(schema, name);
    if (field?.default !== undefined && (v === undefined || (v === null && !field.nullable))) continue;
    if (v === undefined || (v === null && !field?.nullable)) {
      report(ctx, { pointer, code: 'required', message: `missing required field "${name}"`, onKey: pointer !== '' });
    }
  }
  if (branch) {
    for (const [name, sub] of Object.entries(properties))
      if (Object.hasOwn(value, name)) check(value[name], sub, joinPointer(pointer, name), ctx, true);
    return;
  }
  const additional = schema.additionalProperties;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const prunes = prunesUnknownFields(schema);
  for (const key of keys) {
    const child = joinPointer(pointer, key);
    const sub = declaredProperty(schema, key) ?? (typeof additional === 'object' ? additional : undefined);
    if (!sub) {
      if (prunes && !(embedded && EMBEDDED_FIELDS.has(key))) report(ctx, unknownField(key, child, Object.keys(properties), value));
      continue;
    }
    // Like the API server's decoder: a null where null is not allowed is deleted (or defaulted), not rejected.
    if (value[key] === null && !sub.nullable) {
      if (!schema.required?.includes(key)) {
        report(ctx, {
          pointer: child,
          code: 'nullable',
          message: `"${key}" is null and the field is not nullable: the API server ${sub.default !== undefined ? `uses the default ${show(sub.default)}` : 'drops it'}; remove it or give it a value`,
        });
      }
      continue;
    }
    check(value[key], sub, child, ctx, false);
  }
}

function checkCombinators(value: unknown, schema: JsonSchema, pointer: string, ctx: Ctx): void {
  for (const sub of schema.allOf ?? []) check(value, sub, pointer, ctx, true);

  if (schema.anyOf && !(schema['x-kubernetes-int-or-string'] && isIntOrStringPair(schema))) {
    if (!schema.anyOf.some((b) => passes(value, b, pointer, ctx))) {
      const names = requiredAlternatives(schema.anyOf);
      report(ctx, {
        pointer,
        code: 'any-of',
        message: names ? `set at least one of ${listNames(names)}` : 'does not match any of the allowed alternatives (anyOf)',
        onKey: pointer !== '',
      });
    }
  }

  if (schema.oneOf) {
    const matching = schema.oneOf.filter((b) => passes(value, b, pointer, ctx));
    if (matching.length !== 1) {
      const names = requiredAlternatives(schema.oneOf);
      const set = names && isPlainObject(value) ? names.filter((n) => Object.hasOwn(value, n) && value[n] !== null) : [];
      report(ctx, {
        pointer,
        code: 'one-of',
        message: names
          ? `set exactly one of ${listNames(names)}${set.length > 1 ? ` (found ${set.join(' and ')})` : ''}`
          : `must match exactly one of the allowed alternatives (oneOf), matched ${matching.length}`,
        onKey: pointer !== '',
      });
    }
  }

  if (schema.not && passes(value, schema.not, pointer, ctx)) {
    const names = requiredAlternatives([schema.not]);
    report(ctx, {
      pointer,
      code: 'not',
      message: names ? `"${names[0]}" must not be set here` : 'matches a shape that is not allowed here (not)',
    });
  }
}
