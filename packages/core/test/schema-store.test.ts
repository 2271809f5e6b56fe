import { test } from 'node:test';
import { apiById } from '../src/api/index.js';
import assert from 'node:assert/strict';
import { SchemaStore, validate, crdFromSchemas, readCrd } from '../src/schema/index.js';
import { operatorKinds } from '../src/api/build.js';
import { fixtureDocs } from './schema-fixtures.js';

const G = 'agent.flokoa.ai';
const JAN = apiById('2026-01')!;
const JUNE = apiById('2026-06')!;
const drift = fixtureDocs('crd-agent-drift.yaml').map((d) => d.value);
const cluster = fixtureDocs('crd-agent-cluster.yaml').map((d) => d.value);
const [docsAgent] = fixtureDocs('agent-drift.yaml').map((d) => d.value);

test('store: built-in schemas answer when no CRD is known', () => {
  const store = new SchemaStore();
  const r = store.schemaFor(G, 'v1alpha1', 'Agent');
  assert.equal(r?.source, 'builtin');
  assert.equal(r?.served, true);
  assert.deepEqual(store.servedVersions(G, 'Model'), ['v1alpha1']);
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Gadget'), undefined, 'unknown kind');
  assert.deepEqual(
    store.kinds(G).map((k) => k.kind),
    ['Agent', 'AgentTool', 'AgentTrigger', 'AgentWorkflow', 'Capability', 'Instruction', 'Model', 'ModelProvider'],
  );
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Capability', JAN), undefined, 'the January API has no Capability');
  assert.ok(store.schemaFor(G, 'v1alpha1', 'Agent', JAN)?.schema?.properties?.spec?.properties?.runtime?.properties?.type);
  assert.ok(store.schemaFor(G, 'v1alpha1', 'Agent', JUNE)?.schema?.properties?.spec?.properties?.modelRef);
});

/** [layers set, expected source of Agent v1alpha1, expected served versions]. */
const layering: [string, { workspace?: object[]; cluster?: object[] }, string, string[]][] = [
  ['builtin only', {}, 'builtin', ['v1alpha1']],
  ['cluster beats builtin', { cluster }, 'crd-cluster', ['v1alpha1', 'v1beta1']],
  ['workspace beats builtin', { workspace: drift }, 'crd-workspace', ['v1alpha1']],
  ['workspace beats cluster', { cluster, workspace: drift }, 'crd-workspace', ['v1alpha1']],
];
for (const [name, layers, source, served] of layering) {
  test(`store: layering: ${name}`, () => {
    const store = new SchemaStore();
    if (layers.cluster) store.setCrds('cluster', layers.cluster);
    if (layers.workspace) store.setCrds('workspace', layers.workspace);
    assert.equal(store.schemaFor(G, 'v1alpha1', 'Agent')?.source, source);
    assert.deepEqual(store.servedVersions(G, 'Agent'), served);
    // Kinds without a CRD keep their built-in schema.
    assert.equal(store.schemaFor(G, 'v1alpha1', 'Model')?.source, 'builtin');
  });
}

test('store: the drifted CRD (runtime.standard) flags the documented runtime.spec as dropped', () => {
  const store = new SchemaStore();
  const before = store.schemaFor(G, 'v1alpha1', 'Agent', JAN);
  assert.ok(before?.served);
  assert.deepEqual(validate(docsAgent, before.schema), [], 'valid against the docs');
  store.setCrds('workspace', drift);
  const after = store.schemaFor(G, 'v1alpha1', 'Agent');
  assert.ok(after?.served);
  const issues = validate(docsAgent, after.schema);
  assert.deepEqual(
    issues.map((i) => `${i.code} ${i.pointer}`),
    ['unknown-field /spec/runtime/spec'],
  );
  assert.match(issues[0]!.message, /unknown field "spec" \(the API server drops it\); known fields here: standard, type/);
  assert.equal(after.crdName, 'agents.agent.flokoa.ai');
});

test('store: a version the CRD lists as not served, and one it does not list at all', () => {
  const store = new SchemaStore();
  store.setCrds('workspace', drift);
  const listed = store.schemaFor(G, 'v1alpha2', 'Agent');
  assert.equal(listed?.served, false);
  assert.ok(listed?.schema, 'schema of a listed, unserved version is still given');
  assert.deepEqual(listed?.servedVersions, ['v1alpha1']);
  const unlisted = store.schemaFor(G, 'v9', 'Agent');
  assert.equal(unlisted?.served, false);
  assert.equal(unlisted?.schema, undefined);
  // Without CRDs, only the documented version is served.
  assert.equal(new SchemaStore().schemaFor(G, 'v1beta1', 'Agent')?.served, false);
});

test('store: a cluster CRD serving a newer version validates it with its own schema', () => {
  const store = new SchemaStore();
  store.setCrds('cluster', cluster);
  const v1beta1 = store.schemaFor(G, 'v1beta1', 'Agent');
  assert.ok(v1beta1?.served);
  const issues = validate({ apiVersion: `${G}/v1beta1`, kind: 'Agent', metadata: { name: 'a' }, spec: { replicas: 0 } }, v1beta1.schema);
  assert.deepEqual(
    issues.map((i) => `${i.code} ${i.pointer}`),
    ['range /spec/replicas'],
  );
});

