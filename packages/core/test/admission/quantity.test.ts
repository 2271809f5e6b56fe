// Quantities as Kubernetes reads and prints them. Expectations from the API's documented rules: the
// canonical form keeps the suffix family it was written in, moves the exponent to a multiple of
// three (1.5 → 1500m), uses binary suffixes only for whole multiples of 1024, and rounds values
// finer than a nano up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  ratioExceeds,
  ratioText,
  scaleQuantity,
  subtractQuantities,
} from '../../src/index.js';

const q = (s: string | number) => {
  const v = parseQuantity(s);
  assert.ok(v, `parses ${s}`);
  return v;
};

const CANONICAL: [string | number, string][] = [
  ['100m', '100m'],
  ['0.1', '100m'],
  ['1', '1'],
  [1, '1'],
  [0.5, '500m'],
  ['1000m', '1'],
  ['1500m', '1500m'],
  ['1.5', '1500m'],
  ['2000m', '2'],
  ['1000', '1k'],
  ['0.001', '1m'],
  ['1n', '1n'],
  ['0.1n', '1n'],
  ['250u', '250u'],
  ['128Mi', '128Mi'],
  ['1024Mi', '1Gi'],
  ['1.5Gi', '1536Mi'],
  ['0.5Gi', '512Mi'],
  ['0.5Ki', '512'],
  ['1Ki', '1Ki'],
  ['129M', '129M'],
  ['129e6', '129e6'],
  ['1e3', '1e3'],
  ['1E3', '1e3'],
  ['100e-3', '100e-3'],
  ['400m', '400m'],
  ['-1', '-1'],
  ['+2', '2'],
  ['0', '0'],
  ['0Gi', '0'],
  ['.5', '500m'],
  ['2.', '2'],
  ['8E', '8E'],
];

for (const [input, out] of CANONICAL) {
  test(`quantity ${JSON.stringify(input)} prints as ${out}`, () => assert.equal(formatQuantity(q(input)), out));
}

for (const bad of ['', 'abc', '1K', 'Mi', '1 Gi', '1e', '--1', '1.2.3', '1Mi2', 'e3', '1ki']) {
  test(`quantity ${JSON.stringify(bad)} is refused`, () => assert.equal(parseQuantity(bad), undefined));
}

test('values compare exactly across suffix families', () => {
  assert.equal(compareQuantities(q('1Gi'), q('1G')), 1);
  assert.equal(compareQuantities(q('1000Mi'), q('1G')), 1);
  assert.equal(compareQuantities(q('1'), q('1000m')), 0);
  assert.equal(compareQuantities(q('999m'), q('1')), -1);
  assert.equal(compareQuantities(q('0.1n'), q('1n')), 0);
});

test('a sum prints in the format of its first non-zero term (Quantity.Add)', () => {
  assert.equal(formatQuantity(addQuantities(q('128Mi'), q('128Mi'))), '256Mi');
  assert.equal(formatQuantity(addQuantities(q('0'), q('128Mi'))), '128Mi');
  assert.equal(formatQuantity(addQuantities(q('200m'), q('800m'))), '1');
  assert.equal(formatQuantity(addQuantities(q('100Mi'), q('100M'))), '204857600');
  assert.equal(formatQuantity(addQuantities(q('100M'), q('100Mi'))), '204857600');
  assert.equal(formatQuantity(subtractQuantities(q('2'), q('1800m'))), '200m');
  assert.equal(formatQuantity(scaleQuantity(q('500m'), 3)), '1500m');
  assert.equal(formatQuantity(scaleQuantity(q('256Mi'), 4)), '1Gi');
});

test('limit to request ratios are compared exactly and printed as %f', () => {
  assert.equal(ratioExceeds(q('250Mi'), q('100Mi'), q('2')), true);
  assert.equal(ratioExceeds(q('200Mi'), q('100Mi'), q('2')), false);
  assert.equal(ratioExceeds(q('201m'), q('100m'), q('2')), true);
  assert.equal(ratioText(q('250Mi'), q('100Mi')), '2.500000');
});
