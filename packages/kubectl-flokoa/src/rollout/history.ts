// Rollout revisions of an Agent, read from its Deployment's ReplicaSets, and undo by patching the
// Agent (the operator owns the Deployment and would revert a change made there).
import { DEPLOYMENT, REPLICASET, collectionPath, objectPath, UsageError, isNotFound } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';
import { templateImage, imageLocation } from '../agentImage.js';
import { CHANGE_CAUSE, patchImage, readAgent, type PatchImageResult } from '../patchImage.js';
import { AGENT_LABEL } from '@flokoa/core';
import { parseImageReference, validateImageReference } from '../image.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export interface Revision {
  revision: number;
  replicaSet: string;
  image?: string;
  changeCause?: string;
  createdAt?: string;
  /** The revision the Deployment runs now. */
  current: boolean;
  replicas: number;
  readyReplicas: number;
  /** The revision's pod template, as its ReplicaSet holds it (what `--revision N` shows). */
  podTemplate?: Record<string, unknown>;
}

async function readDeployment(client: KubeClient, namespace: string, name: string): Promise<KObject> {
  try {
    return await client.get(objectPath(DEPLOYMENT, namespace, name));
  } catch (e) {
    if (isNotFound(e))
      throw new UsageError(`agent "${name}" has no deployment in namespace "${namespace}" (has the operator reconciled it?)`);
    throw e;
  }
}

/** Revisions, oldest first. */
export async function history(client: KubeClient, opts: { namespace: string; name: string }): Promise<Revision[]> {
  const agent = await readAgent(client, opts.namespace, opts.name);
  const dep = await readDeployment(client, opts.namespace, opts.name);
  // As kubectl does: the Deployment's own selector finds its ReplicaSets, whatever labels the operator adds.
  const rsList = await client.list(collectionPath(REPLICASET, opts.namespace), {
    query: { labelSelector: selectorOf(dep) ?? `${AGENT_LABEL}=${opts.name}` },
  });
  const loc = imageLocation(agent);
  const revisions = revisionsOf(dep, rsList.items, loc?.containerName);
  // The cause is recorded on the Agent; an operator that does not copy it to the Deployment leaves the
  // ReplicaSet without one, so the current revision borrows the Agent's when it runs the Agent's image.
  const current = revisions.find((r) => r.current);
  const cause = agent.metadata.annotations?.[CHANGE_CAUSE];
  if (current && !current.changeCause && cause && current.image === loc?.image) current.changeCause = cause;
  return revisions;
}

