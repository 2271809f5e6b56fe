// Ship a new image to an Agent without ever overwriting someone else's concurrent edit.
import { AGENT, objectPath, ConcurrentEditError, KubeApiError, UsageError, isNotFound, redact } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';
import { escapeSegment, isPlainObject, splitPointer, valueAt } from '@flokoa/core';
import { imageLocation, noImageReason } from './agentImage.js';
import { agentNotFound } from './missingAgent.js';
import { blockedRollout, readAgentRoom, type BlockedRollout } from './admission/room.js';
import { imageRepository, validateImageReference } from './image.js';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface PatchImageOptions {
  namespace: string;
  name: string;
  image: string;
  /** 'client': compute and report only; 'server': the server validates but does not persist. */
  dryRun?: 'none' | 'client' | 'server';
  allowLatest?: boolean;
  /** Refuse an image from another registry or repository than the current one (the CLI's default). */
  sameRepository?: boolean;
  /** Recorded as kubernetes.io/change-cause on the Agent. */
  changeCause?: string;
  /** Told before patching when the namespace's quotas or limit ranges would stall the rollout. */
  onBlocked?: (b: BlockedRollout) => void;
}

export interface PatchImageResult {
  namespace: string;
  name: string;
  pointer: string;
  oldImage: string;
  newImage: string;
  changed: boolean;
  dryRun: 'none' | 'client' | 'server';
  /** The Agent as the server returned it (or as read, for a no-op or a client dry run). */
  agent: KObject;
  /** The JSON patch that was (or would be) sent. */
  patch: unknown[];
}

export async function readAgent(client: KubeClient, namespace: string, name: string): Promise<KObject> {
  try {
    return await client.get(objectPath(AGENT, namespace, name));
  } catch (e) {
    if (isNotFound(e)) throw await agentNotFound(client, namespace, name);
    throw e;
  }
}

/**
 * The JSON patch that moves `agent` from its current image to `image`, guarded by `test` ops. An
 * image not written yet (`written: false`: the operator's default runner) is added where the
 * generation keeps it, guarded by a test of the object it goes into.
 */
export function buildImagePatch(
  agent: KObject,
  pointer: string,
  oldImage: string,
  image: string,
  changeCause?: string,
  written = true,
): unknown[] {
  const ops: unknown[] = written
    ? [
        { op: 'test', path: pointer, value: oldImage },
        { op: 'replace', path: pointer, value: image },
      ]
    : addAt(agent, pointer, image);
  if (changeCause !== undefined) {
    // The annotation is copied to the Deployment and its ReplicaSets and shown by `rollout history`.
    changeCause = redact(changeCause);
    if (agent.metadata.annotations) {
      ops.push({ op: 'add', path: `/metadata/annotations/${escapeSegment(CHANGE_CAUSE)}`, value: changeCause });
    } else {
      // `test null` holds only while the map is still absent, so annotations added meanwhile survive.
      ops.push({ op: 'test', path: '/metadata/annotations', value: null });
      ops.push({ op: 'add', path: '/metadata/annotations', value: { [CHANGE_CAUSE]: changeCause } });
    }
  }
  return ops;
}

/** `add` of a value at `pointer` into its nearest existing ancestor, which a `test` holds unchanged. */
function addAt(agent: KObject, pointer: string, value: unknown): unknown[] {
  const parts = splitPointer(pointer);
  let depth = parts.length - 1;
  while (depth > 0 && !isPlainObject(valueAt(agent, joinPath(parts.slice(0, depth))))) depth--;
  const parent = joinPath(parts.slice(0, depth));
  let nested: unknown = value;
  for (let i = parts.length - 1; i > depth; i--) nested = { [parts[i]!]: nested };
  return [
    { op: 'test', path: parent, value: valueAt(agent, parent) },
    { op: 'add', path: joinPath(parts.slice(0, depth + 1)), value: nested },
  ];
}

const joinPath = (parts: string[]): string => parts.map((p) => `/${escapeSegment(p)}`).join('');

export async function patchImage(client: KubeClient, opts: PatchImageOptions): Promise<PatchImageResult> {
  const dryRun = opts.dryRun ?? 'none';
  const checked = validateImageReference(opts.image, { allowLatest: opts.allowLatest });
  if (!checked.ok) throw new UsageError(checked.error);
  const agent = await readAgent(client, opts.namespace, opts.name);
  const loc = imageLocation(agent);
  if (!loc) {
    throw new UsageError(`agent "${opts.name}" ${noImageReason(agent)}`);
  }
  const base = { namespace: opts.namespace, name: opts.name, pointer: loc.pointer, oldImage: loc.image, newImage: opts.image, dryRun };
  if (loc.image === opts.image) return { ...base, changed: false, agent, patch: [] };
  // A new version ships from the repository the old one came from; anything else is usually a
  // mistyped or shortened name (`my-agent:v2` is Docker Hub's library/my-agent). The operator's
  // default image (nothing written yet) is no such promise.
  const from = imageRepository(loc.image);
  const to = imageRepository(opts.image);
  if (loc.written && opts.sameRepository && from && to && from !== to) {
    throw new UsageError(
      `image "${opts.image}" is from ${to}, but agent "${opts.name}" runs ${from}; pass --allow-repository-change if the move is meant`,
    );
  }
  const patch = buildImagePatch(agent, loc.pointer, loc.image, opts.image, opts.changeCause, loc.written);
  if (opts.onBlocked) {
    const room = await readAgentRoom(client, agent);
    const blocked = room && blockedRollout(room, opts.name);
    if (blocked) opts.onBlocked(blocked);
  }
  if (dryRun === 'client') return { ...base, changed: true, agent, patch };
  try {
    const updated = await client.patch(objectPath(AGENT, opts.namespace, opts.name), 'json', patch, {
      query: dryRun === 'server' ? { dryRun: 'All' } : {},
    });
    return { ...base, changed: true, agent: updated, patch };
  } catch (e) {
    if (e instanceof KubeApiError && (e.code === 422 || e.code === 409)) {
      // The server only says "rejected"; read again to tell a concurrent edit from a real invalid value.
      const now = await readAgent(client, opts.namespace, opts.name).catch(() => undefined);
      const nowImage = now ? imageLocation(now)?.image : undefined;
      if (now && nowImage !== loc.image) {
        throw new ConcurrentEditError(
          `agent "${opts.name}" was changed by someone else while patching: its image is now "${nowImage ?? '(none)'}", not "${loc.image}"; nothing was overwritten, re-run to patch the current value`,
        );
      }
      if (now && opts.changeCause !== undefined && Boolean(now.metadata.annotations) !== Boolean(agent.metadata.annotations)) {
        throw new ConcurrentEditError(
          `agent "${opts.name}" was changed by someone else while patching (its annotations); nothing was overwritten, re-run`,
        );
      }
    }
    throw e;
  }
}
