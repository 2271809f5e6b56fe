// Where an Agent keeps its container image. The Flokoa API has two runtime shapes; the API server
// does not say why a JSON patch failed, so the path is found on the object before patching.

export const IMAGE_POINTERS = ['/spec/runtime/spec/container/image', '/spec/runtime/standard/container/image'] as const;

export interface ImageLocation {
  pointer: (typeof IMAGE_POINTERS)[number];
  image: string;
  containerName?: string;
}

function at(obj: unknown, pointer: string): unknown {
  let cur: unknown = obj;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The image field of an Agent object, or undefined when it has none. */
export function imageLocation(agent: unknown): ImageLocation | undefined {
  for (const pointer of IMAGE_POINTERS) {
    const image = at(agent, pointer);
    if (typeof image === 'string') {
      const name = at(agent, pointer.replace(/\/image$/, '/name'));
      return { pointer, image, ...(typeof name === 'string' ? { containerName: name } : {}) };
    }
  }
  return undefined;
}

/** The image a Deployment's pod template runs for the agent's container (by name, else the first). */
export function templateImage(deployment: unknown, containerName?: string): string | undefined {
  const containers = at(deployment, '/spec/template/spec/containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const c = (containerName && containers.find((x) => (x as { name?: string }).name === containerName)) || containers[0];
  const image = (c as { image?: unknown }).image;
  return typeof image === 'string' ? image : undefined;
}

/** JSON pointer escaping of one token (`kubernetes.io/change-cause` → `kubernetes.io~1change-cause`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
