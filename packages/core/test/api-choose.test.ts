// Which generation a document is read as, and why: table-driven over the ways it is decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiById,
  chooseApi,
  crdFromSchemas,
  SchemaStore,
  Workspace,
  DEFAULT_SETTINGS,
  referencesOf,
  type ChoiceContext,
} from '../src/index.js';
import { operatorKinds } from '../src/api/build.js';
import { presentAt } from '../src/api/markers.js';

const G = 'agent.flokoa.ai';
const JAN = apiById('2026-01')!;
const JUNE = apiById('2026-06')!;

const june = { modelRef: { name: 'm' }, runtime: { image: 'ghcr.io/x/a:v1', replicas: 2 } };
const january = { model: { name: 'm' }, runtime: { type: 'standard', spec: { container: { name: 'agent', image: 'ghcr.io/x/a:v1' } } } };
const neutral = { card: { name: 'a', description: 'a', version: '1', skills: [] }, tools: [{ name: 't' }] };
const mixed = { modelRef: { name: 'm' }, instructionRefs: [{ name: 'i' }], runtime: { type: 'standard' } };

function storeWith(kinds: readonly Parameters<typeof crdFromSchemas>[0][number][]): ChoiceContext {
  const store = new SchemaStore();
  store.setCrds('workspace', crdFromSchemas(kinds));
  return { crd: (g, k) => store.crdVerdict(g, k), layer: () => store.layerApi() };
}

/** [case, kind, spec, context, generation, source, because (regexp), mixed pointers]. */
const cases: [string, string, object, ChoiceContext, string | undefined, string, RegExp, string[]?][] = [
  ['June fields', 'Agent', june, {}, '2026-06', 'document', /uses spec\.modelRef/],
  ['January fields', 'Agent', january, {}, '2026-01', 'document', /uses spec\.model\b/],
  ['nothing particular: the newest', 'Agent', neutral, {}, '2026-06', 'default', /read as the newest/],
  ['a kind only the June API has', 'Capability', {}, {}, '2026-06', 'default', /only the June 2026 API has Capability/],
  ['Model.spec.parameters is January', 'Model', { model: 'gpt-4o', parameters: {} }, {}, '2026-01', 'document', /parameters/],
  ['AgentTool.spec.url is June', 'AgentTool', { type: 'mcp', url: 'https://x' }, {}, '2026-06', 'document', /spec\.url/],
  [
    'both: the one with more fields, the other remembered',
    'Agent',
    mixed,
    {},
    '2026-06',
    'document',
    /instructionRefs|modelRef/,
    ['/spec/runtime/type'],
  ],
  [
    'the setting pins',
    'Agent',
    june,
    { pinned: JAN },
    '2026-01',
    'setting',
    /flokoa\.apiGeneration is 2026-01/,
    ['/spec/modelRef', '/spec/runtime/image', '/spec/runtime/replicas'],
  ],
  [
    'the operator CRDs decide',
    'Agent',
    neutral,
    storeWith(operatorKinds(JAN)),
    '2026-01',
    'crd',
    /workspace CRD agents\.agent\.flokoa\.ai is the January 2026 API's/,
  ],
  ['a CRD of an unchanged kind: the layer decides', 'ModelProvider', {}, storeWith(operatorKinds(JAN)), '2026-01', 'crd', /January 2026/],
  [
    'a CRD against the document: the CRD wins, the fields are remembered',
    'Agent',
    june,
    storeWith(operatorKinds(JAN)),
    '2026-01',
    'crd',
    /CRD/,
    ['/spec/modelRef', '/spec/runtime/image', '/spec/runtime/replicas'],
  ],
  [
    'no CRD for the kind, but the others say June',
    'Instruction',
    {},
    storeWith(operatorKinds(JUNE).filter((k) => k.kind !== 'Instruction')),
    '2026-06',
    'crd',
    /June 2026/,
  ],
];

for (const [name, kind, spec, ctx, gen, source, because, mixedAt] of cases) {
  test(`choose: ${name}`, () => {
    const c = chooseApi(G, kind, { apiVersion: `${G}/v1alpha1`, kind, metadata: { name: 'a' }, spec }, ctx);
    assert.equal(c.api?.id, gen);
    assert.equal(c.source, source);
    assert.match(c.because, because);
    assert.deepEqual(c.mixed?.pointers.sort(), mixedAt?.sort());
    assert.ok(c.references.every((r) => r.fromKind === kind));
  });
}

