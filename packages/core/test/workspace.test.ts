import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, resourcesFromObject, dataKeysOf, chainOf, type Resource } from '../src/index.js';

const MODEL =
  'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: gpt-4o\n  namespace: shared-models\nspec:\n  model: gpt-4o\n  providerRef: {name: p}\n';
const AGENT = (model: string, ns = 'my-app'): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: a\n  namespace: ${ns}\nspec:\n  model:\n    name: ${model}\n    namespace: shared-models\n`;

const unresolved = (ws: Workspace, uri: string): string[] =>
  ws
    .analyze(uri)
    .filter((f) => f.ruleId === 'unresolved-reference')
    .map((f) => f.message);

test('deleting a Model re-diagnoses the Agents in other files that used it', () => {
  const ws = new Workspace();
  ws.setFile('file:///m.yaml', MODEL);
  ws.setFile('file:///a.yaml', AGENT('gpt-4o'));
  ws.setFile('file:///unrelated.yaml', AGENT('other-model', 'x'));
  assert.deepEqual(unresolved(ws, 'file:///a.yaml'), []);
  ws.setFile('file:///m.yaml', '# emptied\n');
  assert.deepEqual(ws.dependentsOf('file:///m.yaml'), ['file:///a.yaml'], 'only the Agent that used it');
  assert.equal(unresolved(ws, 'file:///a.yaml').length, 1);
  ws.setFile('file:///m.yaml', MODEL);
  assert.deepEqual(unresolved(ws, 'file:///a.yaml'), []);
  ws.removeFile('file:///m.yaml');
  assert.deepEqual(ws.dependentsOf('file:///m.yaml'), ['file:///a.yaml']);
  assert.equal(unresolved(ws, 'file:///a.yaml').length, 1);
});

test('a new close name makes referrers with a now-possible "did you mean" dependents', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.yaml', AGENT('gpt-4o-mini'));
  assert.doesNotMatch(unresolved(ws, 'file:///a.yaml')[0], /did you mean/i);
  ws.setFile('file:///m.yaml', MODEL);
  assert.deepEqual(ws.dependentsOf('file:///m.yaml'), ['file:///a.yaml']);
  assert.match(unresolved(ws, 'file:///a.yaml')[0], /did you mean 'gpt-4o'/i);
});

test('an edit of an Agent makes the Model it stopped using a dependent (unused-resource)', () => {
  const ws = new Workspace();
  ws.setFile('file:///m.yaml', MODEL);
  ws.setFile('file:///a.yaml', AGENT('gpt-4o'));
  assert.ok(!ws.analyze('file:///m.yaml').some((f) => f.ruleId === 'unused-resource'));
  ws.setFile('file:///a.yaml', AGENT('something-else'));
  assert.ok(ws.dependentsOf('file:///a.yaml').includes('file:///m.yaml'));
  assert.ok(ws.analyze('file:///m.yaml').some((f) => f.ruleId === 'unused-resource'));
});

test('setFile is incremental and idempotent', () => {
  const ws = new Workspace();
  const text = [MODEL, AGENT('gpt-4o'), AGENT('gpt-4o').replace('name: a', 'name: b')].join('---\n');
  const p1 = ws.setFile('file:///big.yaml', text);
  assert.equal(p1.reparsed, 3);
  assert.equal(ws.setFile('file:///big.yaml', text), p1);
  const p2 = ws.setFile('file:///big.yaml', text.replace('name: b', 'name: c'));
  assert.equal(p2.reparsed, 1);
  assert.deepEqual(
    ws
      .resources({ kind: 'Agent', group: 'agent.flokoa.ai' })
      .map((r) => r.name)
      .sort(),
    ['a', 'c'],
  );
  assert.equal(ws.referrersOf({ group: 'agent.flokoa.ai', kind: 'Model', namespace: 'shared-models', name: 'gpt-4o' }).length, 2);
});

test('files take precedence over external (cluster) resources, which fill the gaps', () => {
  const ws = new Workspace();
  const cluster = (name: string): Resource[] =>
    resourcesFromObject(
      { apiVersion: 'agent.flokoa.ai/v1alpha1', kind: 'Model', metadata: { name, namespace: 'shared-models' }, spec: { model: 'cluster' } },
      { uri: `cluster://ctx/models/${name}`, namespace: (ns) => ({ namespace: String(ns), source: { kind: 'cluster' } }) },
    );
  ws.setExternal('cluster', [...cluster('gpt-4o'), ...cluster('only-in-cluster')]);
  ws.setFile('file:///m.yaml', MODEL);
  ws.setFile('file:///a.yaml', AGENT('only-in-cluster'));
  assert.deepEqual(unresolved(ws, 'file:///a.yaml'), []);
  const m = ws.get({ group: 'agent.flokoa.ai', kind: 'Model', namespace: 'shared-models', name: 'gpt-4o' });
  assert.equal(m?.uri, 'file:///m.yaml');
  assert.equal(ws.find({ group: 'agent.flokoa.ai', kind: 'Model', namespace: 'shared-models', name: 'gpt-4o' }).length, 2);
  assert.equal(ws.list('agent.flokoa.ai', 'Model', 'shared-models').length, 2);
  assert.ok(!ws.analyze('file:///m.yaml').some((f) => f.ruleId === 'duplicate-resource'), 'a file and the cluster copy are not duplicates');
  ws.setExternal('cluster', []);
  assert.equal(unresolved(ws, 'file:///a.yaml').length, 1);
});

