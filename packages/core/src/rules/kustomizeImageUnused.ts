// An `images:` entry that changes nothing while an Agent runs that very image: kustomize rewrites
// `image` only in `containers` lists and the paths its configuration names, not an Agent's
// container image, so the pinned tag never reaches the cluster.
import type { RenderingRule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { locateOrigin } from '../renderings.js';
import { agentPod } from '../api/agentPod.js';
import { valueAt } from '../pointer.js';
import { imageMatches } from '../render/images.js';
import { fieldSpecPath, kindLines, kustomizeConfigFix } from './kustomizeConfigFix.js';

const KUSTOMIZATION = /\/(kustomization\.ya?ml|Kustomization)$/;

export const kustomizeImageUnused: RenderingRule = {
  id: 'kustomize-image-unused',
  defaultSeverity: 'warning',
  rationale:
    'An images: entry meant to pin an Agent image changes nothing unless kustomize is told where an Agent keeps its image: the cluster keeps running the old tag.',
  scope: 'rendering',
  checkRoot(ctx) {
    for (const unused of ctx.root.result.unusedImages) {
      const at = locateOrigin(unused.origin);
      if (!at) continue;
      for (const r of ctx.root.resources) {
        if (r.group !== FLOKOA_GROUP || r.kind !== 'Agent' || r.producedBy) continue;
        // Only an image written in the Agent: a generation's default image is not in the manifest.
        const written = agentPod(r)?.image;
        const pointer = written?.written ? written.pointer : undefined;
        const image = pointer ? valueAt(r.object, pointer) : undefined;
        if (!pointer || typeof image !== 'string' || !imageMatches(image, unused.name)) continue;
        const field = fieldSpecPath(pointer);
        const kustomization = KUSTOMIZATION.test(unused.origin.doc.uri) ? unused.origin.doc.uri : `${ctx.root.dir}kustomization.yaml`;
        const fix = ctx.workspace.file(kustomization)
          ? kustomizeConfigFix(
              ctx.workspace,
              kustomization,
              'images',
              [...kindLines('Agent', FLOKOA_GROUP, '    ', '  - '), `    path: ${field}`],
              `Teach kustomize where an Agent's image is (${field})`,
            )
          : undefined;
        ctx.report({
          at: { uri: at.uri, range: at.value },
          message: `images: '${unused.name}' changes no image: kustomize rewrites containers[].image and configured paths, not ${field.replace(/\//g, '.')} of an Agent, so Agent ${r.namespace}/${r.name} still runs '${image}'. Add an images field spec for Agent in a configurations: file, or set the image with a patch.`,
          ...(fix ? { fixes: [{ ...fix, preferred: true }] } : {}),
          related: [
            { location: { uri: r.uri, range: r.ranges.get(pointer)?.value ?? r.range }, message: `the image that stays '${image}'` },
          ],
        });
        break;
      }
    }
  },
};
