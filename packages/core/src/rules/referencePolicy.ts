// One policy for a reference whose target is missing, of the wrong kind, or lacks the key: which
// rule reports it, and so how severe it is. The linter's rules and `kubectl flokoa refs -f` both
// ask here, so a CI gate on manifests fails exactly when the linter reports an error.
import type { AnalysisSettings } from '../settings.js';
import type { Rule } from './types.js';
import { unresolvedReference } from './unresolvedReference.js';
import { missingConfigMap, missingSecret, missingService, missingServiceAccount } from './missingExternal.js';
import { missingConfigMapKey, missingSecretKey } from './missingKey.js';
import { FLOKOA_GROUP } from '../api/group.js';
import type { Severity } from '../model.js';

export type ReferenceProblem = 'missing' | 'wrong-kind' | 'key-missing';

const MISSING: Readonly<Record<string, Rule>> = {
  Secret: missingSecret,
  ConfigMap: missingConfigMap,
  Service: missingService,
  ServiceAccount: missingServiceAccount,
};
const KEY_MISSING: Readonly<Record<string, Rule>> = { Secret: missingSecretKey, ConfigMap: missingConfigMapKey };

/** The rule that reports this problem of a reference to `target`, if any does. */
export function referenceRule(target: { group: string; kind: string }, problem: ReferenceProblem): Rule | undefined {
  if (target.group === FLOKOA_GROUP) return problem === 'key-missing' ? undefined : unresolvedReference;
  if (target.group !== '') return undefined;
  return problem === 'key-missing' ? KEY_MISSING[target.kind] : MISSING[target.kind];
}

/** How severe the problem is under these settings ('off' when no rule reports it or it is silenced). */
export function referenceSeverity(
  target: { group: string; kind: string },
  problem: ReferenceProblem,
  settings: Pick<AnalysisSettings, 'rules'>,
): Severity | 'off' {
  const rule = referenceRule(target, problem);
  return rule ? (settings.rules[rule.id] ?? rule.defaultSeverity) : 'off';
}