test('references made by external (cluster) objects count as uses', () => {
  const ws = new Workspace();
  ws.setFile('file:///m.yaml', MODEL);
  const unused = (): boolean => ws.analyze('file:///m.yaml').some((f) => f.ruleId === 'unused-resource');
  assert.ok(unused());
  const agent = resourcesFromObject(
    {
      apiVersion: 'agent.flokoa.ai/v1alpha1',
      kind: 'Agent',
      metadata: { name: 'live', namespace: 'my-app' },
      spec: { model: { name: 'gpt-4o', namespace: 'shared-models' } },
    },
    { uri: 'cluster://ctx/agents/live', namespace: (ns) => ({ namespace: String(ns), source: { kind: 'cluster' } }) },
  );
  ws.setExternal('cluster', agent);
  assert.ok(!unused());
  assert.equal(
    ws.referrersOf({ group: 'agent.flokoa.ai', kind: 'Model', namespace: 'shared-models', name: 'gpt-4o' })[0].source.uri,
    'cluster://ctx/agents/live',
  );
  ws.setExternal('cluster', []);
  assert.ok(unused());
});

test('ExternalSecrets and SealedSecrets produce the Secrets they name, with their keys', () => {
  const ws = new Workspace();
  ws.setFile(
    'file:///s.yaml',
    [
      'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es, namespace: ns1}\nspec:\n  target: {name: from-vault}\n  data: [{secretKey: api-key, remoteRef: {key: x}}]',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed, namespace: ns1}\nspec:\n  encryptedData: {token: AgB}',
    ].join('\n---\n'),
  );
  const secrets = ws.list('', 'Secret', 'ns1');
  assert.deepEqual(secrets.map((s) => `${s.name}<-${s.producedBy?.kind}`).sort(), ['from-vault<-ExternalSecret', 'sealed<-SealedSecret']);
  assert.deepEqual(secrets.map((s) => [...(dataKeysOf(s) ?? [])].join()).sort(), ['api-key', 'token']);
});

test('namespaces() lists every namespace in use, with labels from Namespace objects', () => {
  const ws = new Workspace();
  ws.setFile('file:///ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: production\n  labels: {environment: production}\n');
  ws.setFile('file:///m.yaml', MODEL);
  assert.deepEqual(
    ws.namespaces().map((n) => [n.name, n.labels?.environment]),
    [
      ['production', 'production'],
      ['shared-models', undefined],
    ],
  );
  assert.deepEqual(ws.namespacesWith('agent.flokoa.ai', 'Model'), ['shared-models']);
});

