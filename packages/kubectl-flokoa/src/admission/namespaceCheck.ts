// `kubectl flokoa check`: is a namespace ready to run its agents? What seed 003's troubleshooting
// does by hand, read live: the namespace exists; each Agent's service account exists and may read
// what the Agent references in other namespaces; its registry Secrets are there (and where a
// missing one can be copied from); its references resolve; its namespace's quotas and limit ranges
// leave room for its next rollout. Each problem carries the command that fixes it. What could not
// be read is reported as not checked, never as fine.
import { kindInfo } from '@flokoa/core';
import {
  ACCEPT_METADATA_LIST,
  AGENT,
  collectionPath,
  describeError,
  KubeApiError,
  objectPath,
  UsageError,
  type KindRef,
  type KObject,
  type KubeClient,
} from '@flokoa/kube';
import { agentRoomIn, blockedRollout, readNamespaceLimits, type NamespaceLimits } from './room.js';
import { walkNodes, type RefNode, type RootRefs } from '../refs/model.js';
import { checkRbac } from '../refs/rbac.js';
import { refsTree } from '../refs/refsTree.js';
import { stripSecretValues } from '../refs/clusterLookup.js';

export interface NamespaceProblem {
  /** The Agent the problem is about; absent for the namespace itself. */
  agent?: string;
  /** What is wrong, one line. */
  problem: string;
  /** The command (or commands) that fix it. */
  fix: string;
}

export interface NotChecked {
  agent?: string;
  /** What could not be checked. */
  check: string;
  why: string;
}

export interface NamespaceReport {
  namespace: string;
  exists: boolean | null;
  agents: string[];
  problems: NamespaceProblem[];
  notChecked: NotChecked[];
}

const NAMESPACE: KindRef = { group: '', kind: 'Namespace' };
const SERVICE_ACCOUNT: KindRef = { group: '', kind: 'ServiceAccount' };
const SECRET: KindRef = { group: '', kind: 'Secret' };
const PULL_SECRET_REF = 'agent-image-pull-secret';

const forbidden = (e: unknown) => e instanceof KubeApiError && (e.code === 403 || e.code === 401);
const notFound = (e: unknown) => e instanceof KubeApiError && e.code === 404;

/** GET one object: 'found', 'missing' (404) or the reason it could not be read (403). */
async function probe(client: KubeClient, path: string): Promise<'found' | 'missing' | { why: string }> {
  try {
    await client.get<KObject>(path);
    return 'found';
  } catch (e) {
    if (notFound(e)) return 'missing';
    if (forbidden(e)) return { why: describeError(e) };
    throw e;
  }
}

/** The command that copies a registry Secret from one namespace to another (seed 003's recipe, made safe to re-run). */
export function copySecretCommand(name: string, from: string, to: string): string {
  return (
    `kubectl get secret ${name} -n ${from} -o yaml | ` +
    `sed -e 's/^  namespace: .*/  namespace: ${to}/' -e '/^  \\(resourceVersion\\|uid\\|creationTimestamp\\):/d' | ` +
    `kubectl apply -f -`
  );
}

/** Namespaces (other than `except`) that hold a Secret of that name; the values are never read. */
async function secretElsewhere(client: KubeClient, name: string, except: string): Promise<string[] | { why: string }> {
  try {
    const list = await client.list<KObject>(collectionPath(SECRET), {
      query: { fieldSelector: `metadata.name=${name}` },
      accept: ACCEPT_METADATA_LIST,
      reviver: stripSecretValues,
    });
    return list.items
      .filter((s) => s.metadata.name === name && s.metadata.namespace && s.metadata.namespace !== except)
      .map((s) => s.metadata.namespace as string)
      .sort();
  } catch (e) {
    if (forbidden(e)) return { why: describeError(e) };
    throw e;
  }
}

async function pullSecretProblem(client: KubeClient, node: RefNode, agent: string, ns: string): Promise<NamespaceProblem | NotChecked> {
  const where = await secretElsewhere(client, node.name, ns);
  const problem = `image pull secret "${node.name}" does not exist in ${ns}: its pods cannot pull their image`;
  if ('why' in where) return { agent, check: `where else registry Secret "${node.name}" exists`, why: where.why };
  const from = where[0];
  if (from === undefined) {
    return {
      agent,
      problem: `${problem} (no namespace has a Secret of that name)`,
      fix: `kubectl create secret docker-registry ${node.name} -n ${ns} --docker-server=REGISTRY --docker-username=USER --docker-password=PASSWORD`,
    };
  }
  return { agent, problem: `${problem} (it exists in ${where.join(', ')})`, fix: copySecretCommand(node.name, from, ns) };
}

const BROKEN_STATES = new Set<RefNode['state']>(['missing', 'wrong-kind', 'key-missing']);

