// Schema validation, one rule per kind of problem so each can be tuned on its own.
import type { Rule, RuleContext } from './types.js';
import type { SchemaIssue, SchemaIssueCode } from '../schema/types.js';

function schemaRule(id: string, codes: SchemaIssueCode[], defaultSeverity: Rule['defaultSeverity'], rationale: string): Rule {
  const wanted = new Set<string>(codes);
  return {
    id,
    defaultSeverity,
    rationale,
    scope: 'document',
    check(ctx: RuleContext) {
      for (const issue of ctx.schemaIssues()) if (wanted.has(issue.code)) reportIssue(ctx, issue);
    },
  };
}

function reportIssue(ctx: RuleContext, issue: SchemaIssue): void {
  const range = ctx.rangeOf(issue.pointer, issue.onKey);
  const fixes =
    issue.suggestion !== undefined && ctx.resource.ranges.get(issue.pointer)
      ? [{ title: `Change to '${issue.suggestion}'`, edits: [{ range, newText: issue.suggestion }], preferred: true }]
      : undefined;
  ctx.report({ range, message: issue.message, fixes });
}

export const schemaType = schemaRule(
  'schema-type',
  ['type', 'nullable', 'items', 'properties', 'unique', 'any-of', 'not'],
  'error',
  'The API server rejects a value of the wrong type (a number where a string is expected, a map where a list is).',
);
export const schemaRequired = schemaRule(
  'schema-required',
  ['required'],
  'error',
  'The API server rejects an object that lacks a required field.',
);
export const schemaEnum = schemaRule('schema-enum', ['enum'], 'error', 'Only the listed values are accepted; anything else is rejected.');
export const schemaPattern = schemaRule(
  'schema-pattern',
  ['pattern'],
  'error',
  'A string that does not match the documented format is rejected (e.g. a temperature must be a quoted number from 0 to 2).',
);
export const schemaRange = schemaRule(
  'schema-range',
  ['range', 'length'],
  'error',
  'Numbers, strings and lists outside their documented bounds are rejected.',
);
export const schemaUnknownField = schemaRule(
  'schema-unknown-field',
  ['unknown-field'],
  'warning',
  'The API server silently drops fields the schema does not know: the setting you wrote never takes effect.',
);
export const schemaOneOf = schemaRule(
  'schema-one-of',
  ['one-of'],
  'error',
  'Some blocks take exactly one of several alternatives (one provider block, one schema source).',
);
