import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildImagePatch } from '../../src/patchImage.js';
import { imageLocation } from '../../src/agentImage.js';
import type { KObject } from '@flokoa/kube';

test('image location: runtime.spec or runtime.standard, found on the object', () => {
  const cases: [unknown, string | undefined][] = [
    [{ spec: { runtime: { spec: { container: { name: 'agent', image: 'a:1' } } } } }, '/spec/runtime/spec/container/image'],
    [{ spec: { runtime: { standard: { container: { image: 'a:1' } } } } }, '/spec/runtime/standard/container/image'],
    [{ spec: { runtime: { type: 'standard' } } }, undefined],
    [{ spec: { runtime: { spec: { container: { image: 7 } } } } }, undefined],
    [{}, undefined],
  ];
  for (const [agent, pointer] of cases) assert.equal(imageLocation(agent)?.pointer, pointer);
});

test('image patch: test of the old value first; change cause without clobbering annotations', () => {
  const withAnn: KObject = { metadata: { name: 'a', annotations: { team: 'x' } } };
  assert.deepEqual(buildImagePatch(withAnn, '/spec/runtime/spec/container/image', 'a:1', 'a:2', 'ship it'), [
    { op: 'test', path: '/spec/runtime/spec/container/image', value: 'a:1' },
    { op: 'replace', path: '/spec/runtime/spec/container/image', value: 'a:2' },
    { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: 'ship it' },
  ]);
  const without: KObject = { metadata: { name: 'a' } };
  assert.deepEqual(buildImagePatch(without, '/spec/runtime/standard/container/image', 'a:1', 'a:2', 'c').slice(2), [
    { op: 'test', path: '/metadata/annotations', value: null },
    { op: 'add', path: '/metadata/annotations', value: { 'kubernetes.io/change-cause': 'c' } },
  ]);
  assert.equal(buildImagePatch(without, '/p', 'a:1', 'a:2').length, 2);
});
