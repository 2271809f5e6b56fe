// Where an Agent keeps its container image, in the API generation its fields say it is written
// for (core's agentPodOf: runtime.spec|standard.container.image, or the June 2026 flat
// runtime.image, which may be absent while the operator runs its default runner image). The API
// server does not say why a JSON patch failed, so the path is found on the object before patching.
import { agentPodOf, API_GENERATIONS, valueAt } from '@flokoa/core';

/** Every place some generation keeps an Agent's image (for messages). */
export const IMAGE_POINTERS: readonly string[] = [
  ...new Set(
    API_GENERATIONS.flatMap((a) => a.agent.layouts.filter((l) => l.containerFields.includes('image')).map((l) => `${l.container}/image`)),
  ),
];

export interface ImageLocation {
  /** Where the image is written, or would be written (`written: false`). */
  pointer: string;
  /** The image the Agent's pods run: the written one, else the operator's default. */
  image: string;
  /** False when the Agent relies on the operator's default image (nothing at `pointer` yet). */
  written: boolean;
  containerName?: string;
}

/** The image of an Agent object, or undefined when the layout it uses has no image field it can set. */
export function imageLocation(agent: unknown): ImageLocation | undefined {
  const pod = agentPodOf(agent);
  const image = pod?.image;
  if (!pod || !image || !pod.layout.containerFields.includes('image')) return undefined;
  const name = pod.container?.name;
  return {
    pointer: image.pointer,
    image: image.value,
    written: image.written,
    ...(typeof name === 'string' ? { containerName: name } : {}),
  };
}

/** Why an Agent has no image to patch, in one clause: no runtime yet, or a runtime whose image is the operator's. */
export function noImageReason(agent: unknown): string {
  const pod = agentPodOf(agent);
  if (pod?.image && !pod.layout.containerFields.includes('image'))
    return `runs the operator's runtime image ${pod.image.value} (${pod.layout.pod.slice(1).replace(/\//g, '.')} has no image to set)`;
  return `has no container image at ${IMAGE_POINTERS.join(' or ')}; set spec.runtime first`;
}

/** The image a Deployment's pod template runs for the agent's container (by name, else the first). */
export function templateImage(deployment: unknown, containerName?: string): string | undefined {
  const containers = valueAt(deployment, '/spec/template/spec/containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const c = (containerName && containers.find((x) => (x as { name?: string }).name === containerName)) || containers[0];
  const image = (c as { image?: unknown }).image;
  return typeof image === 'string' ? image : undefined;
}
