// The HA guide: never run :latest in production; pin every image to a version.
import type { Rule } from './types.js';
import { agentPod } from '../api/agentPod.js';

/** The tag of an image reference, '' when it has none; undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? '' : image.slice(colon + 1);
}

export const imageLatest: Rule = {
  id: 'image-latest',
  defaultSeverity: 'warning',
  rationale: 'An untagged or :latest image makes rollbacks non-deterministic and hides which code is running.',
  scope: 'document',
  check(ctx) {
    // Only an image written in the Agent: the operator's default runner image is pinned.
    const written = agentPod(ctx.resource)?.image;
    if (!written?.written) return;
    const image = written.value;
    const tag = imageTag(image);
    if (tag === undefined || (tag !== '' && tag !== 'latest')) return;
    ctx.report({
      pointer: written.pointer,
      message:
        tag === ''
          ? `Image '${image}' has no tag, which means :latest. Pin it to a version tag (e.g. ${image}:v1.2.3) or a digest.`
          : `Image '${image}' uses :latest. Pin it to a version tag (e.g. ${image.slice(0, -'latest'.length)}v1.2.3) or a digest.`,
    });
  },
};
