// ResourceQuota admission as Kubernetes documents it ("Configure Memory and CPU Quotas", "Configure a
// Pod Quota", object count quotas, quota scopes), with the admission plugin's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkQuota,
  coveredPodResources,
  listJson,
  missingForQuota,
  podUsage,
  quotaMatchesPod,
  readPodSpec,
  readQuota,
  rolloutBudget,
  type ResourceList,
} from '../../src/index.js';

const quota = (hard: object, extra: object = {}, name = 'mem-cpu-demo') =>
  readQuota({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...extra } });
const pod = (resources?: object, extra: object = {}) =>
  readPodSpec({ containers: [{ name: 'app', ...(resources ? { resources } : {}) }], ...extra });

const MEM_CPU = quota({ 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' });
const POD1 = pod({ requests: { memory: '600Mi', cpu: '400m' }, limits: { memory: '800Mi', cpu: '800m' } });
const POD2 = pod({ requests: { memory: '700Mi', cpu: '400m' }, limits: { memory: '1Gi', cpu: '800m' } });
const zero = (q: ReturnType<typeof quota>): ResourceList =>
  new Map([...q.hard.keys()].map((k) => [k, { nanos: 0n, format: 'DecimalSI' as const }]));

test("a pod's usage: pods, count/pods, and requests and limits in both spellings", () => {
  assert.deepEqual(listJson(podUsage(POD1)), {
    'count/pods': '1',
    cpu: '400m',
    'limits.cpu': '800m',
    'limits.memory': '800Mi',
    memory: '600Mi',
    pods: '1',
    'requests.cpu': '400m',
    'requests.memory': '600Mi',
  });
});

test('the first pod fits and the second passes requests.memory: the documented refusal', () => {
  const first = checkQuota(MEM_CPU, zero(MEM_CPU), podUsage(POD1));
  assert.deepEqual(first.exceeded, []);
  assert.deepEqual(listJson(first.after), {
    'limits.cpu': '800m',
    'limits.memory': '800Mi',
    'requests.cpu': '400m',
    'requests.memory': '600Mi',
  });
  const second = checkQuota(MEM_CPU, first.after, podUsage(POD2));
  assert.deepEqual(second.exceeded, ['requests.memory']);
  assert.equal(
    second.message,
    'exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
  );
});

test('a pods quota of 2 takes two pods and refuses the third', () => {
  const q = quota({ pods: '2' }, {}, 'pod-demo');
  let used = zero(q);
  for (let i = 0; i < 2; i++) used = checkQuota(q, used, podUsage(pod())).after;
  const third = checkQuota(q, used, podUsage(pod()));
  assert.equal(third.message, 'exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2');
});

test('a quota on cpu or memory makes every container state it (failed quota: must specify)', () => {
  assert.equal(
    missingForQuota(MEM_CPU, pod())?.message,
    'must specify limits.cpu for: app; limits.memory for: app; requests.cpu for: app; requests.memory for: app',
  );
  assert.equal(missingForQuota(MEM_CPU, POD1), undefined);
  assert.equal(missingForQuota(quota({ pods: '3' }), pod()), undefined, 'a pods-only quota asks nothing of containers');
  const two = readPodSpec({ containers: [{ name: 'b', resources: { requests: { cpu: '1' } } }, { name: 'a' }] });
  assert.equal(missingForQuota(quota({ 'requests.cpu': '4' }), two)?.message, 'must specify requests.cpu for: a');
});

test('quota resources pods consume, and those they do not', () => {
  const q = quota({
    'requests.cpu': '1',
    'count/agents.agent.flokoa.ai': '3',
    'requests.nvidia.com/gpu': '2',
    'hugepages-2Mi': '1Gi',
    services: '4',
    'requests.storage': '10Gi',
  });
  assert.deepEqual(coveredPodResources(q), ['hugepages-2Mi', 'requests.cpu', 'requests.nvidia.com/gpu']);
});

test('extended resources are counted as requests.<name>', () => {
  const p = pod({ requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 1 } });
  assert.equal(listJson(podUsage(p))['requests.nvidia.com/gpu'], '1');
});

const SCOPES: [string, object, ReturnType<typeof pod>, boolean][] = [
  ['BestEffort takes a pod without cpu or memory', { scopes: ['BestEffort'] }, pod(), true],
  ['BestEffort leaves a pod with a request', { scopes: ['BestEffort'] }, POD1, false],
  ['NotBestEffort takes a pod with a request', { scopes: ['NotBestEffort'] }, POD1, true],
  ['Terminating takes a pod with activeDeadlineSeconds', { scopes: ['Terminating'] }, pod(undefined, { activeDeadlineSeconds: 60 }), true],
  ['NotTerminating leaves it', { scopes: ['NotTerminating'] }, pod(undefined, { activeDeadlineSeconds: 60 }), false],
  [
    'a PriorityClass selector takes the named class',
    { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } },
    pod(undefined, { priorityClassName: 'high' }),
    true,
  ],
  [
    'and leaves the others',
    { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } },
    pod(),
    false,
  ],
];
for (const [name, scopes, p, want] of SCOPES) {
  test(`scopes: ${name}`, () => assert.equal(quotaMatchesPod(quota({ pods: '1' }, scopes), p), want));
}

const BUDGETS: [number, object | undefined, number, number][] = [
  [1, undefined, 1, 0],
  [2, undefined, 1, 0],
  [3, undefined, 1, 0],
  [4, undefined, 1, 1],
  [10, undefined, 3, 2],
  [0, undefined, 0, 1],
  [3, { rollingUpdate: { maxSurge: '50%' } }, 2, 0],
  [3, { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }, 0, 1],
  [5, { rollingUpdate: { maxSurge: 2, maxUnavailable: '40%' } }, 2, 2],
];
for (const [replicas, strategy, surge, unavailable] of BUDGETS) {
  test(`rolling update of ${replicas} replicas ${JSON.stringify(strategy ?? 'default')}: surge ${surge}, unavailable ${unavailable}`, () => {
    const b = rolloutBudget(replicas, strategy);
    assert.deepEqual([b.surge, b.unavailable], [surge, unavailable]);
  });
}

test('Recreate has no surge', () => assert.equal(rolloutBudget(3, { type: 'Recreate' }).surge, 0));
