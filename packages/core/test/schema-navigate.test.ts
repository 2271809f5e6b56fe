import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subschemaAt, propertiesOf, describe, snippetFor, typeName, resourceRootSchema, type JsonSchema } from '../src/schema/index.js';
import { apiById } from '../src/api/index.js';

/** The documented (January 2026) generation, the shape these tests were written for. */
const BUILTIN_KINDS = apiById('2026-01')!.kinds;

const agent = resourceRootSchema(BUILTIN_KINDS.find((k) => k.kind === 'Agent')!.schema);
const provider = BUILTIN_KINDS.find((k) => k.kind === 'ModelProvider')!.schema;

/** [pointer, expected type name, description fragment]. */
const paths: [string, string, string][] = [
  ['/spec/runtime/spec/replicas', 'integer', 'Number of agent pods'],
  ['/spec/tools/0/toolRef/name', 'string', 'Name of the AgentTool'],
  ['/spec/tools/-/toolRef', 'object', 'An AgentTool'],
  ['/spec/runtime/spec/container/ports/3/containerPort', 'integer', 'Number of port to expose'],
  ['/spec/runtime/spec/container/resources/limits/cpu', 'integer | string', 'quantity'],
  ['/spec/runtime/spec/nodeSelector/disktype', 'string', ''],
  [
    '/spec/runtime/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/labelSelector/matchLabels/flokoa.ai~1agent',
    'string',
    '',
  ],
  ['/spec/runtime/spec/container/env', 'array of object', 'environment variables'],
  ['/metadata/labels', 'map of string', 'Map of string keys and values'],
  ['', 'object', 'An AI agent'],
];
for (const [pointer, type, fragment] of paths) {
  test(`subschemaAt: ${pointer || '(root)'} is ${type}`, () => {
    const s = subschemaAt(agent, pointer);
    assert.ok(s, 'found');
    assert.equal(typeName(s), type);
    if (fragment) assert.ok(s.description?.toLowerCase().includes(fragment.toLowerCase()), s.description);
  });
}

test('subschemaAt: undefined where the schema says nothing', () => {
  assert.equal(subschemaAt(agent, '/spec/runtime/spec/replica'), undefined);
  assert.equal(subschemaAt(agent, '/spec/tools/x'), undefined, 'array index must be a number or -');
  assert.equal(subschemaAt(agent, '/spec/runtime/spec/replicas/deeper'), undefined);
});

test('subschemaAt: walks into allOf/anyOf/oneOf branches and embedded resources', () => {
  const s: JsonSchema = {
    type: 'object',
    allOf: [{ properties: { a: { type: 'string', description: 'from allOf' } } }],
    oneOf: [{ properties: { b: { type: 'integer' } } }],
    properties: { tpl: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } } },
  };
  assert.equal(subschemaAt(s, '/a')?.description, 'from allOf');
  assert.equal(subschemaAt(s, '/b')?.type, 'integer');
  assert.equal(subschemaAt(s, '/tpl/kind')?.type, 'string');
  assert.equal(subschemaAt(s, '/tpl/metadata')?.type, 'object');
});

test('propertiesOf: required first, with snippets for required children', () => {
  const spec = propertiesOf(subschemaAt(BUILTIN_KINDS.find((k) => k.kind === 'Model')!.schema, '/spec')!);
  assert.deepEqual(
    spec.map((p) => [p.name, p.required]),
    [
      ['model', true],
      ['providerRef', true],
      ['parameters', false],
    ],
  );
  assert.equal(spec.find((p) => p.name === 'providerRef')!.snippet, 'providerRef:\n  name: ${1}');
  const agentSpec = propertiesOf(subschemaAt(agent, '/spec')!);
  // Nothing in a tools[] entry is required by the CRD.
  assert.equal(agentSpec.find((p) => p.name === 'tools')!.snippet, 'tools:\n  - ${1}');
  assert.equal(agentSpec.find((p) => p.name === 'framework')!.snippet, 'framework: ${1|pydantic-ai,langchain,crewai,autogen,a2a|}');
  assert.equal(agentSpec.find((p) => p.name === 'runtime')!.snippet, 'runtime:\n  type: ${1|standard,template|}');
  const container = propertiesOf(subschemaAt(agent, '/spec/runtime/spec/container')!);
  assert.equal(container[0]!.name, 'name');
  assert.equal(container.find((p) => p.name === 'env')!.snippet, 'env:\n  - name: ${1}');
  assert.equal(container.find((p) => p.name === 'tty')!.snippet, 'tty: ${1|true,false|}');
  const keyRef = propertiesOf(subschemaAt(provider, '/spec')!).find((p) => p.name === 'apiKeySecretRef')!;
  // A SecretKeySelector requires only key (name defaults to "").
  assert.equal(keyRef.snippet, 'apiKeySecretRef:\n  key: ${1}');
});

test('snippetFor: maps, plain objects, scalars, escaping', () => {
  assert.equal(snippetFor('headers', { type: 'object', additionalProperties: { type: 'string' } }), 'headers:\n  ${1:key}: ${2}');
  assert.equal(snippetFor('openai', { type: 'object', properties: { baseURL: { type: 'string' } } }), 'openai:\n  ${1}');
  assert.equal(snippetFor('url', { type: 'string' }), 'url: ${1}');
  assert.equal(snippetFor('a$b', { type: 'string' }), 'a\\$b: ${1}');
});

test('describe: type line and markdown for hover', () => {
  const replicas = describe(subschemaAt(agent, '/spec/runtime/spec/replicas')!, 'replicas');
  assert.equal(replicas.typeLine, 'replicas: integer (≥ 0, default 1)');
  assert.match(replicas.markdown, /Number of agent pods/);
  const framework = describe(subschemaAt(agent, '/spec/framework')!, 'framework');
  assert.match(framework.markdown, /Allowed values: `pydantic-ai`, `langchain`, `crewai`, `autogen`, `a2a`/);
  const temp = describe(subschemaAt(BUILTIN_KINDS.find((k) => k.kind === 'Model')!.schema, '/spec/parameters/temperature')!, 'temperature');
  assert.equal(temp.typeLine, 'temperature: string');
  assert.match(temp.markdown, /Pattern: `/);
  const spec = describe(subschemaAt(provider, '/spec')!, 'spec', { required: true });
  assert.match(spec.typeLine, /^spec: object \(required\)$/);
  assert.match(spec.markdown, /Set exactly one of: `openai`, `anthropic`, `google`, `bedrock`/);
  const timeout = describe(subschemaAt(BUILTIN_KINDS.find((k) => k.kind === 'AgentTool')!.schema, '/spec/openApi/timeoutSeconds')!);
  assert.equal(timeout.typeLine, 'integer (1–300, default 30)');
  const port = describe(subschemaAt(agent, '/spec/runtime/spec/container/livenessProbe/httpGet/port')!, 'port');
  assert.equal(port.typeLine, 'port: integer | string');
});
