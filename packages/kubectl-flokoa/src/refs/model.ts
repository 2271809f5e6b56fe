// The reference report: what `refs` prints (tree, wide, json, yaml) and the extension shows.
// Plain data only, so -o json is this structure as is. No Secret value ever enters it.
import type { AgentHeadroom } from '../admission/room.js';

export type NodeState =
  /** Exists (and is ready, or has no readiness). */
  | 'ok'
  /** Exists, but its status says it is not ready. */
  | 'not-ready'
  | 'missing'
  /** The API server refused to show it (403): existence unknown. */
  | 'forbidden'
  /** Not found, but an object of another kind has this name. */
  | 'wrong-kind'
  /** The Secret/ConfigMap exists without the referenced key. */
  | 'key-missing';

export interface RbacCheck {
  /** `system:serviceaccount:<ns>:<name>` */
  subject: string;
  verb: 'get' | 'list';
  allowed: boolean | null;
  /** Why the answer is unknown or denied (from the review, or the failure to ask). */
  reason?: string;
}

export interface RefNode {
  /** Reference kind id from the core table (e.g. `agent-model`). */
  ref: string;
  /** JSON pointer of the reference in the referring object. */
  field: string;
  /** From files: where the reference's name is written (`apps/agents.yaml:52`, after rendering: the file that wrote it). */
  location?: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  state: NodeState;
  exists: boolean | null;
  /** From status conditions; null when the kind has no readiness or status is not known. */
  ready: boolean | null;
  /** Why not ready, what is wrong, or a hint (did you mean…). */
  reason?: string;
  /** The referenced key (its presence only). `present: null` when it could not be checked. */
  key?: { name: string; present: boolean | null; reason?: string };
  optional: boolean;
  crossNamespace: boolean;
  /** With --check-rbac, for cross-namespace references. */
  rbac?: RbacCheck[];
  /** True when this node makes the report fail (exit 1). */
  broken: boolean;
  children: RefNode[];
}

export interface RootRefs {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  ready: boolean | null;
  reason?: string;
  /** From files: where the object's document starts (`apps/agents.yaml:46`). */
  location?: string;
  /** For Agents: the service account its pods run as (RBAC checks). */
  serviceAccount?: string;
  /** For one Agent asked for by name: its namespace's quota headroom for its pods. */
  headroom?: AgentHeadroom;
  references: RefNode[];
}

export interface RefsReport {
  /** `cluster://<context>` or the files read. */
  source: string;
  roots: RootRefs[];
  summary: { references: number; broken: number; forbidden: number; notReady: number; rbacDenied: number };
  /** Requests this report cost (cluster mode). */
  requests?: number;
}

export function walkNodes(nodes: RefNode[], visit: (n: RefNode) => void): void {
  for (const n of nodes) {
    visit(n);
    walkNodes(n.children, visit);
  }
}

export function summarize(roots: RootRefs[]): RefsReport['summary'] {
  const s = { references: 0, broken: 0, forbidden: 0, notReady: 0, rbacDenied: 0 };
  for (const r of roots) {
    walkNodes(r.references, (n) => {
      s.references++;
      if (n.broken) s.broken++;
      if (n.state === 'forbidden') s.forbidden++;
      if (n.state === 'not-ready') s.notReady++;
      if (n.rbac?.some((c) => c.allowed === false)) s.rbacDenied++;
    });
  }
  return s;
}