test('resourceAt finds the document under a position', () => {
  const ws = new Workspace();
  ws.setFile('file:///x.yaml', MODEL + '---\n' + AGENT('gpt-4o'));
  assert.equal(ws.resourceAt('file:///x.yaml', { line: 2, character: 3 })?.kind, 'Model');
  assert.equal(ws.resourceAt('file:///x.yaml', { line: 11, character: 0 })?.kind, 'Agent');
});

test('a CRD in the workspace replaces the built-in schema (a field no generation has)', () => {
  const ws = new Workspace();
  const agent =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a, namespace: ns1}\nspec:\n  runtime:\n    gpu:\n      count: 1\n';
  ws.setFile('file:///a.yaml', agent);
  assert.ok(ws.analyze('file:///a.yaml').some((f) => f.ruleId === 'schema-unknown-field'));
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: agents.agent.flokoa.ai}
spec:
  group: agent.flokoa.ai
  scope: Namespaced
  names: {kind: Agent, plural: agents, singular: agent, listKind: AgentList}
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                runtime:
                  type: object
                  properties:
                    gpu:
                      type: object
                      properties:
                        count: {type: integer}
`;
  ws.setFile('file:///crd.yaml', crd);
  assert.ok(ws.dependentsOf('file:///crd.yaml').includes('file:///a.yaml'));
  assert.deepEqual(
    ws.analyze('file:///a.yaml').filter((f) => f.ruleId.startsWith('schema-')),
    [],
  );
  ws.setFile(
    'file:///crd.yaml',
    crd.replace('served: true', 'served: false').replace('name: v1alpha1', 'name: v1alpha1') +
      '    - name: v1beta1\n      served: true\n      storage: false\n      schema: {openAPIV3Schema: {type: object}}\n',
  );
  assert.ok(ws.analyze('file:///a.yaml').some((f) => f.ruleId === 'unserved-version' && /served: v1beta1/.test(f.message)));
});

test('setFiles indexes a batch like setFile does', () => {
  const a = new Workspace();
  const b = new Workspace();
  const files = [
    { uri: 'file:///m.yaml', text: MODEL },
    { uri: 'file:///a.yaml', text: AGENT('gpt-4o') },
    { uri: 'file:///x.yaml', text: AGENT('nope', 'x') },
  ];
  a.setFiles(files);
  for (const f of files) b.setFile(f.uri, f.text);
  for (const f of files) assert.deepEqual(a.analyze(f.uri), b.analyze(f.uri));
});

test('duplicate-resource names a few of many copies and relates at most 20, so findings grow linearly', () => {
  const ws = new Workspace();
  const doc =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: gpt, namespace: ns}\nspec: {model: gpt-4o, providerRef: {name: p}}\n';
  ws.setFile('file:///copies.yaml', Array.from({ length: 300 }, () => doc).join('---\n'));
  const dups = ws.analyze('file:///copies.yaml').filter((f) => f.ruleId === 'duplicate-resource');
  assert.equal(dups.length, 300, 'every copy is reported');
  for (const f of dups) {
    assert.equal(f.related?.length, 20);
    assert.match(f.message, /and 294 more\)/);
  }
});

test('one definition, two, then one again: lookups keep their answers and order (the index keeps a lone value unboxed)', () => {
  const ws = new Workspace();
  const key = { group: 'agent.flokoa.ai', kind: 'Model', namespace: 'shared-models', name: 'gpt-4o' };
  const byUri = (rs: readonly Resource[]): string[] => rs.map((r) => r.uri);
  ws.setFile('file:///b.yaml', MODEL);
  assert.deepEqual(byUri(ws.find(key)), ['file:///b.yaml']);
  ws.setFile('file:///a.yaml', MODEL);
  ws.setFile('file:///c.yaml', MODEL);
  assert.deepEqual(byUri(ws.find(key)), ['file:///a.yaml', 'file:///b.yaml', 'file:///c.yaml']);
  assert.equal(ws.get(key)?.uri, 'file:///a.yaml', 'the first in file order counts');
  assert.equal(ws.named(key.group, key.kind, key.name).length, 1, 'one per namespace');
  ws.removeFile('file:///a.yaml');
  ws.removeFile('file:///c.yaml');
  assert.deepEqual(byUri(ws.find(key)), ['file:///b.yaml']);
  assert.equal(ws.get(key)?.uri, 'file:///b.yaml');
  assert.deepEqual(byUri(ws.resources({ group: key.group, kind: 'Model' })), ['file:///b.yaml']);
  ws.removeFile('file:///b.yaml');
  assert.equal(ws.get(key), undefined);
  assert.deepEqual(ws.find(key), []);
  assert.deepEqual(ws.resources({ group: key.group, kind: 'Model' }), []);
  // References: two Agents name the Model, one stops.
  ws.setFile('file:///a1.yaml', AGENT('gpt-4o'));
  ws.setFile('file:///a2.yaml', AGENT('gpt-4o', 'other'));
  assert.equal(ws.referrersOf(key).length, 2);
  ws.setFile('file:///a1.yaml', AGENT('else'));
  assert.deepEqual(
    ws.referrersOf(key).map((r) => r.source.uri),
    ['file:///a2.yaml'],
  );
  ws.removeFile('file:///a2.yaml');
  assert.deepEqual(ws.referrersOf(key), []);
});

test("a reference chain read from the index's kept references is the one a fresh workspace works out, after edits", () => {
  const PROVIDER =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: p\n  namespace: shared-models\nspec:\n  type: openai\n';
  const chain = (ws: Workspace): string[] => {
    const agent = ws.resources({ group: 'agent.flokoa.ai', kind: 'Agent' })[0];
    const out: string[] = [];
    const walk = (nodes: ReturnType<typeof chainOf>, depth: number): void => {
      for (const n of nodes) {
        out.push(`${depth} ${n.reference.pointer} -> ${n.reference.target.name}: ${n.resolution.status}`);
        walk(n.children, depth + 1);
      }
    };
    walk(chainOf(agent, ws), 0);
    return out;
  };
  const ws = new Workspace();
  ws.setFile('file:///m.yaml', [MODEL, PROVIDER].join('---\n'));
  ws.setFile('file:///a.yaml', AGENT('gpt-4o'));
  const edits = [
    ['file:///m.yaml', [MODEL.replace('{name: p}', '{name: q}'), PROVIDER].join('---\n')],
    ['file:///a.yaml', AGENT('missing')],
    ['file:///a.yaml', AGENT('gpt-4o')],
    ['file:///m.yaml', [MODEL, PROVIDER].join('---\n')],
  ];
  for (const [uri, text] of edits) {
    ws.setFile(uri, text);
    const fresh = new Workspace();
    fresh.setFile('file:///m.yaml', ws.file('file:///m.yaml')!.text);
    fresh.setFile('file:///a.yaml', ws.file('file:///a.yaml')!.text);
    assert.deepEqual(chain(ws), chain(fresh), `after editing ${uri}`);
    assert.ok(chain(ws).length >= 1);
  }
  assert.match(chain(ws).join('\n'), /1 \/spec\/providerRef -> p: found/);
});

test('before anything is analysed a change has no dependents; after, the same change has them, and findings match a fresh workspace', () => {
  const ws = new Workspace();
  ws.setFile('file:///m.yaml', MODEL);
  ws.setFile('file:///a.yaml', AGENT('gpt-4o'));
  ws.setFile('file:///m.yaml', MODEL.replace('gpt-4o\n  namespace', 'gpt-5\n  namespace'));
  assert.deepEqual(ws.dependentsOf('file:///m.yaml'), [], 'nothing was analysed: nothing to re-diagnose');
  assert.equal(unresolved(ws, 'file:///a.yaml').length, 1);
  ws.setFile('file:///m.yaml', MODEL);
  assert.deepEqual(ws.dependentsOf('file:///m.yaml'), ['file:///a.yaml']);
  const fresh = new Workspace();
  fresh.setFile('file:///m.yaml', MODEL);
  fresh.setFile('file:///a.yaml', AGENT('gpt-4o'));
  for (const uri of ['file:///m.yaml', 'file:///a.yaml']) assert.deepEqual(ws.analyze(uri), fresh.analyze(uri), uri);
});
