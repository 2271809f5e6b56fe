// Defaulting of built-in types, as the API server's defaulters fill them, so that objects read
// back look like those of a real cluster (and rollout logic sees the same defaults).

import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';
import { defaultContainerResources, defaultLimitRange, defaultQuota } from './resourceDefaults.js';

type Obj = Record<string, unknown>;

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function objAt(o: Obj, key: string): Obj {
  if (!isPlainObject(o[key])) o[key] = {};
  return o[key] as Obj;
}

function defaultContainer(c: Obj, isPod: boolean): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const lastSegment = image.split('/').pop() ?? '';
  const latest = !image.includes('@') && (!lastSegment.includes(':') || lastSegment.endsWith(':latest'));
  setDefault(c, 'imagePullPolicy', latest ? 'Always' : 'IfNotPresent');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  defaultContainerResources(c, isPod);
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isPlainObject(p)) setDefault(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probe];
    if (!isPlainObject(p)) continue;
    setDefault(p, 'timeoutSeconds', 1);
    setDefault(p, 'periodSeconds', 10);
    setDefault(p, 'successThreshold', 1);
    setDefault(p, 'failureThreshold', 3);
    if (isPlainObject(p.httpGet)) setDefault(p.httpGet, 'scheme', 'HTTP');
  }
}

export function defaultPodSpec(spec: Obj, isPod = false): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers']) {
    const cs = spec[list];
    if (Array.isArray(cs)) for (const c of cs) if (isPlainObject(c)) defaultContainer(c, isPod);
  }
}

function defaultTemplate(spec: Obj): void {
  const tpl = objAt(spec, 'template');
  const meta = objAt(tpl, 'metadata');
  void meta;
  defaultPodSpec(objAt(tpl, 'spec'));
}

export interface DefaultingContext {
  allocateClusterIP(): string;
}

export function applyDefaults(kind: string, o: KObject, ctx: DefaultingContext): void {
  const spec = isPlainObject(o.spec) ? (o.spec as Obj) : undefined;
  switch (kind) {
    case 'Namespace': {
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name! };
      const s = objAt(o, 'spec');
      setDefault(s, 'finalizers', ['kubernetes']);
      const st = objAt(o, 'status');
      setDefault(st, 'phase', 'Active');
      break;
    }
    case 'Secret':
      setDefault(o, 'type', 'Opaque');
      if (isPlainObject(o.stringData)) {
        const data = objAt(o, 'data');
        for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v)).toString('base64');
        delete o.stringData;
      }
      break;
    case 'Service': {
      const s = objAt(o, 'spec');
      setDefault(s, 'type', 'ClusterIP');
      setDefault(s, 'sessionAffinity', 'None');
      if (s.clusterIP === undefined || s.clusterIP === '') s.clusterIP = ctx.allocateClusterIP();
      setDefault(s, 'clusterIPs', [s.clusterIP]);
      setDefault(s, 'ipFamilies', ['IPv4']);
      setDefault(s, 'ipFamilyPolicy', 'SingleStack');
      setDefault(s, 'internalTrafficPolicy', 'Cluster');
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isPlainObject(p)) continue;
          setDefault(p, 'protocol', 'TCP');
          setDefault(p, 'targetPort', p.port);
        }
      }
      setDefault(o, 'status', { loadBalancer: {} });
      break;
    }
    case 'Pod':
      if (spec) defaultPodSpec(spec, true);
      break;
    case 'ResourceQuota':
      defaultQuota(o);
      break;
    case 'LimitRange':
      defaultLimitRange(o);
      break;
    case 'Deployment': {
      const s = objAt(o, 'spec');
      setDefault(s, 'replicas', 1);
      setDefault(s, 'revisionHistoryLimit', 10);
      setDefault(s, 'progressDeadlineSeconds', 600);
      const strategy = objAt(s, 'strategy');
      setDefault(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') {
        const ru = objAt(strategy, 'rollingUpdate');
        setDefault(ru, 'maxSurge', '25%');
        setDefault(ru, 'maxUnavailable', '25%');
      }
      defaultTemplate(s);
      break;
    }
    case 'ReplicaSet': {
      const s = objAt(o, 'spec');
      setDefault(s, 'replicas', 1);
      defaultTemplate(s);
      break;
    }
  }
}
