// Secrets, ConfigMaps, Services and ServiceAccounts that no file defines. They often live outside
// Git (sealed or external secrets, other repos), so a missing one is a hint, not an error.
import type { Rule } from './types.js';
import { resolve } from '../resolve.js';
import { namespaceFix, renameFix, compact, suggestedElsewhere } from './referenceFixes.js';
import { renamedTarget } from './kustomizeNameReference.js';
import { PULL_SECRETS } from './pullSecretElsewhere.js';

function missingRule(id: string, kind: string, rationale: string, extra: string): Rule {
  return {
    id,
    defaultSeverity: 'hint',
    rationale,
    scope: 'workspace',
    check(ctx) {
      for (const ref of ctx.references()) {
        if (ref.target.group !== '' || ref.target.kind !== kind || ref.optional) continue;
        if (kind === 'ServiceAccount' && ref.target.name === 'default') continue;
        const found = resolve(ref, ctx.lookup);
        if (found.status === 'found' || found.status === 'forbidden' || renamedTarget(ctx.workspace, ref)) continue;
        // A registry Secret of another namespace is pull-secret-elsewhere's warning, not a hint here.
        if (kind === 'Secret' && PULL_SECRETS.test(ref.pointer) && found.status === 'missing' && found.elsewhere.length > 0) continue;
        const res = { ...found, elsewhere: suggestedElsewhere(ctx, ref, found.elsewhere) };
        const t = ref.target;
        const parts = [`${kind} '${t.name}' is not defined in this workspace (namespace '${t.namespace}').`];
        if (res.status === 'wrong-kind' && res.wrongKind) parts.push(`'${t.name}' there is a ${res.wrongKind.kind}.`);
        if (res.elsewhere.length > 0)
          parts.push(`It exists in namespace${res.elsewhere.length > 1 ? 's' : ''} ${res.elsewhere.map((e) => e.namespace).join(', ')}.`);
        if (res.closeNames.length > 0) parts.push(`Did you mean ${res.closeNames.map((n) => `'${n}'`).join(' or ')}?`);
        parts.push(extra);
        const fixes = compact([
          ...res.elsewhere.map((e, i) => namespaceFix(ctx, ref, e.namespace, i === 0)),
          ...res.closeNames.map((n, i) => renameFix(ref, n, i === 0 && res.elsewhere.length === 0)),
        ]);
        ctx.report({ range: ref.nameRange ?? ctx.rangeOf(ref.pointer), message: parts.join(' '), fixes: fixes.length ? fixes : undefined });
      }
    },
  };
}

export const missingSecret = missingRule(
  'missing-secret',
  'Secret',
  'A Secret that does not exist when the object is applied leaves the agent without its credentials.',
  'Make sure it exists in the cluster (or add it, an ExternalSecret or a SealedSecret here).',
);
export const missingConfigMap = missingRule(
  'missing-configmap',
  'ConfigMap',
  'A ConfigMap that does not exist keeps the pod from starting (or the tool from loading its schema).',
  'Make sure it exists in the cluster, or add it to the repository.',
);
export const missingService = missingRule(
  'missing-service',
  'Service',
  'An AgentTool whose Service does not exist cannot be called.',
  'Make sure the Service exists in the cluster, or add it to the repository.',
);
export const missingServiceAccount = missingRule(
  'missing-service-account',
  'ServiceAccount',
  'Pods of an Agent whose ServiceAccount does not exist are never created.',
  'Create the ServiceAccount, or remove serviceAccountName to use the namespace default.',
);
