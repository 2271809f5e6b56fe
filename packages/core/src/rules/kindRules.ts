// Kinds and versions the API does not serve.
import type { Rule, RuleContext } from './types.js';
import { FLOKOA_KINDS } from '../kinds.js';
import { closestNames } from '../schema/didYouMean.js';

/**
 * How a document's kind stands: served by its generation or a CRD; `unknown` (rejected: a typo,
 * or a kind the installed CRDs or the pinned generation do not have); or `unrecognised` (a kind
 * no generation these tools know has, with no CRD to tell: maybe a newer release, noticed once).
 */
export function kindStanding(ctx: RuleContext): { standing: 'served' | 'unknown' | 'unrecognised'; known: string[]; guess?: string } {
  const r = ctx.resource;
  const store = ctx.workspace.schemas;
  const api = r.api?.api;
  // The common case first: listing every kind is only worth it for a message.
  if (r.kind !== '' && store.schemaFor(r.group, r.version, r.kind, api)) return { standing: 'served', known: [] };
  const known = [
    ...new Set([
      ...(api ? api.kinds.map((k) => k.kind) : FLOKOA_KINDS),
      ...store
        .kinds(r.group)
        .filter((k) => k.source !== 'builtin')
        .map((k) => k.kind),
    ]),
  ];
  const guess = r.kind === '' ? undefined : closestNames(r.kind, known, 1)[0];
  const decided = store.hasCrds() || r.api?.source === 'setting' || FLOKOA_KINDS.includes(r.kind);
  return { standing: r.kind === '' || guess || decided ? 'unknown' : 'unrecognised', known, ...(guess ? { guess } : {}) };
}

export const unknownKind: Rule = {
  id: 'unknown-kind',
  defaultSeverity: 'error',
  rationale: 'A kind that the agent.flokoa.ai API does not define is rejected by kubectl apply.',
  scope: 'document',
  check(ctx) {
    const r = ctx.resource;
    const { standing, known, guess } = kindStanding(ctx);
    if (standing !== 'unknown') return;
    if (r.kind === '') {
      ctx.report({
        pointer: '/apiVersion',
        onKey: true,
        message: `This ${r.group} document has no kind. Add kind: with one of ${known.join(', ')}.`,
      });
      return;
    }
    const range = ctx.rangeOf('/kind');
    const api = r.api?.api;
    const served = api && FLOKOA_KINDS.includes(r.kind) ? ` The ${api.title} API (${r.api!.because}) has no ${r.kind}.` : '';
    ctx.report({
      range,
      message: `Unknown kind '${r.kind}' in ${r.group}${guess ? `: did you mean '${guess}'?` : '.'}${served} Known kinds: ${known.join(', ')}.`,
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
    const served = store.servedVersions(r.group, r.kind, r.api?.api);
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
