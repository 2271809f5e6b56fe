// Flux namespaced tenancy: a tenant's Kustomization (one with a targetNamespace, or living outside
// flux-system) takes its source from its own namespace, applies only namespaced objects, and runs
// as a service account of its namespace rather than with the controller's own rights.
import type { RenderingContext, RenderingRule } from './types.js';
import type { SourceDocument } from '../model.js';
import { isPlainObject } from '../schema/structural.js';
import { kindInfo, splitApiVersion } from '../kinds.js';
import { isClusterScoped } from '../render/resid.js';
import { locateOrigin } from '../renderings.js';

interface FluxFacts {
  doc: SourceDocument;
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
  targetNamespace?: string;
  /** A tenant: confined to a namespace, or a Kustomization outside flux-system. */
  tenant: boolean;
}

function fluxFacts(ctx: RenderingContext): FluxFacts | undefined {
  const root = ctx.root;
  if (root.kind !== 'flux' || !isPlainObject(root.doc.value)) return undefined;
  const v = root.doc.value;
  const spec = isPlainObject(v.spec) ? v.spec : {};
  const [namespace, name] = (root.flux ?? '/').split('/');
  const target = typeof spec.targetNamespace === 'string' && spec.targetNamespace !== '' ? spec.targetNamespace : undefined;
  return { doc: root.doc, namespace, name, spec, targetNamespace: target, tenant: target !== undefined || namespace !== 'flux-system' };
}

function at(doc: SourceDocument, pointer: string, onKey = false): { uri: string; range: import('../model.js').Range } {
  const r = locateOrigin({ kind: 'source', doc, pointer }) ?? locateOrigin({ kind: 'source', doc, pointer: '/spec' });
  return { uri: doc.uri, range: r ? (onKey && r.key ? r.key : r.value) : doc.range };
}

export const fluxSourceNamespace: RenderingRule = {
  id: 'flux-source-namespace',
  defaultSeverity: 'warning',
  rationale:
    "A tenant Kustomization must take its source from its own namespace: with Flux's multi-tenancy lockdown a cross-namespace sourceRef is refused and nothing is applied.",
  scope: 'rendering',
  checkRoot(ctx) {
    const f = fluxFacts(ctx);
    const ref = f && isPlainObject(f.spec.sourceRef) ? f.spec.sourceRef : undefined;
    if (!f || !f.tenant || !ref || typeof ref.namespace !== 'string' || ref.namespace === f.namespace) return;
    ctx.report({
      at: at(f.doc, '/spec/sourceRef/namespace'),
      message: `Kustomization ${f.namespace}/${f.name} is a tenant but takes its source from namespace '${ref.namespace}': a tenant's ${typeof ref.kind === 'string' ? ref.kind : 'source'} must live in its own namespace ('${f.namespace}'), or Flux refuses the cross-namespace reference when tenancy is locked down.`,
    });
  },
};

export const fluxTenantClusterScoped: RenderingRule = {
  id: 'flux-tenant-cluster-scoped',
  defaultSeverity: 'error',
  rationale:
    'A tenant confined to a namespace cannot create cluster-scoped objects (ClusterRoles, CRDs, PersistentVolumes…): its Kustomization never becomes Ready.',
  scope: 'rendering',
  checkRoot(ctx) {
    const f = fluxFacts(ctx);
    if (!f || !f.targetNamespace) return;
    for (const o of ctx.root.result.objects) {
      const kind = typeof o.object.kind === 'string' ? o.object.kind : '';
      const { group, version } = splitApiVersion(typeof o.object.apiVersion === 'string' ? o.object.apiVersion : '');
      if (!isClusterScoped({ group, version, kind }) && kindInfo(group, kind).namespaced) continue;
      const name = isPlainObject(o.object.metadata) && typeof o.object.metadata.name === 'string' ? o.object.metadata.name : '';
      const where = locateOrigin(o.originAt('/kind')) ?? locateOrigin(o.source);
      if (!where) continue;
      ctx.report({
        at: { uri: where.uri, range: where.key ?? where.value },
        message: `${kind} ${name} is cluster-scoped: Flux Kustomization ${f.namespace}/${f.name} applies into namespace '${f.targetNamespace}' and cannot create it, so it never becomes Ready. Have the platform team install it outside the tenant.`,
        related: [{ location: at(f.doc, '/spec/targetNamespace'), message: `the tenant's targetNamespace` }],
      });
    }
  },
};

export const fluxServiceAccount: RenderingRule = {
  id: 'flux-service-account',
  defaultSeverity: 'warning',
  rationale:
    "Without serviceAccountName a Kustomization applies with kustomize-controller's own rights (cluster-admin by default): a tenant should impersonate a service account of its namespace.",
  scope: 'rendering',
  checkRoot(ctx) {
    const f = fluxFacts(ctx);
    if (!f || !f.tenant || (typeof f.spec.serviceAccountName === 'string' && f.spec.serviceAccountName !== '')) return;
    ctx.report({
      at: at(f.doc, '/spec', true),
      message: `Kustomization ${f.namespace}/${f.name} has no spec.serviceAccountName: it applies with the controller's own rights, not the tenant's. Set serviceAccountName to a service account of namespace '${f.namespace}' bound to what the tenant may do.`,
    });
  },
};
