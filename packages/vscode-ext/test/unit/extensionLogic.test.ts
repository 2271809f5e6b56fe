// Table-driven tests of the extension's pure decisions: when following a rollout stops and how,
// the server restart budget, the image input box, and what a live Agent shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RolloutEvent } from '@flokoa/kubectl-flokoa';
import { toastMessageOf, verdictOf } from '../../src/commands/rolloutOutcome.js';
import { CrashBudget } from '../../src/crashBudget.js';
import { imageInputError } from '../../src/commands/imageInput.js';
import { describeLive, explainLive, liveSummary, shortImage } from '../../src/views/liveSummary.js';
import { concernsAgent, renderEvents } from '../../src/cluster/agentEvents.js';
import { apiGenerationLook } from '../../src/apiGenerationLook.js';
import { settingsBeside } from '../../src/coexistence.js';
import { asFile, orderLike } from '../../src/views/liveShape.js';

const pod = (reason: string): RolloutEvent => ({
  type: 'pod',
  problem: { pod: 'a-1', reason, message: 'm', restarts: 0 },
  message: `pod "a-1": ${reason}`,
});

test('rollout events: which end the follow, and with what outcome', () => {
  const cases: [string, RolloutEvent, string | undefined][] = [
    ['progress goes on', { type: 'progress', stage: 'deployment', message: 'Waiting…' }, undefined],
    ['complete', { type: 'complete', message: 'successfully rolled out' }, 'complete'],
    ['failed (progress deadline)', { type: 'failed', message: 'exceeded its progress deadline', problems: [] }, 'failed'],
    ['timeout', { type: 'timeout', message: 'timed out', problems: [] }, 'failed'],
    ['ErrImagePull may still heal', pod('ErrImagePull'), undefined],
    ['ImagePullBackOff does not', pod('ImagePullBackOff'), 'failed'],
    ['CrashLoopBackOff does not', pod('CrashLoopBackOff'), 'failed'],
    ['InvalidImageName does not', pod('InvalidImageName'), 'failed'],
    ['not ready may still become ready', pod('NotReady'), undefined],
  ];
  for (const [name, event, want] of cases) assert.equal(verdictOf(event)?.result, want, name);
  // The toast quotes the reason and the kubelet's message once, without the pod's name.
  assert.equal((verdictOf(pod('ImagePullBackOff')) as { message: string }).message, 'ImagePullBackOff: m');
});

test("rollout progress toast: the rollout's stages, not a new pod's passing NotReady", () => {
  assert.equal(toastMessageOf(pod('NotReady')), undefined);
  assert.equal(toastMessageOf(pod('Restarting')), undefined);
  assert.equal(toastMessageOf({ type: 'progress', stage: 'deployment', message: 'Waiting…' }), 'Waiting…');
});

test('restart budget: 5 crashes within 3 minutes, older crashes forgotten', () => {
  const min = 60_000;
  const cases: [string, number[], boolean[]][] = [
    ['five quick crashes are restarted', [0, 1, 2, 3, 4], [true, true, true, true, true]],
    ['the sixth within the window is not', [0, 1, 2, 3, 4, 5], [true, true, true, true, true, false]],
    ['spread over more than 3 minutes, all are', [0, min, 2 * min, 3 * min, 4 * min, 5 * min, 6 * min], Array(7).fill(true)],
    ['a burst after a quiet spell starts afresh', [0, 1, 2, 3, 4, 4 * min, 4 * min + 1], Array(7).fill(true)],
  ];
  for (const [name, times, want] of cases) {
    const b = new CrashBudget();
    assert.deepEqual(
      times.map((t) => b.crash(t)),
      want,
      name,
    );
  }
  const b = new CrashBudget();
  for (let i = 0; i < 6; i++) b.crash(i);
  b.reset();
  assert.equal(b.crash(10), true, 'reset (a manual restart) clears the count');
});

test("image input: the plugin's validation, worded for an input box", () => {
  const cases: [string, RegExp | undefined][] = [
    ['ghcr.io/example/checkout:v1.1.0', undefined],
    ['  ghcr.io/example/checkout:v1.1.0  ', undefined],
    [`registry.local:5000/team/agent@sha256:${'a'.repeat(64)}`, undefined],
    ['ghcr.io/example/checkout:latest', /:latest/],
    ['ghcr.io/example/checkout', /no tag/],
    ['ghcr.io/Example/checkout:v1', /lowercase/],
    ['', /empty/],
  ];
  for (const [image, want] of cases) {
    const got = imageInputError(image);
    if (want === undefined) assert.equal(got, undefined, image);
    else {
      assert.match(got ?? '', want, image);
      assert.doesNotMatch(got ?? '', /--allow-latest/, 'no CLI flag in the editor');
    }
  }
});

