import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/errors.js';
import {
  formatSelector,
  fromLabelSelectorObject,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../src/selectors.js';

const LABELS = { app: 'web', tier: 'front', 'flokoa.ai/agent': 'a1' };

test('label selectors: the apimachinery grammar', () => {
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (db, cache)', true],
    ['missing notin (x)', true],
    ['flokoa.ai/agent', true],
    ['!flokoa.ai/agent', false],
    ['!missing', true],
    ['app=web,tier in (front),!missing', true],
    ['app=web,tier=back', false],
  ];
  for (const [sel, want] of cases) assert.equal(matchesLabels(parseLabelSelector(sel), LABELS), want, sel);
});

test('label selectors: bad input is a 400 naming the requirement', () => {
  for (const bad of ['app=web,-bad-=x', 'app in web']) {
    assert.throws(
      () => parseLabelSelector(bad),
      (e: unknown) => e instanceof ApiError && e.code === 400 && /unable to parse requirement/.test(e.message),
      bad,
    );
  }
});

test('LabelSelector objects and their printed form', () => {
  const sel = fromLabelSelectorObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['front'] },
      { key: 'x', operator: 'DoesNotExist' },
    ],
  });
  assert.equal(matchesLabels(sel, LABELS), true);
  assert.equal(formatSelector(sel), 'app=web,tier in (front),!x');
  assert.equal(formatSelector([]), '<none>');
});

test('field selectors: supported fields per kind, = and !=', () => {
  const ev = { metadata: { name: 'e', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Failed' };
  assert.equal(matchesFields(parseFieldSelector('involvedObject.name=p,reason!=Started', '/events', 'Event'), ev), true);
  assert.equal(matchesFields(parseFieldSelector('metadata.name=other', '/events', 'Event'), ev), false);
  assert.throws(() => parseFieldSelector('spec.model=x', 'agent.flokoa.ai/models', 'Model'), /field label not supported: spec.model/);
});
