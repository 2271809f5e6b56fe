import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaStore, validate, BUILTIN_KINDS, subschemaAt, type JsonSchema } from '../src/schema/index.js';
import { fixtureDocs } from './schema-fixtures.js';

const store = new SchemaStore();

function schemaOf(doc: Record<string, unknown>): JsonSchema {
  const [group, version] = String(doc.apiVersion).split('/');
  const found = store.schemaFor(group!, version!, String(doc.kind));
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

test('builtin: every Flokoa property has a one-line description (hover and completion docs)', () => {
  let count = 0;
  for (const k of BUILTIN_KINDS) {
    for (const [pointer, s] of walk(k.schema, '')) {
      // Kubernetes shapes keep their upstream, often multi-line, docs; ours are one line.
      if (
        /\/(container|affinity|tolerations|securityContext|volumes|imagePullSecrets|metadata|conditions)(\/|$)/.test(pointer) &&
        !/\/(container|affinity|tolerations|securityContext|volumes|imagePullSecrets|metadata|conditions)$/.test(pointer)
      )
        continue;
      count++;
      assert.ok(s.description && s.description.trim().length > 0, `${k.kind}${pointer} has no description`);
      assert.ok(!s.description.includes('\n'), `${k.kind}${pointer}: description is not one line`);
    }
  }
  assert.ok(count > 60, `walked ${count} properties`);
});

test('builtin: facts of the API (issue 2) are in the schemas', () => {
  const at = (kind: string, p: string) => subschemaAt(BUILTIN_KINDS.find((k) => k.kind === kind)!.schema, p)!;
  assert.equal(at('Model', '/spec/parameters/temperature').type, 'string');
  assert.deepEqual(at('Model', '/spec').required, ['model', 'providerRef']);
  assert.equal(at('Model', '/spec/parameters/maxTokens').minimum, 1);
  assert.deepEqual(at('AgentTool', '/spec/type').enum, ['openapi']);
  assert.equal(at('AgentTool', '/spec/openApi/timeoutSeconds').maximum, 300);
  assert.deepEqual(at('Agent', '/spec/framework').enum, ['pydantic-ai', 'langchain', 'crewai', 'autogen', 'a2a']);
  assert.deepEqual(at('Agent', '/spec/runtime/type').enum, ['standard', 'template']);
  assert.equal(at('Agent', '/spec/runtime/spec/replicas').minimum, 0);
  assert.deepEqual(at('Agent', '/spec/runtime/spec/container').required, ['name']);
  assert.equal(at('Agent', '/spec/runtime/spec/container/livenessProbe/httpGet/port')['x-kubernetes-int-or-string'], true);
  assert.deepEqual(Object.keys(at('ModelProvider', '/spec/tls').properties!), ['insecureSkipVerify', 'caSecretRef', 'useSystemCAs']);
  assert.deepEqual(Object.keys(at('ModelProvider', '/spec/google').properties!), ['project', 'location', 'serviceAccountKeySecretRef']);
  for (const k of BUILTIN_KINDS) {
    assert.deepEqual(at(k.kind, '/metadata').required, ['name'], `${k.kind} metadata.name`);
    for (const f of ['phase', 'observedGeneration', 'conditions']) assert.ok(at(k.kind, `/status/${f}`), `${k.kind} status.${f}`);
  }
  for (const f of ['replicas', 'availableReplicas', 'url']) assert.ok(at('Agent', `/status/${f}`), `Agent status.${f}`);
});
