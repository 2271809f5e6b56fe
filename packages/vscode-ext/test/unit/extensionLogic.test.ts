// Table-driven tests of the extension's pure decisions: when following a rollout stops and how,
// the server restart budget, the image input box, and what a live Agent shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RolloutEvent } from '@flokoa/kubectl-flokoa';
import { toastMessageOf, verdictOf } from '../../src/commands/rolloutOutcome.js';
import { CrashBudget } from '../../src/crashBudget.js';
import { imageInputError } from '../../src/commands/imageInput.js';
import { liveSummary } from '../../src/views/liveSummary.js';
import { apiGenerationLook } from '../../src/apiGenerationLook.js';

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
  assert.equal((verdictOf(pod('ImagePullBackOff')) as { message: string }).message, 'pod "a-1": ImagePullBackOff');
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

test('live Agent summary: replicas, image and readiness from the Agent and its Deployment', () => {
  const agent = (status: object) => ({
    metadata: { name: 'a', namespace: 'ns' },
    spec: { runtime: { spec: { replicas: 2, container: { name: 'agent', image: 'img:v2' } } } },
    status,
  });
  const deployment = (available: number) => ({
    metadata: { name: 'a', namespace: 'ns' },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'agent', image: 'img:v1' }] } } },
    status: { availableReplicas: available },
  });
  const ready = { phase: 'Running', replicas: 2, availableReplicas: 2, conditions: [{ type: 'Ready', status: 'True' }] };
  const cases: [string, Parameters<typeof liveSummary>[0], ReturnType<typeof liveSummary>][] = [
    [
      'the Deployment says what runs',
      { agent: agent(ready), deployment: deployment(1) },
      { image: 'img:v1', desired: 2, available: 1, ready: true, phase: 'Running' },
    ],
    [
      "no Deployment yet: the Agent's own image and status",
      { agent: agent({ phase: 'Pending' }) },
      { image: 'img:v2', desired: 0, available: 0, ready: false, phase: 'Pending' },
    ],
    [
      'no status at all',
      { agent: agent(undefined as unknown as object) },
      { image: 'img:v2', desired: 0, available: 0, ready: false, phase: undefined },
    ],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(liveSummary(input), want, name);
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
