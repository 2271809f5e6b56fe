import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveIntOrPercent } from '../../src/controllers/deployment.js';
import { jsonPathValues } from '@flokoa/core';
import { humanDuration } from '../../src/table.js';

test('ages print like kubectl (duration.HumanDuration)', () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [125 * s, '2m5s'],
    [10 * 60 * s, '10m'],
    [179 * 60 * s, '179m'],
    [3 * 3600 * s, '3h'],
    [3 * 3600 * s + 5 * 60 * s, '3h5m'],
    [8 * 3600 * s, '8h'],
    [47 * 3600 * s, '47h'],
    [50 * 3600 * s, '2d2h'],
    [10 * 86400 * s, '10d'],
    [800 * 86400 * s, '2y70d'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, String(ms));
});

test('printer-column JSONPath', () => {
  const o = {
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
    },
    spec: { c: [{ image: 'a' }, { image: 'b' }] },
  };
  const cases: [string, unknown[]][] = [
    ['.status.phase', ['Running']],
    ['{.status.phase}', ['Running']],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    ['.spec.c[*].image', ['a', 'b']],
    ['.spec.c[1].image', ['b']],
    ['.status.missing', []],
    ['.spec.c[5].image', []],
  ];
  for (const [expr, want] of cases) assert.deepEqual(jsonPathValues(expr)(o), want, expr);
});

test('maxSurge rounds up, maxUnavailable rounds down', () => {
  const cases: [unknown, number, boolean, number][] = [
    ['25%', 4, true, 1],
    ['25%', 4, false, 1],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    [2, 10, true, 2],
    ['50%', 5, true, 3],
    ['50%', 5, false, 2],
  ];
  for (const [v, total, up, want] of cases) assert.equal(resolveIntOrPercent(v, total, up), want, `${v} of ${total}`);
});
