// Names the API server refuses: metadata.name must be a DNS-1123 subdomain, metadata.namespace a DNS-1123 label.
import type { Rule } from './types.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const invalidName: Rule = {
  id: 'invalid-name',
  defaultSeverity: 'error',
  rationale: 'kubectl apply refuses a name with capitals, underscores or spaces, or one that is too long.',
  scope: 'document',
  check(ctx) {
    const meta = ctx.resource.object.metadata;
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return;
    const { name, namespace } = meta as Record<string, unknown>;
    if (typeof name === 'string' && name !== '' && (name.length > 253 || !SUBDOMAIN.test(name))) {
      const fixed = suggest(name, 253);
      ctx.report({
        pointer: '/metadata/name',
        message: `Name '${name}' is not valid: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253 characters)${fixed ? `, e.g. '${fixed}'` : ''}.`,
        fixes: fixed ? [{ title: `Rename to '${fixed}'`, edits: [{ range: ctx.rangeOf('/metadata/name'), newText: fixed }] }] : undefined,
      });
    }
    if (typeof namespace === 'string' && namespace !== '' && (namespace.length > 63 || !LABEL.test(namespace))) {
      const fixed = suggest(namespace, 63)?.replace(/\./g, '-');
      ctx.report({
        pointer: '/metadata/namespace',
        message: `Namespace '${namespace}' is not valid: use lower-case letters, digits and '-', starting and ending with a letter or digit (at most 63 characters)${fixed ? `, e.g. '${fixed}'` : ''}.`,
      });
    }
  },
};

function suggest(name: string, max: number): string | undefined {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, max)
    .replace(/[^a-z0-9]+$/, '');
  return s && s !== name ? s : undefined;
}