/** The reference problems of one Agent: registry Secrets, broken and unreadable references, RBAC denials. */
async function referenceProblems(client: KubeClient, root: RootRefs, out: NamespaceReport): Promise<void> {
  const agent = root.name;
  const nodes: RefNode[] = [];
  walkNodes(root.references, (n) => nodes.push(n));
  for (const n of nodes) {
    const what = `${n.kind} ${n.namespace}/${n.name}`;
    if (n.ref === PULL_SECRET_REF && n.state === 'missing') {
      const r = await pullSecretProblem(client, n, agent, root.namespace);
      if ('fix' in r) out.problems.push(r);
      else out.notChecked.push(r);
    } else if (BROKEN_STATES.has(n.state) && !n.optional && n.kind !== 'ServiceAccount') {
      // (A missing service account is serviceAccountProblem's, with its own fix.)
      out.problems.push({
        agent,
        problem: `${what} (${n.field}): ${n.state === 'key-missing' ? `key "${n.key?.name ?? ''}" missing` : n.state}${n.reason ? `: ${n.reason}` : ''}`,
        fix: `kubectl flokoa refs ${agent} -n ${root.namespace} (the whole chain), then create it or correct the reference`,
      });
    } else if (n.state === 'forbidden') {
      out.notChecked.push({ agent, check: `whether ${what} exists`, why: n.reason ?? 'forbidden' });
    }
    const denied = n.rbac?.filter((c) => c.allowed === false).map((c) => c.verb) ?? [];
    if (denied.length) {
      out.problems.push({
        agent,
        problem: `service account ${root.namespace}/${root.serviceAccount ?? 'default'} may not ${denied.join('/')} ${kindInfo(n.group, n.kind).plural} in ${n.namespace} (${what})`,
        fix: `kubectl flokoa refs ${agent} -n ${root.namespace} --fix-rbac | kubectl apply -f -`,
      });
    }
  }
}

async function serviceAccountProblem(client: KubeClient, root: RootRefs, out: NamespaceReport): Promise<void> {
  const sa = root.serviceAccount ?? 'default';
  const found = await probe(client, objectPath(SERVICE_ACCOUNT, root.namespace, sa));
  if (found === 'missing') {
    out.problems.push({
      agent: root.name,
      problem: `service account "${sa}" does not exist: the Deployment cannot create its pods`,
      fix: `kubectl create serviceaccount ${sa} -n ${root.namespace}`,
    });
  } else if (found !== 'found') {
    out.notChecked.push({ agent: root.name, check: `service account "${sa}"`, why: found.why });
  }
}

/** Each Agent's next rollout against the namespace's quotas and limit ranges, read once for all of them. */
async function quotaProblems(client: KubeClient, namespace: string, out: NamespaceReport): Promise<void> {
  let limits: NamespaceLimits;
  try {
    limits = await readNamespaceLimits(client, namespace);
  } catch (e) {
    if (!forbidden(e)) throw e;
    out.notChecked.push({ check: `the quotas and limit ranges of ${namespace}`, why: describeError(e) });
    return;
  }
  if (limits.quotas.length === 0 && limits.ranges.length === 0) return;
  const agents = await client.list<KObject>(collectionPath(AGENT, namespace));
  for (const agent of agents.items) {
    const room = agentRoomIn(agent, limits);
    const blocked = room && blockedRollout(room, agent.metadata.name);
    if (blocked)
      out.problems.push({ agent: agent.metadata.name, problem: `its next rollout will stall: ${blocked.reason}`, fix: blocked.fix });
  }
}

/** RBAC of every Agent's cross-namespace references; a user who may not ask gets "not checked". */
async function rbacChecked(client: KubeClient, roots: RootRefs[], out: NamespaceReport): Promise<void> {
  try {
    await checkRbac(client, roots);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.notChecked.push({ check: "each service account's access to other namespaces", why: e.message.replace(/^--check-rbac: /, '') });
  }
}

export async function checkNamespace(client: KubeClient, namespace: string): Promise<NamespaceReport> {
  const out: NamespaceReport = { namespace, exists: null, agents: [], problems: [], notChecked: [] };
  const ns = await probe(client, objectPath(NAMESPACE, '', namespace));
  if (ns === 'missing') {
    out.exists = false;
    out.problems.push({ problem: `namespace "${namespace}" does not exist`, fix: `kubectl create namespace ${namespace}` });
    return out;
  }
  if (ns !== 'found') out.notChecked.push({ check: `namespace "${namespace}"`, why: ns.why });
  else out.exists = true;
  const report = await refsTree(client, { namespace, allNamespaces: false });
  const roots = report.roots.filter((r) => r.kind === 'Agent');
  out.agents = roots.map((r) => r.name);
  await rbacChecked(client, roots, out);
  for (const root of roots) {
    await serviceAccountProblem(client, root, out);
    await referenceProblems(client, root, out);
  }
  await quotaProblems(client, namespace, out);
  return out;
}
