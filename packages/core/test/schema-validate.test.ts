import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validate,
  rejects,
  prune,
  applyDefaults,
  hasDefaults,
  editDistance,
  closestNames,
  isCatastrophic,
  type JsonSchema,
} from '../src/schema/index.js';

const obj = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, ...extra });

/** [name, schema, value, expected issues as "code pointer" (sorted), optional message fragment]. */
const cases: [string, JsonSchema, unknown, string[], string?][] = [
  // type
  ['integer accepts 3', { type: 'integer' }, 3, []],
  ['integer rejects 1.5', { type: 'integer' }, 1.5, ['type '], 'expected integer, got number'],
  ['integer rejects "3" and says unquote', { type: 'integer' }, '3', ['type '], 'remove the quotes'],
  ['number accepts 1.5', { type: 'number' }, 1.5, []],
  ['string rejects number and says quote', { type: 'string' }, 0.7, ['type '], 'quote it: "0.7"'],
  ['boolean rejects "true"', { type: 'boolean' }, 'true', ['type '], 'remove the quotes'],
  ['object rejects array', { type: 'object' }, [], ['type '], 'expected object, got array'],
  ['array rejects object', { type: 'array' }, {}, ['type '], 'expected array'],
  // int-or-string
  ['int-or-string accepts 8080', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, 8080, []],
  ['int-or-string accepts "http"', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, 'http', []],
  [
    'int-or-string rejects 80.5 once',
    { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
    80.5,
    ['type '],
    'integer or a string',
  ],
  ['int-or-string rejects true', { 'x-kubernetes-int-or-string': true }, true, ['type ']],
  // nullable
  ['nullable field accepts null', obj({ a: { type: 'string', nullable: true } }), { a: null }, []],
  ['non-nullable optional null is dropped', obj({ a: { type: 'string' } }), { a: null }, ['nullable /a'], 'drops it'],
  ['non-nullable required null is missing', obj({ a: { type: 'string' } }, { required: ['a'] }), { a: null }, ['required ']],
  ['null map value is dropped', { type: 'object', additionalProperties: { type: 'string' } }, { a: null }, ['nullable /a'], 'drops it'],
  ['null with a default is defaulted', obj({ a: { type: 'integer', default: 1 } }), { a: null }, ['nullable /a'], 'uses the default 1'],
  ['null array item is a type error', { type: 'array', items: { type: 'string' } }, [null], ['type /0'], 'null is not allowed'],
  // required
  ['required missing', obj({ a: { type: 'string' } }, { required: ['a'] }), {}, ['required '], 'missing required field "a"'],
  ['required present', obj({ a: { type: 'string' } }, { required: ['a'] }), { a: 'x' }, []],
  // enum
  ['enum hit', { type: 'string', enum: ['standard', 'template'] }, 'template', []],
  ['enum miss with suggestion', { type: 'string', enum: ['standard', 'template'] }, 'standart', ['enum '], 'did you mean "standard"?'],
  [
    'enum miss without suggestion',
    { type: 'string', enum: ['standard', 'template'] },
    'xyz',
    ['enum '],
    'is not one of: standard, template',
  ],
  // pattern
  ['pattern hit', { type: 'string', pattern: '^[0-9]+$' }, '123', []],
  ['pattern miss', { type: 'string', pattern: '^[0-9]+$' }, '12a', ['pattern '], 'does not match the pattern ^[0-9]+$'],
  ['RE2 leading (?i) flag is honoured', { type: 'string', pattern: '(?i)^abc$' }, 'ABC', []],
  ['RE2 leading (?i) flag still rejects', { type: 'string', pattern: '(?i)^abc$' }, 'abd', ['pattern ']],
  ['invalid pattern is skipped', { type: 'string', pattern: '([' }, 'x', []],
  ['catastrophic pattern is skipped', { type: 'string', pattern: '^(a+)+$' }, 'a'.repeat(40) + 'b', []],
  ['over-long input is not matched', { type: 'string', pattern: '^x$' }, 'y'.repeat(5000), []],
  // numeric ranges
  ['minimum inclusive ok', { type: 'integer', minimum: 0 }, 0, []],
  ['minimum inclusive miss', { type: 'integer', minimum: 0 }, -1, ['range '], 'greater than or equal to 0'],
  ['exclusive minimum miss', { type: 'number', minimum: 0, exclusiveMinimum: true }, 0, ['range '], 'greater than 0'],
  ['maximum miss', { type: 'integer', minimum: 1, maximum: 300 }, 301, ['range '], 'allowed: 1 to 300'],
  ['exclusive maximum miss', { type: 'number', maximum: 1, exclusiveMaximum: true }, 1, ['range '], 'less than 1'],
  // string length (runes, not UTF-16 units)
  ['minLength 1 empty', { type: 'string', minLength: 1 }, '', ['length '], 'must not be empty'],
  ['maxLength counts code points', { type: 'string', maxLength: 2 }, '😀😀', []],
  ['maxLength miss', { type: 'string', maxLength: 2 }, 'abc', ['length '], 'at most 2'],
  // arrays
  ['minItems miss', { type: 'array', minItems: 1, items: { type: 'string' } }, [], ['items '], 'at least 1 item'],
  ['maxItems miss', { type: 'array', maxItems: 1 }, [1, 2], ['items '], 'at most 1'],
  ['items are validated', { type: 'array', items: { type: 'integer' } }, [1, 'x'], ['type /1']],
  ['list-type set duplicates', { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } }, ['a', 'a'], ['unique /1']],
  [
    'list-type map duplicate keys',
    {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: obj({ name: { type: 'string' }, v: { type: 'string' } }),
    },
    [
      { name: 'a', v: '1' },
      { name: 'a', v: '2' },
    ],
    ['unique /1'],
    'already at index 0',
  ],
  // objects
  [
    'maxProperties miss',
    { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1 },
    { a: 'x', b: 'y' },
    ['properties '],
  ],
  ['map values validated', { type: 'object', additionalProperties: { type: 'string' } }, { a: 1 }, ['type /a']],
  ['additionalProperties true keeps anything', { type: 'object', additionalProperties: true }, { a: 1 }, []],
  // unknown fields
  [
    'unknown field is pruned',
    obj({ replicas: { type: 'integer' } }),
    { replica: 3 },
    ['unknown-field /replica'],
    'unknown field "replica" (the API server drops it); did you mean "replicas"?',
  ],
  [
    'unknown field lists known fields',
    obj({ type: { type: 'string' }, standard: { type: 'object' } }),
    { spec: {} },
    ['unknown-field /spec'],
    'known fields here: standard, type',
  ],
  ['object without properties prunes all', { type: 'object' }, { a: 1 }, ['unknown-field /a'], 'takes no other fields'],
  ['preserve-unknown-fields keeps them', obj({ a: { type: 'string' } }, { 'x-kubernetes-preserve-unknown-fields': true }), { b: 1 }, []],
  ['additionalProperties false reports', obj({ a: { type: 'string' } }, { additionalProperties: false }), { b: 1 }, ['unknown-field /b']],
  [
    'embedded resource allows apiVersion/kind/metadata',
    obj({ spec: { type: 'object' } }, { 'x-kubernetes-embedded-resource': true }),
    { apiVersion: 'v1', kind: 'X', metadata: {}, other: 1 },
    ['unknown-field /other'],
  ],
  ['pointer escapes / and ~', obj({}), { 'a/b~c': 1 }, ['unknown-field /a~1b~0c']],
  // combinators
  [
    'oneOf exactly one: none set',
    obj({ a: { type: 'object' }, b: { type: 'object' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
    {},
    ['one-of '],
    'set exactly one of a, b',
  ],
  [
    'oneOf exactly one: two set',
    obj({ a: { type: 'object' }, b: { type: 'object' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
    { a: {}, b: {} },
    ['one-of '],
    '(found a and b)',
  ],
  [
    'oneOf exactly one: one set',
    obj({ a: { type: 'object' }, b: { type: 'object' } }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] }),
    { b: {} },
    [],
  ],
  ['oneOf generic', { oneOf: [{ minimum: 0 }, { maximum: 10 }] }, 5, ['one-of '], 'matched 2'],
  [
    'anyOf at least one',
    obj({ a: { type: 'string' }, b: { type: 'string' } }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] }),
    {},
    ['any-of '],
    'set at least one of a, b',
  ],
  ['anyOf satisfied', { anyOf: [{ maxLength: 1 }, { pattern: '^x+$' }] }, 'xxx', []],
  ['allOf applies every branch', { type: 'string', allOf: [{ minLength: 2 }, { pattern: '^a' }] }, 'b', ['length ', 'pattern ']],
  ['not forbids a field', obj({ a: { type: 'string' } }, { not: { required: ['a'] } }), { a: 'x' }, ['not '], '"a" must not be set here'],
  [
    'branches do not prune',
    obj({ a: { type: 'string' } }, { allOf: [{ properties: { a: { maxLength: 1 } } }] }),
    { a: 'xy' },
    ['length /a'],
  ],
];

for (const [name, schema, value, expected, fragment] of cases) {
  test(`validate: ${name}`, () => {
    const issues = validate(value, schema);
    assert.deepEqual(issues.map((i) => `${i.code} ${i.pointer}`).sort(), [...expected].sort(), JSON.stringify(issues));
    if (fragment)
      assert.ok(
        issues.some((i) => i.message.includes(fragment)),
        `no message contains ${JSON.stringify(fragment)}: ${JSON.stringify(issues)}`,
      );
  });
}

test('validate: unknown fields and missing required fields highlight the key, with a suggestion', () => {
  const schema = obj({ spec: obj({ replicas: { type: 'integer' } }, { required: ['replicas'] }) });
  const issues = validate({ spec: { replica: 1 } }, schema);
  const unknown = issues.find((i) => i.code === 'unknown-field')!;
  assert.equal(unknown.onKey, true);
  assert.equal(unknown.suggestion, 'replicas');
  const missing = issues.find((i) => i.code === 'required')!;
  assert.equal(missing.pointer, '/spec');
  assert.equal(missing.onKey, true);
});

test('validate: value errors highlight the value; root issues never claim a key', () => {
  const issues = validate({ a: 'x' }, obj({ a: { type: 'integer' } }, { required: ['b'] }));
  assert.equal(issues.find((i) => i.code === 'type')!.onKey, undefined);
  assert.equal(issues.find((i) => i.code === 'required')!.onKey, false);
});

test('validate: maxIssues bounds the output of a hostile document', () => {
  const value = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]));
  assert.equal(validate(value, { type: 'object' }).length, 500);
  assert.equal(validate(value, { type: 'object' }, { maxIssues: 3 }).length, 3);
});

