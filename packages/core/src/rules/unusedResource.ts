// A Model, ModelProvider, AgentTool, Instruction or Capability that nothing references is dead configuration.
import type { Rule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { dottedPath } from '../pointer.js';

/** Kinds that exist only to be referenced. */
const KINDS = new Set(['Model', 'ModelProvider', 'AgentTool', 'Instruction', 'Capability']);

export const unusedResource: Rule = {
  id: 'unused-resource',
  defaultSeverity: 'info',
  rationale: 'Configuration nothing uses drifts unnoticed and may still hold credentials; delete it or reference it.',
  scope: 'workspace',
  check(ctx) {
    const r = ctx.resource;
    if (r.group !== FLOKOA_GROUP || !KINDS.has(r.kind) || !r.name) return;
    if (ctx.workspace.referrerCount(r) > 0) return;
    // Who could refer to it, in the generation it is read as (the Agent's field differs between them).
    const fields = (r.api?.api?.references ?? []).filter(
      (s) => s.toGroup === r.group && s.toKind === r.kind && s.fromKind !== 'AgentWorkflow',
    );
    const user = fields.length
      ? fields.map((s) => `${s.fromKind} (${dottedPath(s.path.replace(/\/\*/g, '/0')).replace(/\[0\]/g, '[]')})`).join(' or ')
      : 'object';
    ctx.report({
      pointer: '/metadata/name',
      message: `${r.kind} '${r.name}' in namespace '${r.namespace}' is not referenced by any ${user} in the workspace. Reference it or delete it.`,
      tags: ['unnecessary'],
    });
  },
};
