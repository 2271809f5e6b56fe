import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAndPrune } from '../../src/crd-validation.js';

const SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['model'],
      properties: {
        model: { type: 'string', minLength: 1 },
        replicas: { type: 'integer', minimum: 0, maximum: 10 },
        framework: { type: 'string', enum: ['a', 'b'] },
        temperature: { type: 'string', pattern: '^[0-2](\\.[0-9]+)?$' },
        port: { 'x-kubernetes-int-or-string': true },
        container: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        list: { type: 'array', minItems: 1, items: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    },
  },
};

test("invalid values are reported with the API server's field paths and messages", () => {
  const cases: [Record<string, unknown>, [string, string, string][]][] = [
    [{ model: 'm' }, []],
    [{}, [['spec.model', 'FieldValueRequired', 'Required value']]],
    [{ model: '' }, [['spec.model', 'FieldValueInvalid', 'Invalid value: "": spec.model in body should be at least 1 chars long']]],
    [
      { model: 'm', replicas: 'two' },
      [['spec.replicas', 'FieldValueTypeInvalid', 'Invalid value: "string": spec.replicas in body must be of type integer: "string"']],
    ],
    [
      { model: 'm', replicas: 11 },
      [['spec.replicas', 'FieldValueInvalid', 'Invalid value: 11: spec.replicas in body should be less than or equal to 10']],
    ],
    [
      { model: 'm', replicas: -1 },
      [['spec.replicas', 'FieldValueInvalid', 'Invalid value: -1: spec.replicas in body should be greater than or equal to 0']],
    ],
    [{ model: 'm', framework: 'c' }, [['spec.framework', 'FieldValueNotSupported', 'Unsupported value: "c": supported values: "a", "b"']]],
    [
      { model: 'm', temperature: '3.5' },
      [['spec.temperature', 'FieldValueInvalid', 'Invalid value: "3.5": spec.temperature in body should match \'^[0-2](\\.[0-9]+)?$\'']],
    ],
    [{ model: 'm', port: 8080 }, []],
    [{ model: 'm', port: 'http' }, []],
    [
      { model: 'm', port: true },
      [['spec.port', 'FieldValueTypeInvalid', 'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']],
    ],
    [{ model: 'm', list: [] }, [['spec.list', 'FieldValueInvalid', 'Invalid value: 0: spec.list in body should have at least 1 items']]],
    [
      { model: 'm', list: [{ name: 3 }] },
      [
        [
          'spec.list[0].name',
          'FieldValueTypeInvalid',
          'Invalid value: "integer": spec.list[0].name in body must be of type string: "integer"',
        ],
      ],
    ],
  ];
  for (const [spec, want] of cases) {
    const r = validateAndPrune(SCHEMA, { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'n' }, spec });
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.reason, e.detail]),
      want,
      JSON.stringify(spec),
    );
  }
});

test('unknown fields are pruned, except metadata, preserved objects and maps', () => {
  const obj = {
    apiVersion: 'x/v1',
    kind: 'X',
    metadata: { name: 'n', labels: { a: 'b' }, whatever: 1 },
    spec: { model: 'm', colour: 'red', container: { anything: 1 }, labels: { free: 'x' }, list: [{ name: 'a', extra: 1 }] },
    extra: true,
  };
  const r = validateAndPrune(SCHEMA, obj);
  assert.deepEqual(r.unknown.sort(), ['extra', 'spec.colour', 'spec.list[0].extra']);
  assert.deepEqual(obj.spec, { model: 'm', container: { anything: 1 }, labels: { free: 'x' }, list: [{ name: 'a' }] });
  assert.deepEqual(obj.metadata, { name: 'n', labels: { a: 'b' }, whatever: 1 });
});
