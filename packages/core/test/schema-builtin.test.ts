import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaStore, validate, subschemaAt, type JsonSchema } from '../src/schema/index.js';
import { API_GENERATIONS, apiById } from '../src/api/index.js';

/** The documented (January 2026) generation, the shape these tests were written for. */
const BUILTIN_KINDS = apiById('2026-01')!.kinds;
import { fixtureDocs } from './schema-fixtures.js';

const store = new SchemaStore();

function schemaOf(doc: Record<string, unknown>): JsonSchema {
  const [group, version] = String(doc.apiVersion).split('/');
  const found = store.schemaFor(group!, version!, String(doc.kind), apiById('2026-01'));
  assert.ok(found?.served && found.schema, `no served schema for ${doc.apiVersion} ${doc.kind}`);
  return found.schema;
}

for (const [i, doc] of fixtureDocs('valid.yaml').entries()) {
  test(`builtin: documented example ${i} (${doc.value.kind} ${(doc.value.metadata as { name: string }).name}) is valid`, () => {
    assert.deepEqual(validate(doc.value, schemaOf(doc.value)), []);
  });
}

for (const doc of fixtureDocs('invalid.yaml')) {
  const name = (doc.value.metadata as Record<string, string>).name ?? (doc.value.metadata as Record<string, string>).nmae;
  test(`builtin: broken ${doc.value.kind} ${name} reports exactly ${doc.expect.join(', ')}`, () => {
    assert.ok(doc.expect.length > 0, 'fixture lists its expectations');
    const issues = validate(doc.value, schemaOf(doc.value));
    assert.deepEqual(issues.map((i) => `${i.code} ${i.pointer}`).sort(), [...doc.expect].sort(), JSON.stringify(issues, null, 1));
  });
}

test('builtin: the exactly-one messages name the fields', () => {
  const [, , , twoProviders, noBlock, badTool] = fixtureDocs('invalid.yaml');
  const msg = (d: typeof twoProviders) =>
    validate(d!.value, schemaOf(d!.value))
      .filter((i) => i.code === 'one-of')
      .map((i) => i.message);
  assert.deepEqual(msg(twoProviders), ['set exactly one of openai, anthropic, google, bedrock (found openai and anthropic)']);
  assert.deepEqual(msg(noBlock), ['set exactly one of openai, anthropic, google, bedrock']);
  assert.deepEqual(
    msg(badTool).sort(),
    [
      'set exactly one of url, serviceRef (found url and serviceRef)',
      'set exactly one of value, valueFrom, endpointPath (found value and endpointPath)',
    ].sort(),
  );
});

test('builtin: replica → replicas and nmae → name are suggested', () => {
  const [typo, , , , , , , meta] = fixtureDocs('invalid.yaml');
  const sugg = (d: typeof typo) =>
    validate(d!.value, schemaOf(d!.value))
      .filter((i) => i.code === 'unknown-field')
      .map((i) => [i.message, i.suggestion]);
  assert.deepEqual(sugg(typo), [['unknown field "replica" (the API server drops it); did you mean "replicas"?', 'replicas']]);
  assert.deepEqual(sugg(meta), [['unknown field "nmae" (the API server drops it); did you mean "name"?', 'name']]);
});

/** Every property of every built-in schema, with its pointer. */
function* walk(schema: JsonSchema, pointer: string): Generator<[string, JsonSchema]> {
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    yield [`${pointer}/${k}`, v];
    yield* walk(v, `${pointer}/${k}`);
  }
  if (schema.items) yield* walk(schema.items, `${pointer}/*`);
  if (typeof schema.additionalProperties === 'object') yield* walk(schema.additionalProperties, `${pointer}/*`);
}

test('builtin: every Flokoa property of every generation has a one-line description (hover and completion docs)', () => {
  let count = 0;
  // Kubernetes shapes keep their upstream, often multi-line, docs; ours are one line.
  const K8S = /\/(container|affinity|tolerations|securityContext|volumes|imagePullSecrets|metadata|conditions|env|resources)\//;
  for (const api of API_GENERATIONS) {
    for (const k of api.kinds) {
      for (const [pointer, s] of walk(k.schema, '')) {
        if (K8S.test(pointer)) continue;
        count++;
        assert.ok(s.description && s.description.trim().length > 0, `${api.id} ${k.kind}${pointer} has no description`);
        if (!/\/(container|affinity|tolerations|securityContext|volumes|imagePullSecrets|conditions|env|resources)$/.test(pointer))
          assert.ok(!s.description.includes('\n'), `${api.id} ${k.kind}${pointer}: description is not one line`);
      }
    }
  }
  assert.ok(count > 600, `walked ${count} properties`);
});

