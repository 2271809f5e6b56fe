// One policy for broken references: the rule (and so the severity) the linter reports each with,
// which `kubectl flokoa refs -f` also asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceRule, referenceSeverity, DEFAULT_SETTINGS, type ReferenceProblem } from '../src/index.js';

/** [group, kind, problem, rule id, default severity]. */
const table: [string, string, ReferenceProblem, string | undefined, string][] = [
  ['agent.flokoa.ai', 'Model', 'missing', 'unresolved-reference', 'error'],
  ['agent.flokoa.ai', 'Agent', 'wrong-kind', 'unresolved-reference', 'error'],
  ['', 'Secret', 'missing', 'missing-secret', 'hint'],
  ['', 'Secret', 'key-missing', 'missing-secret-key', 'warning'],
  ['', 'ConfigMap', 'missing', 'missing-configmap', 'hint'],
  ['', 'ConfigMap', 'key-missing', 'missing-configmap-key', 'warning'],
  ['', 'Service', 'missing', 'missing-service', 'hint'],
  ['', 'ServiceAccount', 'wrong-kind', 'missing-service-account', 'hint'],
  ['argoproj.io', 'EventSource', 'missing', undefined, 'off'],
];
for (const [group, kind, problem, id, severity] of table) {
  test(`reference policy: ${problem} ${kind} → ${id ?? 'no rule'} (${severity})`, () => {
    assert.equal(referenceRule({ group, kind }, problem)?.id, id);
    assert.equal(referenceSeverity({ group, kind }, problem, DEFAULT_SETTINGS), severity);
  });
}

test('reference policy: settings change the severity, as they do for the rule', () => {
  const settings = { ...DEFAULT_SETTINGS, rules: { 'missing-secret': 'error' as const } };
  assert.equal(referenceSeverity({ group: '', kind: 'Secret' }, 'missing', settings), 'error');
});
