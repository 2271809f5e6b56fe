// A Model, ModelProvider or AgentTool that nothing references is dead configuration.
import type { Rule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';

const KINDS = new Set(['Model', 'ModelProvider', 'AgentTool']);

export const unusedResource: Rule = {
  id: 'unused-resource',
  defaultSeverity: 'info',
  rationale: 'Configuration nothing uses drifts unnoticed and may still hold credentials; delete it or reference it.',
  scope: 'workspace',
  check(ctx) {
    const r = ctx.resource;
    if (r.group !== FLOKOA_GROUP || !KINDS.has(r.kind) || !r.name) return;
    if (ctx.workspace.referrerCount(r) > 0) return;
    const user =
      r.kind === 'Model' ? 'Agent (spec.model)' : r.kind === 'ModelProvider' ? 'Model (spec.providerRef)' : 'Agent (spec.tools[].toolRef)';
    ctx.report({
      pointer: '/metadata/name',
      message: `${r.kind} '${r.name}' in namespace '${r.namespace}' is not referenced by any ${user} in the workspace. Reference it or delete it.`,
      tags: ['unnecessary'],
    });
  },
};
