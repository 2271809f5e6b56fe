// A reference to an Agent, Model, ModelProvider or AgentTool that resolves nowhere.
import type { Rule } from './types.js';
import { FLOKOA_GROUP, describeKey } from '../kinds.js';
import { resolve } from '../resolve.js';
import { namespaceFix, renameFix, compact, suggestedElsewhere } from './referenceFixes.js';
import { renamedTarget } from './kustomizeNameReference.js';

export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  defaultSeverity: 'error',
  rationale:
    'The operator cannot reconcile an object whose Model, ModelProvider or AgentTool does not exist; the Agent never becomes ready.',
  scope: 'workspace',
  check(ctx) {
    for (const ref of ctx.references()) {
      if (ref.target.group !== FLOKOA_GROUP) continue;
      const found = resolve(ref, ctx.lookup);
      if (found.status === 'found' || found.status === 'forbidden' || renamedTarget(ctx.workspace, ref)) continue;
      const res = { ...found, elsewhere: suggestedElsewhere(ctx, ref, found.elsewhere) };
      const t = ref.target;
      const where = ref.namespaceExplicit
        ? `namespace '${t.namespace}'`
        : `namespace '${t.namespace}' (the ${ref.source.kind}'s own; no namespace: given)`;
      const parts = [`${t.kind} '${t.name}' not found in ${where}.`];
      if (res.status === 'wrong-kind' && res.wrongKind) {
        parts.push(
          `'${t.name}' there is a ${res.wrongKind.kind}, not a ${t.kind}: ${ref.pointer.replace(/\/\d+/g, '[]').slice(1).replace(/\//g, '.')} must name a ${t.kind}.`,
        );
      }
      if (res.elsewhere.length > 0) {
        const spaces = res.elsewhere.map((e) => e.namespace);
        parts.push(
          `It exists in namespace${spaces.length > 1 ? 's' : ''} ${spaces.join(', ')}${ref.spec.hasNamespace ? ` — add namespace: ${spaces[0]}` : ''}.`,
        );
      }
      if (res.closeNames.length > 0) parts.push(`Did you mean ${res.closeNames.map((n) => `'${n}'`).join(' or ')}?`);
      if (res.status === 'missing' && res.elsewhere.length === 0 && res.closeNames.length === 0) {
        parts.push(`Create the ${t.kind}, or point the reference at an existing one.`);
      }
      const fixes = compact([
        ...res.elsewhere.map((e, i) => namespaceFix(ctx, ref, e.namespace, i === 0)),
        ...res.closeNames.map((n, i) => renameFix(ref, n, res.elsewhere.length === 0 && i === 0)),
      ]);
      ctx.report({
        range: ref.nameRange ?? ctx.rangeOf(ref.pointer),
        message: parts.join(' '),
        fixes: fixes.length ? fixes : undefined,
        related: res.elsewhere.slice(0, 5).map((e) => ({
          location: { uri: e.resource.uri, range: e.resource.ranges.get('/metadata/name')?.value ?? e.resource.range },
          message: `${describeKey(e.resource)} is defined here`,
        })),
      });
    }
  },
};
