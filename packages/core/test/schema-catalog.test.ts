import { test } from 'node:test';
import { apiById } from '../src/api/index.js';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { jsonSchemaFiles } from '../src/schema/index.js';
import { fixtureDocs } from './schema-fixtures.js';

const files = jsonSchemaFiles(apiById('2026-01')!.kinds);

test('jsonSchemaFiles: the public CRD catalog layout', () => {
  assert.deepEqual(Object.keys(files).sort(), [
    'agent.flokoa.ai/agent_v1alpha1.json',
    'agent.flokoa.ai/agenttool_v1alpha1.json',
    'agent.flokoa.ai/agenttrigger_v1alpha1.json',
    'agent.flokoa.ai/agentworkflow_v1alpha1.json',
    'agent.flokoa.ai/instruction_v1alpha1.json',
    'agent.flokoa.ai/model_v1alpha1.json',
    'agent.flokoa.ai/modelprovider_v1alpha1.json',
  ]);
  const agent = files['agent.flokoa.ai/agent_v1alpha1.json']! as {
    $schema: string;
    properties: Record<string, { const?: string }>;
    required: string[];
    additionalProperties: boolean;
  };
  assert.equal(agent.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(agent.properties.apiVersion!.const, 'agent.flokoa.ai/v1alpha1');
  assert.equal(agent.properties.kind!.const, 'Agent');
  assert.deepEqual(agent.required, ['apiVersion', 'kind', 'metadata']);
  assert.equal(agent.additionalProperties, false);
});

function* objects(s: Record<string, unknown>, path: string): Generator<[string, Record<string, unknown>]> {
  if (s.properties) yield [path, s];
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) yield* objects(v, `${path}.${k}`);
  if (s.items) yield* objects(s.items as Record<string, unknown>, `${path}[]`);
  if (typeof s.additionalProperties === 'object') yield* objects(s.additionalProperties as Record<string, unknown>, `${path}{}`);
}

test('jsonSchemaFiles: strict: additionalProperties false wherever the API server prunes', () => {
  for (const [name, schema] of Object.entries(files)) {
    for (const [path, o] of objects(schema, name)) {
      const preserved = path.endsWith('.extraBody') || path.includes('.fieldsV1');
      assert.equal(o.additionalProperties, preserved ? undefined : false, `${path}`);
    }
    assert.ok(!JSON.stringify(schema).includes('x-kubernetes-'), `${name} carries no Kubernetes extensions`);
  }
});

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = Object.fromEntries(
  Object.values(files).map((s) => [(s.properties as { kind: { const: string } }).kind.const, ajv.compile(s)]),
);

for (const file of ['valid.yaml', 'invalid.yaml']) {
  for (const { value, expect } of fixtureDocs(file)) {
    const name = `${value.kind} ${JSON.stringify(value.metadata)}`;
    test(`jsonSchemaFiles: a standard draft-07 validator ${file === 'valid.yaml' ? 'accepts' : 'rejects'} ${name}`, () => {
      const validateDoc = validators[String(value.kind)]!;
      const ok = validateDoc(value);
      if (file === 'valid.yaml') assert.equal(ok, true, JSON.stringify(validateDoc.errors));
      else {
        assert.equal(ok, false);
        // Every place our validator reports is also reported by the strict JSON Schema.
        const paths = new Set(
          (validateDoc.errors ?? []).map((e) =>
            e.keyword === 'additionalProperties'
              ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`
              : e.instancePath,
          ),
        );
        for (const exp of expect) {
          const pointer = exp.split(' ')[1]!;
          assert.ok(paths.has(pointer), `${exp} not reported: ${[...paths].join(', ')}`);
        }
      }
    });
  }
}
