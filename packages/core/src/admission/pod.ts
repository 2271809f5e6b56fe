// The part of a pod that admission looks at: each container's requests and limits, and the pod
// fields quota scopes select on. Read from a pod spec as written; the API server's own defaulting
// (a request missing where a limit is set takes the limit) is applied by `defaultPod`.
import { isPlainObject } from '../schema/structural.js';
import { addLists, maxLists, readResourceList, type ResourceList } from './resourceList.js';

export interface ContainerResources {
  name: string;
  requests: ResourceList;
  limits: ResourceList;
  /** Init containers only: `Always` makes it a sidecar that runs beside the app containers. */
  restartPolicy?: string;
}

export interface PodResources {
  containers: ContainerResources[];
  initContainers: ContainerResources[];
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
}

/** A container's resources as written (quantities Kubernetes would refuse are left out). */
export function readContainer(c: unknown, fallbackName = ''): ContainerResources {
  const o = isPlainObject(c) ? c : {};
  const res = isPlainObject(o.resources) ? o.resources : {};
  const out: ContainerResources = {
    name: typeof o.name === 'string' && o.name ? o.name : fallbackName,
    requests: readResourceList(res.requests).list,
    limits: readResourceList(res.limits).list,
  };
  if (typeof o.restartPolicy === 'string') out.restartPolicy = o.restartPolicy;
  return out;
}

/** The admission-relevant part of a pod spec (a Pod's `spec`, a template's `spec`). */
export function readPodSpec(spec: unknown): PodResources {
  const s = isPlainObject(spec) ? spec : {};
  const list = (v: unknown): ContainerResources[] => (Array.isArray(v) ? v.map((c) => readContainer(c)) : []);
  const out: PodResources = { containers: list(s.containers), initContainers: list(s.initContainers) };
  if (typeof s.activeDeadlineSeconds === 'number') out.activeDeadlineSeconds = s.activeDeadlineSeconds;
  if (typeof s.priorityClassName === 'string' && s.priorityClassName) out.priorityClassName = s.priorityClassName;
  return out;
}

function cumulative(p: PodResources, pick: (c: ContainerResources) => ResourceList): ResourceList {
  let total: ResourceList = new Map();
  for (const c of p.containers) total = addLists(total, pick(c));
  // Sidecars (init containers that keep running) add to the pod; a plain init container runs
  // alone, beside the sidecars started before it, so the pod needs the larger of the two.
  let sidecars: ResourceList = new Map();
  let init: ResourceList = new Map();
  for (const c of p.initContainers) {
    if (c.restartPolicy === 'Always') {
      total = addLists(total, pick(c));
      sidecars = addLists(sidecars, pick(c));
      init = maxLists(init, sidecars);
    } else init = maxLists(init, addLists(pick(c), sidecars));
  }
  return maxLists(total, init);
}

/** What the pod requests in all, as Kubernetes sums it for LimitRange and quota. */
export function podRequests(p: PodResources): ResourceList {
  return cumulative(p, (c) => c.requests);
}

export function podLimits(p: PodResources): ResourceList {
  return cumulative(p, (c) => c.limits);
}

export function allContainers(p: PodResources): ContainerResources[] {
  return [...p.containers, ...p.initContainers];
}
