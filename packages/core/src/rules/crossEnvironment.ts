// Environment isolation: production must not depend on resources of another environment.
import type { Rule } from './types.js';
import { labelsOf } from '../resources.js';

const LABEL = 'environment';

export const crossEnvironmentReference: Rule = {
  id: 'cross-environment-reference',
  defaultSeverity: 'warning',
  rationale:
    'A production object that uses a development or staging resource lets a non-production change or leaked credential affect production.',
  scope: 'workspace',
  check(ctx) {
    const fromNs = ctx.workspace.namespaceObject(ctx.resource.namespace);
    if (!fromNs || labelsOf(fromNs)[LABEL] !== 'production') return;
    for (const ref of ctx.references()) {
      if (ref.target.namespace === ctx.resource.namespace) continue;
      const toNs = ctx.workspace.namespaceObject(ref.target.namespace);
      const env = toNs ? labelsOf(toNs)[LABEL] : undefined;
      if (!toNs || env === undefined || env === 'production') continue;
      ctx.report({
        range: ref.namespaceRange ?? ref.nameRange ?? ctx.rangeOf(ref.pointer),
        message: `Namespace '${ctx.resource.namespace}' is labelled ${LABEL}: production but this references ${ref.target.kind} '${ref.target.name}' in '${ref.target.namespace}', labelled ${LABEL}: ${env}. Use a production resource.`,
        related: [
          {
            location: { uri: toNs.uri, range: toNs.ranges.get(`/metadata/labels/${LABEL}`)?.value ?? toNs.range },
            message: `${ref.target.namespace} is labelled ${LABEL}: ${env}`,
          },
        ],
      });
    }
  },
};
