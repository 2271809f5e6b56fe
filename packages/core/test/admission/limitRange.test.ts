// LimitRange defaulting and enforcement, case by case as Kubernetes documents it (the LimitRange
// concept page and the "Configure default / minimum and maximum CPU and memory" tasks), with the
// LimitRanger plugin's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  defaultPod,
  formatQuantity,
  limitViolations,
  listJson,
  readLimitRange,
  readPodSpec,
  requestsOverLimits,
  violationsText,
  type LimitRangePolicy,
} from '../../src/index.js';

const lr = (yaml: string, name = 'limits'): LimitRangePolicy =>
  readLimitRange({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits: parse(yaml) } });

const pod = (containers: object[]) => readPodSpec({ containers });
const c = (resources?: object, name = 'app') => ({ name, image: 'x', ...(resources ? { resources } : {}) });
const effective = (p: ReturnType<typeof pod>, i = 0) => ({
  requests: listJson(p.containers[i].requests),
  limits: listJson(p.containers[i].limits),
});

// The dev namespace of the namespaces guide: its LimitRange and a pod written without resources.
const DEV = lr(
  `
- type: Container
  default: {cpu: 250m, memory: 256Mi}
  defaultRequest: {cpu: 100m, memory: 128Mi}
  max: {cpu: 500m, memory: 512Mi}
  min: {cpu: 10m, memory: 32Mi}
`,
  'dev-limits',
);

test('a container without resources takes default and defaultRequest', () => {
  const d = defaultPod(pod([c(undefined, 'worker')]), [DEV]);
  assert.deepEqual(effective(d.pod), { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '250m', memory: '256Mi' } });
  assert.equal(d.annotation, 'LimitRanger plugin set: cpu, memory request for container worker; cpu, memory limit for container worker');
  assert.deepEqual(d.origins[0].get('requests.cpu'), { kind: 'defaultRequest', limitRange: 'dev-limits', item: 0 });
  assert.deepEqual(d.origins[0].get('limits.memory'), { kind: 'default', limitRange: 'dev-limits', item: 0 });
  assert.deepEqual(limitViolations(d.pod, [DEV]), []);
});

// "Configure Default CPU Requests and Limits for a Namespace": default cpu 1, defaultRequest 0.5.
const CPU_DEFAULTS = lr(`
- type: Container
  default: {cpu: 1}
  defaultRequest: {cpu: 0.5}
`);

const DEFAULTING: [string, object | undefined, { requests: object; limits: object }, string][] = [
  ['no resources', undefined, { requests: { cpu: '500m' }, limits: { cpu: '1' } }, 'defaultRequest'],
  ['a limit only: the request is the limit', { limits: { cpu: 1 } }, { requests: { cpu: '1' }, limits: { cpu: '1' } }, 'limit'],
  ['a request only: the default limit', { requests: { cpu: '0.75' } }, { requests: { cpu: '750m' }, limits: { cpu: '1' } }, 'written'],
];
for (const [name, resources, want, requestOrigin] of DEFAULTING) {
  test(`defaults: ${name}`, () => {
    const d = defaultPod(pod([c(resources)]), [CPU_DEFAULTS]);
    assert.deepEqual(effective(d.pod), want);
    assert.equal(d.origins[0].get('requests.cpu')?.kind, requestOrigin);
  });
}

test("the LimitRange's own defaults: max becomes default, default becomes defaultRequest, min too", () => {
  const l = lr(`
- type: Container
  max: {cpu: 800m}
  min: {cpu: 200m, memory: 64Mi}
`);
  assert.deepEqual(listJson(l.items[0].default), { cpu: '800m' });
  assert.deepEqual(listJson(l.items[0].defaultRequest), { cpu: '800m', memory: '64Mi' });
  const d = defaultPod(pod([c()]), [l]);
  assert.deepEqual(effective(d.pod), { requests: { cpu: '800m', memory: '64Mi' }, limits: { cpu: '800m' } });
  assert.deepEqual(limitViolations(d.pod, [l]), []);
});

// "Configure Minimum and Maximum CPU Constraints" (max 800m, min 200m) and the memory one (max 1Gi, min 500Mi).
const CPU_BOUNDS = lr(`
- type: Container
  max: {cpu: 800m}
  min: {cpu: 200m}
`);
const MEM_BOUNDS = lr(`
- type: Container
  max: {memory: 1Gi}
  min: {memory: 500Mi}
`);

