// The API generation a document is read as: fields of another generation (one finding, not one per
// field), and what is checked differently for a CRD or kind no generation describes.
import type { Rule } from './types.js';
import { dottedPath } from '../pointer.js';
import { kindStanding } from './kindRules.js';

function list(pointers: readonly string[], max = 4): string {
  const names = [...new Set(pointers.map(dottedPath))];
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

export const apiGenerationMismatch: Rule = {
  id: 'api-generation-mismatch',
  defaultSeverity: 'error',
  rationale:
    'The API server keeps the fields of one API generation and drops the others: an object that mixes them does not run as written.',
  scope: 'document',
  check(ctx) {
    const r = ctx.resource;
    const choice = r.api;
    if (!choice?.mixed || !choice.api) return;
    const { other, pointers } = choice.mixed;
    const fields = list(pointers);
    const message =
      choice.source === 'document'
        ? `This ${r.kind} mixes two API generations: it is read as the ${choice.api.title} API (${choice.because}), but ${fields} belong to the ${other.title} API, whose fields the API server drops. Write it in one generation: ${choice.api.hallmarks}.`
        : `This ${r.kind} is written for the ${other.title} API (${fields}), but ${choice.because}: the API server drops those fields. Rewrite it for the ${choice.api.title} API (${choice.api.hallmarks}).`;
    // On the first of them in the document.
    const ranges = pointers.map((p) => ctx.rangeOf(p, true));
    const first = ranges.reduce((a, b) =>
      b.start.line < a.start.line || (b.start.line === a.start.line && b.start.character < a.start.character) ? b : a,
    );
    ctx.report({ range: first, message });
  },
};

export const unknownApi: Rule = {
  id: 'unknown-api',
  defaultSeverity: 'info',
  rationale: 'A CRD or kind that no API generation these tools know describes is checked as far as it can be; this says what is not.',
  scope: 'document',
  check(ctx) {
    const r = ctx.resource;
    const choice = r.api;
    if (kindStanding(ctx).standing === 'unrecognised') {
      ctx.report({
        pointer: '/kind',
        message: `${r.group}/${r.kind} is not a kind of the API generations these tools know and no CRD for it is in the workspace or cluster: it gets no schema or reference checks. Add its CustomResourceDefinition to the workspace (or connect the cluster) to check it.`,
      });
      return;
    }
    if (!choice?.notes?.length) return;
    const off = r.kind === 'Agent' && !choice.api ? '; HA checks are off (no known pod layout)' : '';
    ctx.report({
      pointer: '/kind',
      message: `This ${r.kind} is read with ${choice.because}: ${choice.notes.join('; ')}${off}.`,
    });
  },
};