function selectorOf(dep: KObject): string | undefined {
  const labels = (dep.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function stripHash(template: unknown): unknown {
  const t = JSON.parse(JSON.stringify(template ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t;
}

/**
 * The ReplicaSet the Deployment runs now: by its revision annotation, else (as the Deployment
 * controller's FindNewReplicaSet) the one whose pod template equals the Deployment's.
 */
export function currentReplicaSet(dep: KObject, replicaSets: KObject[]): KObject | undefined {
  const rev = dep.metadata.annotations?.[REVISION_ANNOTATION];
  if (rev !== undefined) return replicaSets.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === rev);
  const want = JSON.stringify(stripHash((dep.spec as { template?: unknown } | undefined)?.template));
  return replicaSets.find((rs) => JSON.stringify(stripHash((rs.spec as { template?: unknown } | undefined)?.template)) === want);
}

/** Pure: the revisions of `dep` among these ReplicaSets. */
export function revisionsOf(dep: KObject, replicaSets: KObject[], containerName?: string): Revision[] {
  const uid = dep.metadata.uid;
  const currentRs = currentReplicaSet(dep, replicaSets);
  const current = Number(currentRs?.metadata.annotations?.[REVISION_ANNOTATION] ?? NaN);
  const owned = replicaSets.filter((rs) => {
    const owners = rs.metadata.ownerReferences ?? [];
    return owners.length === 0 ? true : owners.some((o) => o.kind === 'Deployment' && (uid ? o.uid === uid : o.name === dep.metadata.name));
  });
  const revisions = owned
    .map((rs): Revision => {
      const revision = Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
      const status = (rs.status ?? {}) as { replicas?: number; readyReplicas?: number };
      const r: Revision = {
        revision,
        replicaSet: rs.metadata.name,
        current: revision === current,
        replicas: status.replicas ?? 0,
        readyReplicas: status.readyReplicas ?? 0,
      };
      const image = templateImage(rs, containerName);
      if (image) r.image = image;
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
      if (cause) r.changeCause = cause;
      if (rs.metadata.creationTimestamp) r.createdAt = rs.metadata.creationTimestamp;
      const template = (rs.spec as { template?: Record<string, unknown> } | undefined)?.template;
      if (template) r.podTemplate = template;
      return r;
    })
    .filter((r) => r.revision > 0);
  revisions.sort((a, b) => a.revision - b.revision);
  // Without a revision annotation on the Deployment, the newest revision is the current one.
  if (!revisions.some((r) => r.current) && revisions.length) revisions[revisions.length - 1].current = true;
  return revisions;
}

/** The revision numbered `n`, or the error kubectl's `--revision` gives, naming the ones there are. */
export function findRevision(revisions: Revision[], n: number, name: string): Revision {
  const r = revisions.find((x) => x.revision === n);
  if (r) return r;
  throw new UsageError(
    `unable to find specified revision ${n} in history of agent "${name}" (revisions: ${revisions.map((x) => x.revision).join(', ')})`,
  );
}

export interface UndoOptions {
  namespace: string;
  name: string;
  /** 0 or undefined: the revision before the current one. */
  toRevision?: number;
  dryRun?: 'none' | 'client' | 'server';
  /** Recorded as the change cause (default: the rollback and the image it goes back to). */
  changeCause?: string;
  /** Roll back to a revision whose image is unpinned (:latest or untagged) too. */
  allowLatest?: boolean;
}

export interface UndoResult extends PatchImageResult {
  revision: number;
}

export async function undo(client: KubeClient, opts: UndoOptions): Promise<UndoResult> {
  const revisions = await history(client, opts);
  if (revisions.length === 0) throw new UsageError(`no rollout history found for agent "${opts.name}"`);
  const current = revisions.find((r) => r.current);
  let target: Revision | undefined;
  if (opts.toRevision) {
    target = findRevision(revisions, opts.toRevision, opts.name);
  } else {
    target = [...revisions].reverse().find((r) => current && r.revision < current.revision);
    if (!target) throw new UsageError(`no previous revision of agent "${opts.name}" to roll back to`);
  }
  if (!target.image) throw new UsageError(`revision ${target.revision} of agent "${opts.name}" has no image in its pod template`);
  // The policy of patch-image: an unpinned image makes the rollback itself unrepeatable.
  const checked = validateImageReference(target.image, { allowLatest: opts.allowLatest });
  if (!checked.ok) {
    const ref = parseImageReference(target.image);
    const why = ref.ok && ref.ref.tag === 'latest' ? 'uses the :latest tag' : ref.ok ? 'has no tag (it means :latest)' : 'is not valid';
    throw new UsageError(
      `revision ${target.revision} of agent "${opts.name}" runs image "${target.image}", which ${why}: rolling back to it would not bring that version back; pass --allow-latest to roll back anyway`,
    );
  }
  const result = await patchImage(client, {
    namespace: opts.namespace,
    name: opts.name,
    image: target.image,
    allowLatest: true,
    dryRun: opts.dryRun,
    // Not the revision number: the Deployment renumbers the revision it goes back to.
    changeCause: opts.changeCause || `kubectl flokoa rollout undo ${opts.name}: back to ${target.image}`,
  });
  return { ...result, revision: target.revision };
}
