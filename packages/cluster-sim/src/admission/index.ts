// The admission chain of object creation, in the API server's order: mutating plugins after
// defaulting (LimitRanger's defaults), then, after validation, the validating ones (LimitRanger's
// bounds, ResourceQuota). Only creates are admitted here: quotas and limit ranges judge new pods
// and new objects, which is where a rollout meets them.
import type { SimContext } from '../context.js';
import type { ResourceType } from '../resources.js';
import type { Admission } from '../api/objects.js';
import { defaultPodResources, enforceLimitRanges } from './limitRanger.js';
import { admitToQuotas } from './resourceQuota.js';

export type { Admission };

const isPod = (t: ResourceType): boolean => t.group === '' && t.kind === 'Pod';

export function admissionChain(ctx: SimContext): Admission {
  return {
    mutate(t, obj) {
      if (isPod(t)) defaultPodResources(ctx, obj);
    },
    validate(t, obj, dryRun) {
      if (isPod(t)) enforceLimitRanges(ctx, obj);
      admitToQuotas(ctx, t, obj, dryRun);
    },
  };
}
