// Per-namespace registry Secrets (the org-namespace set-up): an imagePullSecrets entry whose Secret
// exists in another namespace but not in the Agent's is an image pull failure waiting to happen,
// since a pod can only use pull Secrets of its own namespace.
import type { Resource } from '../model.js';
import type { Rule } from './types.js';
import { resolve } from '../resolve.js';
import { appendDocumentsFix } from './appendDocuments.js';

/** Pointer of an imagePullSecrets entry. */
export const PULL_SECRETS = /\/imagePullSecrets\/\d+$/;

/** The copy recipe of the org-namespace guide, as one command. */
export function copySecretCommand(name: string, from: string, to: string): string {
  return `kubectl get secret ${name} -n ${from} -o yaml | sed 's/namespace: .*/namespace: ${to}/' | kubectl apply -f -`;
}

/** The object that makes the Secret (an ExternalSecret) copied into another namespace, when copying it is safe. */
function copyable(secret: Resource, namespace: string): Record<string, unknown> | undefined {
  // A plain Secret carries its values and a SealedSecret is sealed to its namespace: neither is copied here.
  if (secret.producedBy?.kind !== 'ExternalSecret' || secret.producedBy.group !== 'external-secrets.io') return undefined;
  const o = secret.object;
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: meta.name, namespace, ...(meta.labels ? { labels: meta.labels } : {}) },
    spec: o.spec,
  };
}

export const pullSecretElsewhere: Rule = {
  id: 'pull-secret-elsewhere',
  defaultSeverity: 'warning',
  rationale:
    "A pod can only pull with registry Secrets of its own namespace; one that exists only in another namespace leaves the Agent's image unpullable.",
  scope: 'workspace',
  check(ctx) {
    const ns = ctx.resource.namespace;
    for (const ref of ctx.references()) {
      if (ref.target.group !== '' || ref.target.kind !== 'Secret' || !PULL_SECRETS.test(ref.pointer)) continue;
      const res = resolve(ref, ctx.lookup);
      if (res.status !== 'missing' || res.elsewhere.length === 0) continue;
      const from = res.elsewhere[0];
      const name = ref.target.name;
      const copy = copyable(from.resource, ns);
      ctx.report({
        range: ref.nameRange ?? ctx.rangeOf(ref.pointer),
        message: `Registry Secret '${name}' is not in namespace ${ns} but exists in ${res.elsewhere.map((e) => e.namespace).join(', ')}: pods of this Agent will fail to pull their image (ImagePullBackOff). Copy it into ${ns}: ${copySecretCommand(name, from.namespace, ns)}`,
        related: res.elsewhere.map((e) => ({
          location: { uri: e.resource.uri, range: e.resource.ranges.get('/metadata/name')?.value ?? e.resource.range },
          message: `'${name}' in ${e.namespace}`,
        })),
        fixes: copy
          ? [appendDocumentsFix(ctx.resource, [copy], `Copy ExternalSecret ${from.namespace}/${from.resource.producedBy!.name} into ${ns}`)]
          : undefined,
      });
    }
  },
};
