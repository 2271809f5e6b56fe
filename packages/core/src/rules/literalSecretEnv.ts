// The HA guide: credentials belong in Secrets, referenced with secretKeyRef, not in the manifest.
import type { Rule } from './types.js';
import { agentPod, allows } from '../api/agentPod.js';
import { isPlainObject } from '../schema/structural.js';

const SECRET_NAME = /(KEY|TOKEN|PASSWORD|SECRET)$/i;

export const literalSecretEnv: Rule = {
  id: 'literal-secret-env',
  defaultSeverity: 'warning',
  rationale: 'A credential written into the manifest is readable by anyone with the repository or `get` on the Agent.',
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    const env = p && allows(p, 'env') ? p.container?.env : undefined;
    if (!p || !Array.isArray(env)) return;
    env.forEach((e, i) => {
      if (!isPlainObject(e) || typeof e.name !== 'string' || !SECRET_NAME.test(e.name)) return;
      if (e.value === undefined || e.value === null || e.value === '') return;
      // The value itself is never repeated in the message: findings end up in logs and CI output.
      ctx.report({
        pointer: `${p.containerPointer}/env/${i}/value`,
        message: `Env var ${e.name} looks like a credential but has a literal value. Store it in a Secret and use valueFrom.secretKeyRef instead.`,
      });
    });
  },
};