const VIOLATIONS: [string, LimitRangePolicy, object, string[]][] = [
  ['within bounds', CPU_BOUNDS, { requests: { cpu: '500m' }, limits: { cpu: '800m' } }, []],
  [
    'limit above max',
    CPU_BOUNDS,
    { requests: { cpu: '500m' }, limits: { cpu: '1.5' } },
    ['maximum cpu usage per Container is 800m, but limit is 1500m'],
  ],
  [
    'request below min',
    CPU_BOUNDS,
    { requests: { cpu: '100m' }, limits: { cpu: '800m' } },
    ['minimum cpu usage per Container is 200m, but request is 100m'],
  ],
  [
    'memory limit above max',
    MEM_BOUNDS,
    { requests: { memory: '800Mi' }, limits: { memory: '1.5Gi' } },
    ['maximum memory usage per Container is 1Gi, but limit is 1536Mi'],
  ],
  [
    'memory request below min',
    MEM_BOUNDS,
    { requests: { memory: '100Mi' }, limits: { memory: '800Mi' } },
    ['minimum memory usage per Container is 500Mi, but request is 100Mi'],
  ],
  [
    'limit to request ratio above its bound',
    lr('- {type: Container, maxLimitRequestRatio: {memory: 2}}'),
    { requests: { memory: '100Mi' }, limits: { memory: '250Mi' } },
    ['memory max limit to request ratio per Container is 2, but provided ratio is 2.500000'],
  ],
  [
    'a ratio with no limit',
    lr('- {type: Container, maxLimitRequestRatio: {cpu: 4}}'),
    { requests: { cpu: '100m' } },
    ['cpu max limit to request ratio per Container is 4, but no limit is specified or limit is 0'],
  ],
  [
    'a Pod bound on the sum of the containers',
    lr('- {type: Pod, max: {cpu: "1"}}'),
    { limits: { cpu: '600m' } },
    ['maximum cpu usage per Pod is 1, but limit is 1200m'],
  ],
  [
    'a Pod bound with no limit at all',
    lr('- {type: Pod, max: {memory: 1Gi}}'),
    { requests: { memory: '100Mi' } },
    ['maximum memory usage per Pod is 1Gi.  No limit is specified'],
  ],
];

for (const [name, range, resources, messages] of VIOLATIONS) {
  test(`bounds: ${name}`, () => {
    const p = name.startsWith('a Pod bound on') ? pod([c(resources, 'a'), c(resources, 'b')]) : pod([c(resources)]);
    const d = defaultPod(p, [range]);
    const found = limitViolations(d.pod, [range]);
    assert.deepEqual(
      found.map((v) => v.message),
      messages,
    );
    if (messages.length) assert.equal(violationsText(found), messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`);
  });
}

test('several violations read as the plugin aggregates them', () => {
  const d = defaultPod(pod([c({ limits: { cpu: 2, memory: '2Gi' } })]), [CPU_BOUNDS, MEM_BOUNDS]);
  const found = limitViolations(d.pod, [CPU_BOUNDS, MEM_BOUNDS]);
  assert.equal(
    violationsText(found),
    '[maximum cpu usage per Container is 800m, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
  );
  assert.deepEqual(
    found.map((v) => [v.bound, v.side, v.resource, v.container]),
    [
      ['max', 'limit', 'cpu', 0],
      ['max', 'limit', 'memory', 0],
    ],
  );
});

test('a written request above the default limit makes the pod invalid (the concept page example)', () => {
  const l = lr(`
- type: Container
  default: {cpu: 500m}
  defaultRequest: {cpu: 500m}
  max: {cpu: "1"}
  min: {cpu: 100m}
`);
  const d = defaultPod(pod([c({ requests: { cpu: '700m' } })]), [l]);
  const over = requestsOverLimits(d.pod);
  assert.deepEqual(
    over.map((o) => o.message),
    ['spec.containers[0].resources.requests: Invalid value: "700m": must be less than or equal to cpu limit of 500m'],
  );
  assert.equal(formatQuantity(over[0].limit), '500m');
});

test('init containers are defaulted and bounded too, and named as such', () => {
  const p = readPodSpec({ containers: [c()], initContainers: [c(undefined, 'setup')] });
  const d = defaultPod(p, [DEV]);
  assert.match(d.annotation ?? '', /request for init container setup/);
  assert.equal(d.origins.length, 2);
});