test('validate: a catastrophic pattern does not stall (guarded, not timed)', () => {
  assert.equal(isCatastrophic('^(a+)+$'), true);
  assert.equal(isCatastrophic('^(a|aa)+$'), true);
  assert.equal(isCatastrophic('^([a-z0-9]+-)*[a-z0-9]+$'), false);
  assert.equal(isCatastrophic('^[0-9]+(\\.[0-9]+)?$'), false);
});

test('did-you-mean: Damerau distance and thresholds', () => {
  const table: [string, string, number][] = [
    ['replica', 'replicas', 1],
    ['tempreature', 'temperature', 1],
    ['nmae', 'name', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ];
  for (const [a, b, d] of table) assert.equal(editDistance(a, b), d, `${a} → ${b}`);
  assert.deepEqual(closestNames('replica', ['replicas', 'container', 'affinity']), ['replicas']);
  assert.deepEqual(closestNames('Replicas', ['replicas']), ['replicas']);
  assert.deepEqual(closestNames('pydantic', ['pydantic-ai', 'langchain']), ['pydantic-ai']);
  assert.deepEqual(closestNames('xyz', ['replicas', 'container']), []);
  assert.deepEqual(closestNames('img', ['image']), [], 'two edits on a three-letter word is not a typo');
});

test('prune: returns what the API server stores', () => {
  const schema = obj({
    spec: obj({
      replicas: { type: 'integer', default: 1 },
      name: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      list: { type: 'array', items: obj({ a: { type: 'string' } }) },
      embedded: obj({ spec: { type: 'object' } }, { 'x-kubernetes-embedded-resource': true }),
      nothing: { type: 'string' },
      maybe: { type: 'string', nullable: true },
    }),
  });
  const input = {
    spec: {
      replica: 3,
      name: 'x',
      labels: { a: 'b', gone: null },
      extra: { anything: { deep: 1 } },
      list: [{ a: 'x', b: 'gone' }],
      embedded: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
      nothing: null,
      maybe: null,
    },
    stray: true,
  };
  const before = JSON.stringify(input);
  assert.deepEqual(prune(input, schema), {
    spec: {
      replicas: 1,
      name: 'x',
      labels: { a: 'b' },
      extra: { anything: { deep: 1 } },
      list: [{ a: 'x' }],
      embedded: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      maybe: null,
    },
  });
  assert.equal(JSON.stringify(input), before, 'input is not mutated');
});

test('applyDefaults: fills missing and null-non-nullable fields whose parent exists', () => {
  const schema = obj({ spec: obj({ replicas: { type: 'integer', default: 1 }, inner: obj({ x: { type: 'string', default: 'd' } }) }) });
  assert.deepEqual(applyDefaults({ spec: {} }, schema), { spec: { replicas: 1 } });
  assert.deepEqual(applyDefaults({ spec: { replicas: null, inner: {} } }, schema), { spec: { replicas: 1, inner: { x: 'd' } } });
  assert.deepEqual(applyDefaults({ spec: { replicas: 5 } }, schema), { spec: { replicas: 5 } });
  assert.deepEqual(applyDefaults({}, schema), {}, 'no parent, no default');
  assert.equal(hasDefaults(schema), true);
  assert.equal(hasDefaults(obj({ a: { type: 'string' } })), false);
});

test('rejects: 422 for invalid values, silent drop for unknown fields and non-nullable nulls', () => {
  const schema = obj({ a: { type: 'integer' }, b: { type: 'string' } }, { required: ['a'] });
  const issues = validate({ a: 'x', b: null, c: 1 }, schema);
  assert.deepEqual(issues.map((i) => [i.code, rejects(i)]).sort(), [
    ['nullable', false],
    ['type', true],
    ['unknown-field', false],
  ]);
});
