// The JSONPath dialect on its own (kubectl-flokoa's e2e compares it with the real kubectl's on live objects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonPath } from '../src/jsonpath.js';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x' } }, spec: { replicas: 3, tools: [{ name: 't1' }] } },
    { metadata: { name: 'b', labels: {} }, spec: { replicas: 1, tools: [] } },
  ],
};
const run = (t: string) => compileJsonPath(t)(data);

test('jsonpath: escaped dots in a label key, wildcards over maps in key order, recursive descent', () => {
  assert.equal(run('{.items[*].metadata.labels.app\\.kubernetes\\.io/name}'), 'x');
  assert.equal(run('{.items[0].metadata.*}'), '{"app.kubernetes.io/name":"x"} a');
  assert.equal(run('{..name}'), 'a t1 b');
  assert.equal(run('{.items[?(@.spec.replicas>1)].metadata.name}'), 'a');
  assert.equal(
    run('{.items[?(@.metadata.labels.app\\.kubernetes\\.io/name)].metadata.name}'),
    'a',
    'a filter without operator: the key is there',
  );
});

test('jsonpath: ranges nest; text outside actions is kept as written', () => {
  assert.equal(run('{range .items[*]}{.metadata.name}:{range .spec.tools[*]}{.name} {end}|{end}'), 'a:t1 |b:|');
  assert.equal(run('kind={.kind}\\n'), 'kind=List\\n');
});

test('jsonpath: syntax errors are JsonPathErrors before any evaluation', () => {
  assert.throws(() => compileJsonPath('{range .items[*]}{.a}'), /error parsing jsonpath .*, range without a matching \{end\}/);
  assert.throws(() => compileJsonPath('{"\\x41"}'), /invalid quoted string/);
  assert.throws(() => compileJsonPath('{.a[ 0 ]}'), /invalid array index {2}0 $/);
});