test('store: metadata is validated as ObjectMeta even when the CRD says only `type: object`', () => {
  const store = new SchemaStore();
  store.setCrds('workspace', drift);
  const r = store.schemaFor(G, 'v1alpha1', 'Agent');
  assert.ok(r?.served);
  const issues = validate({ apiVersion: `${G}/v1alpha1`, kind: 'Agent', metadata: { labels: { a: 1 } }, spec: {} }, r.schema);
  assert.deepEqual(issues.map((i) => `${i.code} ${i.pointer}`).sort(), ['required /metadata', 'type /metadata/labels/a']);
  const none = validate({ apiVersion: `${G}/v1alpha1`, kind: 'Agent', spec: {} }, r.schema);
  assert.deepEqual(
    none.map((i) => i.message),
    ['missing required field "metadata"'],
  );
});

test('store: setCrds replaces a source; other groups are ignored; bad objects are reported', () => {
  const store = new SchemaStore();
  const g0 = store.generation;
  const problems = store.setCrds('cluster', [
    ...cluster,
    { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: {} },
    'junk',
  ]);
  assert.deepEqual(
    problems.map((p) => p.index),
    [2, 3],
  );
  assert.match(problems[0]!.message, /without spec.group/);
  assert.ok(store.generation > g0);
  assert.equal(store.schemaFor('example.com', 'v1', 'Agent'), undefined, 'example.com CRD ignored');
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Agent')?.source, 'crd-cluster');
  store.setCrds('cluster', []);
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Agent')?.source, 'builtin', 'cleared source falls back');
});

test('store: a CRD for a kind the docs do not know makes it known', () => {
  const store = new SchemaStore();
  const crd = structuredClone(crdFromSchemas(JAN.kinds)[0]!) as { spec: { names: { kind: string; plural: string } } };
  crd.spec.names.kind = 'AgentGateway';
  crd.spec.names.plural = 'agentgateways';
  store.setCrds('workspace', [crd]);
  assert.equal(store.schemaFor(G, 'v1alpha1', 'AgentGateway')?.served, true);
  assert.ok(store.kinds(G).some((k) => k.kind === 'AgentGateway' && k.plural === 'agentgateways'));
});

test('store: built-in CRDs read back give the same verdicts as the built-in schemas', () => {
  const fromCrds = new SchemaStore();
  fromCrds.setCrds('cluster', crdFromSchemas(JAN.kinds));
  const builtin = new SchemaStore();
  for (const file of ['valid.yaml', 'invalid.yaml']) {
    for (const { value } of fixtureDocs(file)) {
      const [g, v] = String(value.apiVersion).split('/');
      const a = fromCrds.schemaFor(g!, v!, String(value.kind));
      const b = builtin.schemaFor(g!, v!, String(value.kind), JAN);
      assert.equal(a?.source, 'crd-cluster');
      assert.ok(a?.served && b?.served);
      assert.deepEqual(validate(value, a.schema), validate(value, b.schema));
    }
  }
});

test('readCrd: versions, served flags, plural', () => {
  const info = readCrd(drift[0]);
  assert.ok(typeof info !== 'string');
  assert.equal(info.kind, 'Agent');
  assert.equal(info.plural, 'agents');
  assert.deepEqual(
    info.versions.map((v) => [v.name, v.served, v.storage]),
    [
      ['v1alpha1', true, true],
      ['v1alpha2', false, false],
    ],
  );
  assert.match(
    String(readCrd({ apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition' })),
    /not an apiextensions.k8s.io\/v1/,
  );
});

test('store: status subresource per version, and applied manifests cannot set status', () => {
  const store = new SchemaStore();
  const builtin = store.schemaFor(G, 'v1alpha1', 'Agent', JAN);
  assert.ok(builtin?.served);
  assert.equal(builtin.statusSubresource, true);
  const manifest = {
    apiVersion: `${G}/v1alpha1`,
    kind: 'Agent',
    metadata: { name: 'a' },
    spec: { runtime: {} },
    status: { phase: 'Running' },
  };
  assert.deepEqual(validate(manifest, builtin.schema), [], 'an object read back may carry status');
  const issues = validate(manifest, builtin.schema, { ignoresStatus: builtin.statusSubresource });
  assert.deepEqual(
    issues.map((i) => [i.code, i.pointer, i.onKey]),
    [['unknown-field', '/status', true]],
  );
  assert.match(issues[0]!.message, /ignores it/);
  store.setCrds('workspace', drift);
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Agent')?.statusSubresource, false, 'the drift CRD has no subresources');
  store.setCrds('workspace', crdFromSchemas(JAN.kinds));
  assert.equal(store.schemaFor(G, 'v1alpha1', 'Agent')?.statusSubresource, true);
});

test("store: the operator's CRDs of a generation are that generation exactly; a hand-written one is not", () => {
  const store = new SchemaStore();
  store.setCrds('workspace', crdFromSchemas(operatorKinds(JUNE)));
  const v = store.crdVerdict(G, 'Agent');
  assert.deepEqual(
    v?.exact.map((a) => a.id),
    ['2026-06'],
  );
  assert.equal(v?.name, 'agents.agent.flokoa.ai');
  // ModelProvider did not change between generations: both match.
  assert.deepEqual(
    store.crdVerdict(G, 'ModelProvider')?.exact.map((a) => a.id),
    ['2026-06', '2026-01'],
  );
  assert.equal(store.layerApi()?.api.id, '2026-06');
  store.setCrds('workspace', crdFromSchemas(operatorKinds(JAN)));
  assert.equal(store.layerApi()?.api.id, '2026-01');
  // The hand-written drift CRD is near the January API but not exactly it.
  store.setCrds('workspace', drift);
  const near = store.crdVerdict(G, 'Agent');
  assert.deepEqual(near?.exact, []);
  assert.equal(near?.closest?.id, '2026-01', 'its fields are those of the January API');
  assert.ok(near?.notes?.some((n) => /references as in the January 2026 API/.test(n)));
  assert.equal(store.layerApi(), undefined);
});