test('live Agent: state, counts from the Deployment and the image the available pods run', () => {
  const agent = (image: string, status: object | undefined = { phase: 'Running', observedGeneration: 2 }) => ({
    metadata: { name: 'a', namespace: 'ns', generation: 2 },
    spec: { runtime: { type: 'standard', spec: { replicas: 2, container: { name: 'agent', image } } } },
    status,
  });
  const deployment = (image: string, st: object) => ({
    metadata: { name: 'a', namespace: 'ns', generation: 1 },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'agent', image }] } } },
    status: { observedGeneration: 1, ...st },
  });
  const pod = (name: string, image: string, ready: boolean, waiting?: string) => ({
    metadata: { name },
    spec: { containers: [{ name: 'agent', image }] },
    status: {
      phase: waiting ? 'Pending' : 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'agent',
          image,
          ready,
          state: waiting ? { waiting: { reason: waiting, message: `Back-off pulling image "${image}": not found` } } : { running: {} },
        },
      ],
    },
  });
  const v1 = 'ghcr.io/x/a:v1';
  const bad = 'ghcr.io/x/a:v2-pullfail';
  const done = { replicas: 2, updatedReplicas: 2, availableReplicas: 2 };
  type Input = Parameters<typeof liveSummary>[0];
  const cases: [string, Input, Partial<ReturnType<typeof liveSummary>>, string][] = [
    [
      'rolled out',
      { agent: agent(v1), deployment: deployment(v1, done), pods: [pod('a-1', v1, true), pod('a-2', v1, true)] } as unknown as Input,
      { state: 'ready', desired: 2, available: 2, updated: 2, running: v1 },
      '2/2 · a:v1',
    ],
    [
      // The case: the view said "2/2 · …-pullfail" with a spinner while both pods ran v1.
      'an image that cannot be pulled: failed, and the available pods still run the old image',
      {
        agent: agent(bad),
        deployment: deployment(bad, { replicas: 3, updatedReplicas: 1, availableReplicas: 2 }),
        pods: [pod('a-1', v1, true), pod('a-2', v1, true), pod('a-3', bad, false, 'ImagePullBackOff')],
      } as unknown as Input,
      { state: 'failed', desired: 2, available: 2, updated: 1, running: v1, target: bad },
      '2/2 · a:v1 · ImagePullBackOff',
    ],
    [
      'on its way',
      {
        agent: agent(bad.replace('-pullfail', '')),
        deployment: deployment(bad.replace('-pullfail', ''), { replicas: 3, updatedReplicas: 1, availableReplicas: 2 }),
        pods: [pod('a-1', v1, true), pod('a-2', v1, true)],
      } as unknown as Input,
      { state: 'rolling', running: v1 },
      '2/2 · a:v1 → a:v2 (1/2 updated)',
    ],
    [
      'past its progress deadline',
      {
        agent: agent(v1),
        deployment: deployment(v1, {
          ...done,
          availableReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        }),
      } as unknown as Input,
      { state: 'failed', reason: 'deployment "a" exceeded its progress deadline' },
      '1/2 · a:v1 · deployment "a" exceeded its progress deadline',
    ],
    [
      "no Deployment yet: the Agent's own image",
      { agent: agent(v1, undefined) } as unknown as Input,
      { state: 'rolling', desired: 0, available: 0, running: v1 },
      '0/0 · a:v1',
    ],
  ];
  for (const [name, input, want, line] of cases) {
    const got = liveSummary(input);
    assert.deepEqual({ ...got, ...want }, got, name);
    assert.equal(describeLive(got), line, name);
  }
  assert.match(
    explainLive(liveSummary(cases[1][1])),
    /2 of 2 available pods run ghcr\.io\/x\/a:v1[\s\S]*1 of 2 updated to ghcr\.io\/x\/a:v2-pullfail[\s\S]*ImagePullBackOff: cannot pull "ghcr\.io\/x\/a:v2-pullfail": not found/,
  );
  assert.equal(shortImage(`r.io/a/b@sha256:${'f'.repeat(64)}`), 'b@sha256:ffffffffffff');
});

