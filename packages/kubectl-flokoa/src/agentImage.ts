// Where an Agent keeps its container image. The Flokoa API has two runtime shapes (core's agentPodOf
// knows them); the API server does not say why a JSON patch failed, so the path is found on the
// object before patching.
import { agentPodOf, valueAt } from '@flokoa/core';

export const IMAGE_POINTERS = ['/spec/runtime/spec/container/image', '/spec/runtime/standard/container/image'] as const;

export interface ImageLocation {
  pointer: (typeof IMAGE_POINTERS)[number];
  image: string;
  containerName?: string;
}

/** The image field of an Agent object, or undefined when it has none. */
export function imageLocation(agent: unknown): ImageLocation | undefined {
  const pod = agentPodOf(agent);
  const image = pod?.container?.image;
  if (!pod || typeof image !== 'string') return undefined;
  const name = pod.container?.name;
  return {
    pointer: `${pod.containerPointer}/image` as ImageLocation['pointer'],
    image,
    ...(typeof name === 'string' ? { containerName: name } : {}),
  };
}

/** The image a Deployment's pod template runs for the agent's container (by name, else the first). */
export function templateImage(deployment: unknown, containerName?: string): string | undefined {
  const containers = valueAt(deployment, '/spec/template/spec/containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const c = (containerName && containers.find((x) => (x as { name?: string }).name === containerName)) || containers[0];
  const image = (c as { image?: unknown }).image;
  return typeof image === 'string' ? image : undefined;
}