test('choose: a workspace re-reads its documents when a CRD arrives, and again when the setting pins', () => {
  const ws = new Workspace();
  const agent =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a, namespace: ns}\nspec:\n  card: {name: a, description: a, version: "1", skills: []}\n  tools:\n    - name: t\n';
  ws.setFile('file:///a.yaml', agent);
  const read = () => ws.resourcesIn('file:///a.yaml')[0]!;
  assert.equal(read().api?.api?.id, '2026-06');
  assert.deepEqual(
    referencesOf(read()).map((r) => `${r.spec.id} ${r.target.kind}/${r.target.name}`),
    ['agent-tool AgentTool/t'],
  );
  const crds = crdFromSchemas(operatorKinds(JAN))
    .map((c) => JSON.stringify(c))
    .join('\n---\n');
  ws.setFile('file:///crds.yaml', crds);
  assert.ok(ws.dependentsOf('file:///crds.yaml').includes('file:///a.yaml'));
  assert.equal(read().api?.api?.id, '2026-01');
  assert.equal(read().api?.source, 'crd');
  // January tools[] entries name a tool entry, not an AgentTool: no reference.
  assert.deepEqual(referencesOf(read()), []);
  ws.removeFile('file:///crds.yaml');
  ws.updateSettings({ ...DEFAULT_SETTINGS, apiGeneration: '2026-01' });
  assert.equal(read().api?.source, 'setting');
});

test("choose: a connected cluster's CRDs decide too, and the workspace's win over them", () => {
  const ws = new Workspace();
  ws.setFile(
    'file:///a.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Instruction\nmetadata: {name: i, namespace: ns}\nspec: {content: x}\n',
  );
  const read = () => ws.resourcesIn('file:///a.yaml')[0]!.api!;
  assert.equal(read().source, 'default');
  const live = (api: typeof JAN) =>
    crdFromSchemas(operatorKinds(api)).map((object, i) => ({
      ...ws.resourcesIn('file:///a.yaml')[0]!,
      uri: 'cluster://test',
      docIndex: i,
      apiVersion: 'apiextensions.k8s.io/v1',
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
      name: String((object.metadata as { name: string }).name),
      namespace: '',
      object,
    }));
  ws.setExternal('cluster', live(JAN));
  assert.equal(read().source, 'crd');
  assert.equal(read().api?.id, '2026-01');
  assert.match(read().because, /cluster CRD .* January 2026/);
  ws.setFile(
    'file:///crds.yaml',
    crdFromSchemas(operatorKinds(JUNE))
      .map((c) => JSON.stringify(c))
      .join('\n---\n'),
  );
  assert.equal(read().api?.id, '2026-06');
  assert.match(read().because, /workspace CRD/);
});

test('choose: equal choices are one object (a large workspace keeps one per kind and reason, not one per document)', () => {
  const agent = (name: string) =>
    `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  modelRef:\n    name: m\n  runtime:\n    image: ghcr.io/example/a:v1\n`;
  const ws = new Workspace();
  ws.setFile('file:///ws/agents.yaml', [agent('a'), agent('b')].join('---\n'));
  ws.setFile('file:///ws/more.yaml', agent('c'));
  const [a, b, c] = [...ws.resourcesIn('file:///ws/agents.yaml'), ...ws.resourcesIn('file:///ws/more.yaml')].filter(
    (r) => r.kind === 'Agent',
  );
  assert.equal(a!.api?.api?.id, '2026-06');
  assert.equal(a!.api, b!.api);
  assert.equal(a!.api, c!.api);
  // A document mixing generations says so on its own choice.
  const mixed = chooseApi('agent.flokoa.ai', 'Agent', { spec: { modelRef: { name: 'm' }, model: { name: 'm' } } });
  assert.ok(mixed.mixed);
  assert.notEqual(mixed, a!.api);
});

test('choose: marker fields are found where a document has them, through lists and maps', () => {
  const doc = {
    spec: {
      modelRef: { name: 'm' },
      empty: undefined,
      tools: [{ name: 'a' }, { other: 1 }, { name: 'b' }],
      secretRefs: { 'a/b': { name: 's' }, c: { key: 'k' } },
    },
  };
  assert.deepEqual(presentAt(doc, '/spec/modelRef'), ['/spec/modelRef']);
  assert.deepEqual(presentAt(doc, '/spec/modelRef/name'), ['/spec/modelRef/name']);
  assert.deepEqual(presentAt(doc, '/spec/model'), []);
  assert.deepEqual(presentAt(doc, '/spec/empty'), []);
  assert.deepEqual(presentAt(doc, '/spec/modelRef/name/deeper'), []);
  assert.deepEqual(presentAt(doc, '/spec/tools/[]/name'), ['/spec/tools/0/name', '/spec/tools/2/name']);
  assert.deepEqual(presentAt(doc, '/spec/secretRefs/{}/name'), ['/spec/secretRefs/a~1b/name']);
  assert.deepEqual(presentAt(doc, '/spec/absent/[]/name'), []);
});
