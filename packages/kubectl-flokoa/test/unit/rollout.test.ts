import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentStatus, evaluateRollout, podProblems, pullFailure } from '../../src/rollout/evaluate.js';
import { revisionsOf } from '../../src/rollout/history.js';
import type { KObject } from '@flokoa/kube';

const dep = (gen: number, spec: number, st: Record<string, unknown>, image = 'img:v2'): KObject => ({
  metadata: { name: 'a', generation: gen, annotations: { 'deployment.kubernetes.io/revision': '2' }, uid: 'd1' },
  spec: { replicas: spec, template: { spec: { containers: [{ name: 'agent', image }] } } },
  status: st,
});

test("deployment completion: kubectl's logic and messages", () => {
  const cases: [KObject, string, boolean, boolean?][] = [
    [dep(2, 3, { observedGeneration: 1 }), 'Waiting for deployment spec update to be observed...', false],
    [
      dep(2, 3, { observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }),
      'deployment "a" exceeded its progress deadline',
      false,
      true,
    ],
    [
      dep(2, 3, { observedGeneration: 2, updatedReplicas: 1, replicas: 3 }),
      'Waiting for deployment "a" rollout to finish: 1 out of 3 new replicas have been updated...',
      false,
    ],
    [
      dep(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 4 }),
      'Waiting for deployment "a" rollout to finish: 1 old replicas are pending termination...',
      false,
    ],
    [
      dep(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 1 }),
      'Waiting for deployment "a" rollout to finish: 1 of 3 updated replicas are available...',
      false,
    ],
    [
      dep(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }),
      'deployment "a" successfully rolled out',
      true,
    ],
    [dep(1, 0, { observedGeneration: 1 }), 'deployment "a" successfully rolled out', true],
  ];
  for (const [d, message, done, failed] of cases) {
    const v = deploymentStatus(d);
    assert.equal(v.message, message);
    assert.equal(v.done, done, message);
    assert.equal(Boolean(v.failed), Boolean(failed), message);
  }
});

test('agent stages: operator observed generation, then the template carries the image', () => {
  const agent = (gen: number, observed?: number): KObject => ({
    metadata: { name: 'a', generation: gen },
    spec: { runtime: { spec: { container: { name: 'agent', image: 'img:v2' } } } },
    status: observed === undefined ? {} : { observedGeneration: observed },
  });
  const done = dep(2, 1, { observedGeneration: 2, updatedReplicas: 1, replicas: 1, availableReplicas: 1 });
  const cases: [Parameters<typeof evaluateRollout>[0], string, RegExp][] = [
    [{ agent: undefined, deployment: done }, 'agent', /not found/],
    [{ agent: agent(3), deployment: done }, 'operator', /observe agent "a" generation 3\.\.\./],
    [{ agent: agent(3, 2), deployment: done }, 'operator', /generation 3 \(observed 2\)/],
    [{ agent: agent(3, 3), deployment: undefined }, 'template', /to be created/],
    [
      {
        agent: agent(3, 3),
        deployment: dep(2, 1, { observedGeneration: 2, updatedReplicas: 1, replicas: 1, availableReplicas: 1 }, 'img:v1'),
      },
      'template',
      /take image "img:v2" \(it has "img:v1"\)/,
    ],
    [{ agent: agent(3, 3), deployment: done }, 'deployment', /successfully rolled out/],
  ];
  for (const [state, stage, message] of cases) {
    const v = evaluateRollout(state, 'a');
    assert.equal(v.stage, stage);
    assert.match(v.message, message);
  }
});

test('pod problems of the new revision: pull failures, crash loops, unready', () => {
  const pod = (name: string, image: string, status: Record<string, unknown>, deleting = false, probe = true): KObject => ({
    metadata: { name, ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'agent', image, ...(probe ? { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } : {}) }] },
    status,
  });
  const waiting = (reason: string, message: string, extra: Record<string, unknown> = {}) => ({
    phase: 'Pending',
    containerStatuses: [{ name: 'agent', ready: false, restartCount: 0, state: { waiting: { reason, message } }, ...extra }],
  });
  const pods = [
    pod('a-1', 'img:pullfail', waiting('ImagePullBackOff', 'Back-off pulling image "img:pullfail"')),
    pod('a-2', 'img:pullfail', {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'agent',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    }),
    pod('a-3', 'img:pullfail', {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'agent', ready: false, restartCount: 0, state: { running: {} } }],
    }),
    // Running, not Ready yet, no readiness probe: the kubelet has not caught up; not a problem.
    pod(
      'a-7',
      'img:pullfail',
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'agent', ready: false, restartCount: 0, state: { running: {} } }],
      },
      false,
      false,
    ),
    pod('a-4', 'img:pullfail', {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'agent', ready: true, state: { running: {} } }],
    }),
    pod('a-6', 'img:pullfail', {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [
        {
          name: 'agent',
          ready: false,
          restartCount: 2,
          state: { running: {} },
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
      ],
    }),
    pod('old-1', 'img:v1', waiting('ImagePullBackOff', 'old pods are not this rollout')),
    pod('a-5', 'img:pullfail', waiting('ErrImagePull', 'gone'), true),
  ];
  const got = podProblems(pods, 'img:pullfail');
  assert.deepEqual(
    got.map((p) => [p.pod, p.reason]),
    [
      ['a-1', 'ImagePullBackOff'],
      ['a-2', 'CrashLoopBackOff'],
      ['a-3', 'NotReady'],
      ['a-6', 'Restarting'],
    ],
  );
  assert.equal(got[0].message, 'cannot pull "img:pullfail"');
  assert.equal(
    pullFailure(
      'ghcr.io/x/a:v3',
      'Back-off pulling image "ghcr.io/x/a:v3": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/x/a:v3": failed to resolve reference "ghcr.io/x/a:v3": ghcr.io/x/a:v3: not found',
    ),
    'cannot pull "ghcr.io/x/a:v3": not found',
  );
  assert.match(got[1].message, /last exit code 1, Error/);
  assert.equal(got[1].restarts, 4);
  assert.equal(got[3].message, 'container "agent" exited with code 137 (OOMKilled) and was restarted');
});

test('history: revisions of the Deployment, oldest first, current marked', () => {
  const rs = (name: string, rev: string, image: string, owner = 'd1', cause?: string): KObject => ({
    metadata: {
      name,
      annotations: { 'deployment.kubernetes.io/revision': rev, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
      ownerReferences: [{ kind: 'Deployment', name: 'a', uid: owner }],
    },
    spec: { template: { spec: { containers: [{ name: 'agent', image }] } } },
    status: { replicas: 1, readyReplicas: 1 },
  });
  const d = dep(2, 1, {});
  const revs = revisionsOf(d, [
    rs('a-2', '2', 'img:v2', 'd1', 'ship v2'),
    rs('a-1', '1', 'img:v1'),
    rs('other', '9', 'x:1', 'someone-else'),
  ]);
  assert.deepEqual(
    revs.map((r) => [r.revision, r.image, r.current, r.changeCause]),
    [
      [1, 'img:v1', false, undefined],
      [2, 'img:v2', true, 'ship v2'],
    ],
  );
});
