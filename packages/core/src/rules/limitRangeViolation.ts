// LimitRange min/max/maxLimitRequestRatio, per container and per pod, as the LimitRanger plugin
// enforces them when the Deployment's pods are created: a breach means no pod ever starts.
import type { Rule } from './types.js';
import { formatQuantity } from '../admission/quantity.js';
import type { LimitViolation, RequestOverLimit } from '../admission/limitRange.js';
import { agentAdmission, originNote, relatedAt, valuePointer, type AgentAdmission } from './admissionFacts.js';
import { escapeSegment } from '../pointer.js';

const BOUND_WORDS = { min: 'at least', max: 'at most', maxLimitRequestRatio: 'a limit to request ratio of at most' } as const;

export const limitRangeViolation: Rule = {
  id: 'limit-range-violation',
  defaultSeverity: 'error',
  rationale: "A container outside its namespace's LimitRange bounds is refused at pod creation: the Agent's pods never start.",
  scope: 'workspace',
  check(ctx) {
    const a = agentAdmission(ctx);
    if (!a) return;
    for (const v of a.admission.violations) reportViolation(ctx, a, v);
    for (const o of a.admission.overLimits) reportOverLimit(ctx, a, o);
  },
};

function reportViolation(ctx: Parameters<Rule['check']>[0], a: AgentAdmission, v: LimitViolation): void {
  const side = v.side === 'request' ? 'requests' : 'limits';
  const origins = a.admission.defaulted.origins[v.container ?? 0];
  const origin = v.type === 'Container' ? origins?.get(`${side}.${v.resource}`) : undefined;
  const pointer = valuePointer(a.resources, side, v.resource);
  const written = origin?.kind === 'written';
  const lr = a.policies.limitRanges.find((l) => l.policy.name === v.limitRange)!;
  const enforced = formatQuantity(v.enforced);
  const container = a.admission.defaulted.pod.containers[v.container ?? 0];
  const value = v.missing
    ? undefined
    : v.type === 'Container'
      ? (side === 'requests' ? container?.requests : container?.limits)?.get(v.resource)
      : undefined;
  const what =
    v.type === 'Pod'
      ? `the pod's ${v.side}s of ${v.resource} add up beyond it`
      : v.missing
        ? `this container has no ${v.side} for ${v.resource}`
        : `this ${v.side} is ${value ? formatQuantity(value) : '?'}${originNote(origin)}`;
  const fix =
    written && v.bound !== 'maxLimitRequestRatio' && !v.missing
      ? [{ title: `Change to ${enforced}`, edits: [{ range: ctx.rangeOf(pointer), newText: enforced }], preferred: true }]
      : undefined;
  ctx.report({
    ...(written ? { pointer } : { pointer: a.resources, onKey: true }),
    message: `LimitRange ${v.limitRange} in namespace ${ctx.resource.namespace} allows ${BOUND_WORDS[v.bound]} ${enforced} ${v.resource} per ${v.type}, and ${what}: the API server refuses every pod of this Agent ("${v.message}").`,
    related: [
      relatedAt(lr.resource, `/spec/limits/${v.item}/${v.bound}/${escapeSegment(v.resource)}`, `${v.bound} ${v.resource}: ${enforced}`),
    ],
    fixes: fix,
  });
}

function reportOverLimit(ctx: Parameters<Rule['check']>[0], a: AgentAdmission, o: RequestOverLimit): void {
  const origins = a.admission.defaulted.origins[o.container];
  const req = origins?.get(`requests.${o.resource}`);
  const lim = origins?.get(`limits.${o.resource}`);
  // Both written: the manifest is wrong in any namespace, which schema validation is for.
  if (req?.kind === 'written' && lim?.kind === 'written') return;
  const pointer = valuePointer(a.resources, req?.kind === 'written' ? 'requests' : 'limits', o.resource);
  const written = req?.kind === 'written' || lim?.kind === 'written';
  ctx.report({
    ...(written ? { pointer } : { pointer: a.resources, onKey: true }),
    message: `In namespace ${ctx.resource.namespace} this container's ${o.resource} request is ${formatQuantity(o.request)}${originNote(req)} and its limit ${formatQuantity(o.limit)}${originNote(lim)}: the API server refuses the pod as invalid ("${o.message}"). Set limits.${o.resource} to at least the request.`,
  });
}
