// Path patterns over parsed values: what reference fields and generation markers are found with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ITEM_STEP, VALUE_STEP, fieldStep, pathMatches } from '../src/pathMatches.js';

const doc = {
  spec: {
    tools: [{ name: 'a' }, { other: 1 }, { name: 'c', toolRef: { name: 'd' } }],
    secretRefs: { 'a/b': { name: 's1' }, 'x~y': { name: 's2' }, empty: {} },
    modelRef: { name: 'm' },
    absent: undefined,
  },
};

test('pointers and values in document order, through lists, maps and alternative fields', () => {
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('tools'), ITEM_STEP, fieldStep('name')]), [
    ['/spec/tools/0/name', 'a'],
    ['/spec/tools/2/name', 'c'],
  ]);
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('secretRefs'), VALUE_STEP, fieldStep('name')]), [
    ['/spec/secretRefs/a~1b/name', 's1'],
    ['/spec/secretRefs/x~0y/name', 's2'],
  ]);
  const either = { seg: ['toolRef', 'name'], esc: ['toolRef', 'name'] };
  assert.deepEqual(
    pathMatches(doc, [fieldStep('spec'), fieldStep('tools'), ITEM_STEP, either]).map(([p]) => p),
    ['/spec/tools/0/name', '/spec/tools/2/toolRef', '/spec/tools/2/name'],
  );
});

test('the root itself, and what is absent, undefined, of the wrong shape or inherited', () => {
  assert.deepEqual(pathMatches(doc, []), [['', doc]]);
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('absent')]), []);
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('modelRef'), ITEM_STEP]), []);
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('tools'), VALUE_STEP]), []);
  assert.deepEqual(pathMatches(doc, [fieldStep('spec'), fieldStep('constructor')]), []);
  assert.deepEqual(pathMatches(null, [fieldStep('spec')]), []);
});
