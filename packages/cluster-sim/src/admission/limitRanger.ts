// The LimitRanger admission plugin on pod creation: the namespace's LimitRanges (by name) default
// each container's missing requests and limits and note it in the `kubernetes.io/limit-ranger`
// annotation, then refuse (403) a pod outside their min, max and ratio bounds.
import { defaultPod, limitViolations, listJson, readLimitRange, readPodSpec, violationsText, type LimitRangePolicy } from '@flokoa/core';
import type { SimContext } from '../context.js';
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';
import { admissionForbidden } from '../errors.js';

const ANNOTATION = 'kubernetes.io/limit-ranger';

function limitRanges(ctx: SimContext, namespace: string): LimitRangePolicy[] {
  return ctx.store
    .peekList('/limitranges', namespace)
    .map((o) => readLimitRange(o))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Mutating step: fills the defaults into the pod (in place). */
export function defaultPodResources(ctx: SimContext, pod: KObject): void {
  const ranges = limitRanges(ctx, pod.metadata.namespace!);
  if (ranges.length === 0) return;
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const d = defaultPod(readPodSpec(spec), ranges);
  const write = (list: unknown, effective: typeof d.pod.containers): void => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isPlainObject(c) || !effective[i]) return;
      const res = isPlainObject(c.resources) ? c.resources : {};
      const { requests, limits } = effective[i];
      c.resources = {
        ...res,
        ...(limits.size ? { limits: listJson(limits) } : {}),
        ...(requests.size ? { requests: listJson(requests) } : {}),
      };
    });
  };
  write(spec.containers, d.pod.containers);
  write(spec.initContainers, d.pod.initContainers);
  if (d.annotation) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION]: d.annotation };
}

/** Validating step: throws the plugin's 403 when the pod breaks a bound. */
export function enforceLimitRanges(ctx: SimContext, pod: KObject): void {
  const ranges = limitRanges(ctx, pod.metadata.namespace!);
  if (ranges.length === 0) return;
  const found = limitViolations(readPodSpec(pod.spec), ranges);
  if (found.length > 0) throw admissionForbidden('', 'pods', pod.metadata.name ?? '', violationsText(found));
}