test('builtin: facts of the January 2026 API (the documented one) are in its schemas', () => {
  const at = (kind: string, p: string) => subschemaAt(BUILTIN_KINDS.find((k) => k.kind === kind)!.schema, p)!;
  assert.equal(at('Model', '/spec/parameters/temperature').type, 'string');
  assert.deepEqual(at('Model', '/spec').required, ['model', 'providerRef']);
  assert.equal(at('Model', '/spec/parameters/maxTokens').minimum, 1);
  assert.deepEqual(at('AgentTool', '/spec/type').enum, ['openapi']);
  assert.equal(at('AgentTool', '/spec/openApi/timeoutSeconds').maximum, 300);
  assert.deepEqual(at('Agent', '/spec/framework').enum, ['pydantic-ai', 'langchain', 'crewai', 'autogen', 'a2a']);
  assert.deepEqual(at('Agent', '/spec/runtime/type').enum, ['standard', 'template']);
  // The docs' runtime.spec mirrors the CRD's runtime.standard; spec.card is optional as documented.
  assert.equal(at('Agent', '/spec/runtime/spec/replicas').minimum, 0);
  assert.equal(at('Agent', '/spec/runtime/standard/replicas').default, 1);
  assert.deepEqual(at('Agent', '/spec/runtime/spec/container').required, ['name']);
  assert.equal(at('Agent', '/spec/runtime/spec/container/livenessProbe/httpGet/port')['x-kubernetes-int-or-string'], true);
  assert.deepEqual(at('Agent', '/spec').required, ['runtime']);
  assert.deepEqual(at('ModelProvider', '/spec/tls/caSecretRef').required, ['key']);
  assert.equal(at('ModelProvider', '/spec/tls/useSystemCAs').default, true);
  assert.deepEqual(Object.keys(at('ModelProvider', '/spec/google').properties!).sort(), [
    'location',
    'project',
    'serviceAccountKeySecretRef',
  ]);
  for (const k of BUILTIN_KINDS) {
    assert.deepEqual(
      store.schemaFor(k.group, k.version, k.kind, apiById('2026-01'))?.schema?.properties?.metadata?.required,
      ['name'],
      k.kind,
    );
    for (const f of ['observedGeneration', 'conditions']) assert.ok(at(k.kind, `/status/${f}`), `${k.kind} status.${f}`);
  }
  for (const f of ['replicas', 'availableReplicas', 'url', 'phase']) assert.ok(at('Agent', `/status/${f}`), `Agent status.${f}`);
});

test('builtin: facts of the June 2026 API are in its schemas', () => {
  const june = apiById('2026-06')!;
  const at = (kind: string, p: string) => subschemaAt(june.kinds.find((k) => k.kind === kind)!.schema, p)!;
  assert.deepEqual(june.kinds.map((k) => k.kind).sort(), [
    'Agent',
    'AgentTool',
    'AgentTrigger',
    'AgentWorkflow',
    'Capability',
    'Instruction',
    'Model',
    'ModelProvider',
  ]);
  assert.deepEqual(at('Agent', '/spec').required, ['card']);
  assert.deepEqual(at('Agent', '/spec/modelRef').required, ['name']);
  assert.equal(at('Agent', '/spec/instructionRefs').type, 'array');
  assert.deepEqual(at('Agent', '/spec/secretRefs/GITHUB').required, ['key']);
  assert.deepEqual(at('Agent', '/spec/runtime/isolation').enum, ['shared', 'session']);
  assert.equal(at('Agent', '/spec/runtime/replicas').default, 1);
  assert.deepEqual(at('Agent', '/spec/card/defaultInputModes').default, ['application/json']);
  assert.deepEqual(at('AgentTool', '/spec/type').enum, ['mcp', 'openapi']);
  assert.deepEqual(at('AgentTool', '/spec/transport').enum, ['streamableHTTP', 'sse']);
  assert.equal(at('Model', '/spec/settings/maxTokens').minimum, 1);
  assert.equal(at('Model', '/spec/parameters'), undefined);
  assert.deepEqual(june.kinds.find((k) => k.kind === 'Capability')!.shortNames, ['cap']);
});
