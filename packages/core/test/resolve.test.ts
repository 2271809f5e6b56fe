import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, resolve, chainOf, type ObjectKey, type Resource, type ResourceLookup, type ChainNode } from '../src/index.js';
import { fixture } from './fixtures.js';

const F = 'agent.flokoa.ai';

function ws(): Workspace {
  const w = new Workspace();
  const f = fixture('refs/all-kinds.yaml');
  w.setFile(f.uri, f.text);
  w.setFile(
    'file:///more.yaml',
    [
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: gpt-4o-mini, namespace: my-app}\nspec: {model: m, providerRef: {name: p}}',
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata: {name: gpt-4o, namespace: my-app}\nspec: {openai: {}}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: agent-secrets, namespace: my-app}',
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: shared-gpt-4o, namespace: team-b}\nspec: {model: m, providerRef: {name: p}}',
    ].join('\n---\n'),
  );
  return w;
}

const key = (kind: string, namespace: string, name: string, group = F): ObjectKey => ({ group, kind, namespace, name });

const cases: { name: string; target: ObjectKey; status: string; elsewhere?: string[]; close?: string[]; wrongKind?: string }[] = [
  { name: 'found in its namespace', target: key('Model', 'shared-models', 'shared-gpt-4o'), status: 'found' },
  {
    name: 'missing here, exists in other namespaces',
    target: key('Model', 'my-app', 'shared-gpt-4o'),
    status: 'missing',
    elsewhere: ['shared-models', 'team-b'],
  },
  { name: 'did you mean a close name', target: key('Model', 'my-app', 'gpt-4o-mni'), status: 'missing', close: ['gpt-4o-mini'] },
  {
    name: 'a Model reference that names a ModelProvider',
    target: key('Model', 'my-app', 'gpt-4o'),
    status: 'wrong-kind',
    wrongKind: 'ModelProvider',
    close: ['gpt-4o-mini'],
  },
  {
    name: 'a Secret reference that names a ConfigMap',
    target: key('Secret', 'my-app', 'agent-secrets', ''),
    status: 'wrong-kind',
    wrongKind: 'ConfigMap',
  },
  { name: 'nothing anywhere', target: key('AgentTool', 'my-app', 'zzz'), status: 'missing', elsewhere: [], close: [] },
  { name: "an Agent's operator-made Service counts", target: key('Service', 'my-app', 'my-agent', ''), status: 'found' },
];

for (const c of cases) {
  test(`resolve: ${c.name}`, () => {
    const r = resolve({ target: c.target }, ws());
    assert.equal(r.status, c.status);
    assert.equal(r.lookedIn, c.target.namespace);
    if (c.elsewhere)
      assert.deepEqual(
        r.elsewhere.map((e) => e.namespace),
        c.elsewhere,
      );
    if (c.close) assert.deepEqual(r.closeNames, c.close);
    assert.equal(r.wrongKind?.kind, c.wrongKind);
  });
}

/** A lookup as the plugin builds it from a cluster, where RBAC forbids some reads. */
class ClusterLookup implements ResourceLookup {
  constructor(
    private readonly objects: Resource[],
    private readonly forbiddenKinds: Set<string>,
  ) {}
  get(k: ObjectKey): Resource | undefined | 'forbidden' {
    if (this.forbiddenKinds.has(k.kind)) return 'forbidden';
    return this.objects.find((o) => o.kind === k.kind && o.namespace === k.namespace && o.name === k.name);
  }
  list(group: string, kind: string, namespace?: string): Resource[] | 'forbidden' {
    if (this.forbiddenKinds.has(kind)) return 'forbidden';
    return this.objects.filter((o) => o.group === group && o.kind === kind && (namespace === undefined || o.namespace === namespace));
  }
}

test('resolve: a forbidden answer from the lookup is reported as such', () => {
  const w = ws();
  const lookup = new ClusterLookup(w.resources(), new Set(['Secret']));
  assert.equal(resolve({ target: key('Secret', 'my-app', 'agent-secrets', '') }, lookup).status, 'forbidden');
  assert.equal(resolve({ target: key('Model', 'shared-models', 'shared-gpt-4o') }, lookup).status, 'found');
  const missing = resolve({ target: key('Model', 'my-app', 'shared-gpt-4o') }, lookup);
  assert.deepEqual(
    missing.elsewhere.map((e) => e.namespace),
    ['shared-models', 'team-b'],
    'derived from list() without named()',
  );
});

test('chainOf: Agent → Model → ModelProvider → Secret, with missing and forbidden nodes', () => {
  const w = ws();
  const agent = w.resources().find((r) => r.kind === 'Agent' && r.name === 'my-agent')!;
  const render = (nodes: ChainNode[], depth = 0): string[] =>
    nodes.flatMap((n) => [
      `${'  '.repeat(depth)}${n.reference.target.kind} ${n.reference.target.namespace}/${n.reference.target.name} ${n.resolution.status}`,
      ...render(n.children, depth + 1),
    ]);
  const lines = render(chainOf(agent, new ClusterLookup(w.resources(), new Set(['ServiceAccount']))));
  assert.deepEqual(lines.slice(0, 6), [
    'Model shared-models/shared-gpt-4o found',
    '  ModelProvider shared-resources/openai-provider found',
    '    Secret shared-resources/openai-credentials missing',
    '    Secret shared-resources/gcp-sa missing',
    '    Secret shared-resources/corp-ca missing',
    'AgentTool shared-tools/weather-api found',
  ]);
  assert.ok(lines.includes('ServiceAccount my-app/my-agent-sa forbidden'));
  assert.ok(lines.includes('Secret my-app/agent-secrets wrong-kind'));
});

test('chainOf stops at cycles', () => {
  const w = new Workspace();
  w.setFile(
    'file:///cycle.yaml',
    [
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: a, namespace: n}\nspec: {model: m, providerRef: {name: b}}',
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata: {name: b, namespace: n}\nspec: {openai: {}, apiKeySecretRef: {name: s, key: k}}',
    ].join('\n---\n'),
  );
  const model = w.resources().find((r) => r.name === 'a')!;
  const chain = chainOf(model, w);
  assert.equal(chain.length, 1);
  assert.equal(chain[0].children[0].resolution.status, 'missing');
});
