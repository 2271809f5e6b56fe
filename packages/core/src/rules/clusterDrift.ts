// A connected cluster runs something else than the file says: the file was never applied, or someone
// changed the live object by hand (a `kubectl set image` during an incident). Either way the next
// `kubectl apply` silently changes what runs, so say so where the field is written.
import type { Resource } from '../model.js';
import type { Rule, RuleContext } from './types.js';
import { agentPod } from '../api/agentPod.js';
import { keyOf } from '../resources.js';

function liveTwin(ctx: RuleContext): Resource | undefined {
  const r = ctx.resource;
  if (ctx.workspace.isExternal(r)) return undefined;
  return ctx.workspace.find(keyOf(r)).find((x) => x !== r && ctx.workspace.isExternal(x) && !x.producedBy);
}

/** `cluster://ctx` reads better as "the cluster (context ctx)". */
function where(live: Resource): string {
  const m = /^cluster:\/\/([^/]+)/.exec(live.uri);
  return m ? `the cluster (context ${decodeURIComponent(m[1])})` : 'the cluster';
}

export const clusterDrift: Rule = {
  id: 'cluster-drift',
  defaultSeverity: 'info',
  rationale: 'When the live Agent differs from its file, the next apply silently changes what runs.',
  scope: 'workspace',
  check(ctx) {
    const mine = agentPod(ctx.resource);
    if (!mine) return;
    const live = liveTwin(ctx);
    const theirs = live && agentPod(live);
    if (!live || !theirs) return;
    // The images that run: a generation's default counts, so a live `runtime.image` a file lacks is drift too.
    const fileImage = mine.image?.value;
    const liveImage = theirs.image?.value;
    if (fileImage !== undefined && liveImage !== undefined && fileImage !== liveImage) {
      ctx.report({
        pointer: mine.image!.pointer,
        message: `${where(live)} runs image '${liveImage}'; this file says '${fileImage}'. Apply the file to roll it out, or update the file if the cluster is right.`,
      });
    }
    const fileReplicas = mine.pod.replicas;
    const liveReplicas = theirs.pod.replicas;
    if (typeof fileReplicas === 'number' && typeof liveReplicas === 'number' && fileReplicas !== liveReplicas) {
      ctx.report({
        pointer: `${mine.pointer}/replicas`,
        message: `${where(live)} has replicas: ${liveReplicas}; this file says ${fileReplicas}. Apply the file, or update it if the cluster was scaled on purpose.`,
      });
    }
  },
};
