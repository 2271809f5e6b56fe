// Kinds and versions the API does not serve.
import type { Rule } from './types.js';
import { FLOKOA_KINDS } from '../kinds.js';
import { closestNames } from '../schema/didYouMean.js';

export const unknownKind: Rule = {
  id: 'unknown-kind',
  defaultSeverity: 'error',
  rationale: 'A kind that the agent.flokoa.ai API does not define is rejected by kubectl apply.',
  scope: 'document',
  check(ctx) {
    const r = ctx.resource;
    const store = ctx.workspace.schemas;
    const known = [...new Set([...FLOKOA_KINDS, ...store.kinds(r.group).map((k) => k.kind)])];
    if (r.kind === '') {
      ctx.report({
        pointer: '/apiVersion',
        onKey: true,
        message: `This ${r.group} document has no kind. Add kind: with one of ${known.join(', ')}.`,
      });
      return;
    }
    if (store.schemaFor(r.group, r.version, r.kind)) return;
    const guess = closestNames(r.kind, known, 1)[0];
    const range = ctx.rangeOf('/kind');
    ctx.report({
      range,
      message: `Unknown kind '${r.kind}' in ${r.group}${guess ? `: did you mean '${guess}'?` : '.'} Known kinds: ${known.join(', ')}.`,
      fixes: guess ? [{ title: `Change to '${guess}'`, edits: [{ range, newText: guess }], preferred: true }] : undefined,
    });
  },
};

export const unservedVersion: Rule = {
  id: 'unserved-version',
  defaultSeverity: 'error',
  rationale: 'The API server refuses objects in a version the CustomResourceDefinition does not serve.',
  scope: 'document',
  check(ctx) {
    const r = ctx.resource;
    const store = ctx.workspace.schemas;
    if (r.kind === '') return;
    const served = store.servedVersions(r.group, r.kind);
    if (served.length === 0 || served.includes(r.version)) return;
    const range = ctx.rangeOf('/apiVersion');
    ctx.report({
      range,
      message: `${r.kind} is not served in version '${r.version}'; served: ${served.join(', ')}. Use apiVersion: ${r.group}/${served[0]}.`,
      fixes: served.map((v, i) => ({
        title: `Change to ${r.group}/${v}`,
        edits: [{ range, newText: `${r.group}/${v}` }],
        preferred: i === 0,
      })),
    });
  },
};
