import { test } from 'node:test';
import { apiById } from '../src/api/index.js';
import assert from 'node:assert/strict';
import {
  SchemaStore,
  validate,
  prune,
  subschemaAt,
  propertiesOf,
  describe,
  typeName,
  hasDefaults,
  type JsonSchema,
} from '../src/schema/index.js';
import { fixtureDocs } from './schema-fixtures.js';
import { rng } from './rng.js';

const replacements: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  'x',
  '8080',
  true,
  [],
  [null],
  {},
  { replica: 1 },
  'a'.repeat(10_000),
  Number.MAX_SAFE_INTEGER,
];

// Mutations share replacement objects, so values can become cyclic, as YAML aliases can make them.
function paths(value: unknown, prefix: string[] = [], seen = new Set<object>()): string[][] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [prefix];
  seen.add(value);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k], seen))];
}

function mutate(doc: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const copy = structuredClone(doc);
  const all = paths(copy).filter((p) => p.length > 0);
  for (let n = 0; n < 3; n++) {
    const p = all[Math.floor(random() * all.length)]!;
    let parent = copy as Record<string, unknown>;
    for (const seg of p.slice(0, -1)) {
      const next = parent[seg];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string, unknown>;
    }
    parent[p[p.length - 1]!] = replacements[Math.floor(random() * replacements.length)];
  }
  return copy;
}

test('robustness: 3,000 mutated documents never make validate, prune or navigation throw', () => {
  const store = new SchemaStore();
  const docs = fixtureDocs('valid.yaml').map((d) => d.value);
  const random = rng(42);
  let issues = 0;
  for (let i = 0; i < 3000; i++) {
    const doc = mutate(docs[i % docs.length]!, random);
    const found = store.schemaFor('agent.flokoa.ai', 'v1alpha1', String(docs[i % docs.length]!.kind));
    assert.ok(found?.served);
    const result = validate(doc, found.schema);
    assert.ok(Array.isArray(result));
    for (const issue of result) assert.ok(issue.pointer === '' || issue.pointer.startsWith('/'), issue.pointer);
    issues += result.length;
    prune(doc, found.schema);
    for (const p of paths(doc).slice(0, 20)) {
      const s: JsonSchema | undefined = subschemaAt(found.schema, p.length ? '/' + p.join('/') : '');
      if (s) {
        propertiesOf(s);
        describe(s, p[p.length - 1]);
      }
    }
  }
  assert.ok(issues > 3000, `mutations were found: ${issues} issues`);
});

test('robustness: non-object documents and hostile values', () => {
  const store = new SchemaStore();
  const found = store.schemaFor('agent.flokoa.ai', 'v1alpha1', 'Agent', apiById('2026-01'));
  assert.ok(found?.served);
  for (const value of [null, 'text', 42, [], [[[]]]]) {
    const issues = validate(value, found.schema);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.pointer, '');
  }
  const proto = JSON.parse(
    '{"apiVersion":"agent.flokoa.ai/v1alpha1","kind":"Agent","metadata":{"name":"a"},"spec":{"runtime":{},"__proto__":{"x":1},"constructor":1}}',
  );
  assert.deepEqual(
    validate(proto, found.schema)
      .map((i) => i.pointer)
      .sort(),
    ['/spec/__proto__', '/spec/constructor'],
  );
  assert.equal(Object.prototype.hasOwnProperty.call(prune(proto, found.schema).spec, '__proto__'), false);
});

test('robustness: a cyclic CRD schema and a cyclic document (YAML aliases) terminate', () => {
  const node: JsonSchema = { type: 'object', properties: {}, default: undefined };
  node.properties!.child = node;
  node.items = node;
  const listSchema: JsonSchema = { type: 'array' };
  listSchema.items = listSchema;
  const value: Record<string, unknown> = { extra: 1 };
  value.child = value;
  const issues = validate(value, node);
  assert.ok(issues.length > 0 && issues.length < 200, `${issues.length} issues`);
  assert.equal(issues[0]!.code, 'unknown-field');
  assert.ok(prune(value, node));
  const list: unknown[] = [];
  list.push(list);
  assert.deepEqual(validate(list, listSchema), []);
  assert.equal(typeName(listSchema), 'array of array of array of array of array of any');
  assert.ok(describe(node, 'child').markdown);
  assert.equal(hasDefaults(node), false);
  const selfish: JsonSchema = { type: 'object' };
  selfish.oneOf = [selfish, { required: ['a'] }];
  selfish.not = selfish;
  assert.ok(Array.isArray(validate({ a: 1 }, selfish)));
});
