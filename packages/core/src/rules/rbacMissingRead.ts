// Cross-namespace reads under managed RBAC (the namespaces guide): where the workspace keeps Roles
// or RoleBindings in a namespace, an Agent's service account must be granted `get` on the Models,
// ModelProviders and AgentTools it uses there. The fix adds the guide's least-privilege pair.
import type { Resource } from '../model.js';
import type { Rule, RuleContext } from './types.js';
import type { Reference } from '../references.js';
import { chainOf, type ChainNode } from '../resolve.js';
import { agentPod } from '../api/agentPod.js';
import { FLOKOA_GROUP, kindInfo } from '../kinds.js';
import { authorize, managesRbac, RBAC_GROUP, ruleAllows, rulesOf, serviceAccountUser } from '../admission/rbac.js';
import { GRANT_VERBS, grantObjects, type Grant } from '../admission/rbacGrants.js';
import { appendDocumentsFix } from './appendDocuments.js';

const READ_KINDS = new Set(['Model', 'ModelProvider', 'AgentTool']);

/** The Flokoa objects an Agent reads in other namespaces, each with the Agent's own reference that leads to it. */
function crossReads(agent: Resource, chain: ChainNode[], via?: Reference): { target: Resource; via: Reference }[] {
  const out: { target: Resource; via: Reference }[] = [];
  for (const node of chain) {
    const first = via ?? node.reference;
    const t = node.resolution.target;
    if (t && t.group === FLOKOA_GROUP && READ_KINDS.has(t.kind) && t.namespace !== agent.namespace) out.push({ target: t, via: first });
    out.push(...crossReads(agent, node.children, first));
  }
  return out;
}

/** Where the grant goes: after an RBAC document kept in a file of that namespace, else after the Agent. */
function grantHome(ctx: RuleContext, namespace: string): Resource {
  const kept = [...ctx.workspace.list(RBAC_GROUP, 'RoleBinding', namespace), ...ctx.workspace.list(RBAC_GROUP, 'Role', namespace)].filter(
    (r) => !ctx.workspace.isExternal(r) && !r.producedBy,
  );
  kept.sort((a, b) => (a.uri === b.uri ? b.docIndex - a.docIndex : a.uri.localeCompare(b.uri)));
  return kept[0] ?? ctx.resource;
}

export const rbacMissingRead: Rule = {
  id: 'rbac-missing-read',
  defaultSeverity: 'warning',
  rationale:
    'Under managed RBAC, an Agent whose service account may not get the Models and tools it uses in another namespace cannot load them.',
  scope: 'workspace',
  check(ctx) {
    const agent = ctx.resource;
    const pod = agentPod(agent);
    if (!pod || !agent.name) return;
    const sa = typeof pod.pod.serviceAccountName === 'string' && pod.pod.serviceAccountName ? pod.pod.serviceAccountName : 'default';
    const user = serviceAccountUser(agent.namespace, sa);
    const reported = new Set<string>();
    for (const { target, via } of crossReads(agent, chainOf(agent, ctx.lookup))) {
      const resource = kindInfo(target.group, target.kind).plural;
      const key = `${target.namespace}/${resource}`;
      if (reported.has(key) || !managesRbac(ctx.workspace, target.namespace)) continue;
      const decision = authorize(ctx.workspace, user, {
        verb: 'get',
        group: target.group,
        resource,
        namespace: target.namespace,
        name: target.name,
      });
      if (decision.allowed !== false) continue;
      reported.add(key);
      const grant: Grant = {
        namespace: target.namespace,
        group: target.group,
        kind: target.kind,
        resource,
        saNamespace: agent.namespace,
        sa,
      };
      const taken = (kind: 'Role' | 'RoleBinding', namespace: string, name: string): boolean =>
        ctx.workspace.get({ group: RBAC_GROUP, kind, namespace, name }) !== undefined;
      const granting = (g: Grant): string | undefined =>
        ctx.workspace
          .list(RBAC_GROUP, 'Role', g.namespace)
          .find((role) =>
            GRANT_VERBS.every((verb) =>
              rulesOf(role.object).some((rule) => ruleAllows(rule, { verb, group: g.group, resource: g.resource, namespace: g.namespace })),
            ),
          )?.name;
      const objects = grantObjects([grant], taken, granting);
      const through = via.target.kind === target.kind ? '' : ` (through ${via.target.kind} ${via.target.namespace}/${via.target.name})`;
      ctx.report({
        range: via.nameRange ?? ctx.rangeOf(via.pointer),
        message: `ServiceAccount ${agent.namespace}/${sa} may not get ${resource}.${target.group} in namespace ${target.namespace}${through}: RBAC there is managed in this workspace and no RoleBinding grants it. Bind the service account to a Role allowing get and list on ${resource} (kubectl flokoa refs --check-rbac --fix-rbac prints the same).`,
        fixes: [
          appendDocumentsFix(
            grantHome(ctx, target.namespace),
            objects,
            `Grant ${agent.namespace}/${sa} get, list on ${resource} in ${target.namespace}`,
          ),
        ],
      });
    }
  },
};
