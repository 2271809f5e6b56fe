// A key that the referenced Secret or ConfigMap, as defined in the workspace, does not hold.
import type { Rule } from './types.js';
import { resolve } from '../resolve.js';
import { dataKeysOf } from '../resources.js';
import { closestNames } from '../schema/didYouMean.js';

function missingKeyRule(id: string, kind: string, rationale: string): Rule {
  return {
    id,
    defaultSeverity: 'warning',
    rationale,
    scope: 'workspace',
    check(ctx) {
      for (const ref of ctx.references()) {
        if (ref.target.group !== '' || ref.target.kind !== kind || ref.key === undefined || ref.optional) continue;
        const res = resolve(ref, ctx.lookup);
        if (res.status !== 'found' || !res.target) continue;
        const keys = dataKeysOf(res.target);
        if (!keys || keys.has(ref.key)) continue;
        const range = ref.keyRange ?? ref.nameRange ?? ctx.rangeOf(ref.pointer);
        const close = closestNames(ref.key, keys, 1);
        const listed = [...keys]
          .sort()
          .slice(0, 10)
          .map((k) => `'${k}'`)
          .join(', ');
        ctx.report({
          range,
          message: `${kind} '${ref.target.name}' has no key '${ref.key}'${close.length ? `: did you mean '${close[0]}'?` : '.'} Its keys: ${listed || 'none'}.`,
          fixes:
            close.length && ref.keyRange
              ? [{ title: `Change to '${close[0]}'`, edits: [{ range: ref.keyRange, newText: close[0] }], preferred: true }]
              : undefined,
          related: [
            {
              location: { uri: res.target.uri, range: res.target.ranges.get('/metadata/name')?.value ?? res.target.range },
              message: `${kind} '${res.target.name}' is defined here`,
            },
          ],
        });
      }
    },
  };
}

export const missingSecretKey = missingKeyRule(
  'missing-secret-key',
  'Secret',
  'A secretKeyRef to a key the Secret lacks fails the pod at start (CreateContainerConfigError).',
);
export const missingConfigMapKey = missingKeyRule(
  'missing-configmap-key',
  'ConfigMap',
  'A configMapKeyRef to a key the ConfigMap lacks fails the pod at start (CreateContainerConfigError).',
);