test("the API generation status item says which generation, why, and the other generation's fields", () => {
  const plain = apiGenerationLook({
    id: '2026-06',
    title: 'June 2026',
    hallmarks: 'spec.modelRef',
    source: 'document',
    because: 'the document uses spec.modelRef',
  });
  assert.equal(plain.text, '$(symbol-class) Flokoa June 2026 API');
  assert.match(plain.tooltip, /^Read as the June 2026 API \(spec\.modelRef\): the document uses spec\.modelRef\./);
  const mixed = apiGenerationLook({
    id: '2026-06',
    title: 'June 2026',
    source: 'document',
    because: 'the document uses spec.modelRef',
    mixed: { id: '2026-01', title: 'January 2026', fields: ['spec.runtime.type'] },
  });
  assert.match(mixed.text, /^\$\(warning\)/);
  assert.match(mixed.tooltip, /Also has fields of the January 2026 API: spec\.runtime\.type\./);
  assert.equal(
    apiGenerationLook({
      source: 'crd',
      because: 'the cluster CRD agents.agent.flokoa.ai is not exactly an API generation these tools know',
    }).text,
    '$(symbol-class) Flokoa unknown API',
  );
});

test("pod events: the agent's Deployment, ReplicaSets and pods, not another agent's with a longer name", () => {
  const ev = (kind: string, name: string) => ({ involvedObject: { kind, name } });
  const cases: [string, ReturnType<typeof ev>, boolean][] = [
    ['its Deployment', ev('Deployment', 'checkout'), true],
    ['its ReplicaSet', ev('ReplicaSet', 'checkout-7d9f8b6c5'), true],
    ['a pod of it', ev('Pod', 'checkout-7d9f8b6c5-x2k9p'), true],
    ['a pod it has now, whatever its name', ev('Pod', 'odd-name'), true],
    ["checkout-eu's ReplicaSet", ev('ReplicaSet', 'checkout-eu-7d9f8b6c5'), false],
    ["checkout-eu's pod", ev('Pod', 'checkout-eu-7d9f8b6c5-x2k9p'), false],
    ["checkout-eu's Deployment", ev('Deployment', 'checkout-eu'), false],
    ['a Service', ev('Service', 'checkout'), false],
  ];
  for (const [name, e, want] of cases) assert.equal(concernsAgent(e, 'checkout', new Set(['odd-name'])), want, name);
  const text = renderEvents(
    [
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image',
        count: 3,
        involvedObject: { kind: 'Pod', name: 'p' },
        lastTimestamp: '2026-01-01T10:00:02Z',
      },
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: 'assigned',
        involvedObject: { kind: 'Pod', name: 'p' },
        lastTimestamp: '2026-01-01T10:00:01Z',
      },
    ],
    'Events',
  );
  const lines = text.split('\n');
  assert.match(lines[1], /^TIME +TYPE +REASON +OBJECT +MESSAGE$/);
  assert.match(lines[2], /Warning +Failed +pod\/p +\(x3\) Failed to pull image$/, 'newest first');
  assert.match(lines[3], /Normal +Scheduled +pod\/p +assigned$/);
});

test('beside Red Hat YAML the syntax rule is off, unless the user chose its severity', () => {
  assert.deepEqual(settingsBeside({ rules: { 'image-latest': 'error' } }, true), { rules: { 'image-latest': 'error', syntax: 'off' } });
  assert.deepEqual(settingsBeside(undefined, true), { rules: { syntax: 'off' } });
  assert.deepEqual(settingsBeside({ rules: { syntax: 'error' } }, true), { rules: { syntax: 'error' } });
  assert.deepEqual(settingsBeside({ 'rules.syntax': 'warning' }, true), { 'rules.syntax': 'warning' });
  assert.deepEqual(settingsBeside({ rules: {} }, false), { rules: {} });
});

test('the live side of a comparison: as a file writes it, keys in the file order', () => {
  const live = {
    apiVersion: 'v1',
    kind: 'Agent',
    metadata: {
      name: 'a',
      uid: 'u',
      resourceVersion: '9',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', x: 'y' },
    },
    spec: { container: { ports: [{ containerPort: 80, protocol: 'TCP' }], name: 'agent', image: 'i:2' } },
    status: { phase: 'Running' },
  };
  const file = {
    apiVersion: 'v1',
    kind: 'Agent',
    metadata: { name: 'a' },
    spec: { container: { name: 'agent', image: 'i:1', ports: [{ containerPort: 80 }] } },
  };
  const shown = orderLike(asFile(live), file) as typeof live;
  assert.deepEqual(shown, {
    apiVersion: 'v1',
    kind: 'Agent',
    metadata: { name: 'a', annotations: { x: 'y' } },
    spec: { container: { name: 'agent', image: 'i:2', ports: [{ containerPort: 80, protocol: 'TCP' }] } },
  });
  assert.deepEqual(Object.keys(shown.spec.container), ['name', 'image', 'ports']);
});
