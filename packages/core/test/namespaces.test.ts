import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, kustomizationOf, describeNamespaceSource, type Resource } from '../src/index.js';
import { fixtureDir } from './fixtures.js';

function load(settings?: { defaultNamespace: string }): Workspace {
  const ws = new Workspace(settings ? { defaultNamespace: settings.defaultNamespace, rules: {} } : undefined);
  for (const f of fixtureDir('kustomize')) ws.setFile(f.uri, f.text);
  return ws;
}

function byName(ws: Workspace, name: string): Resource {
  const r = ws.resources().find((x) => x.name === name && !x.producedBy);
  assert.ok(r, `resource ${name}`);
  return r;
}

const cases: { name: string; resource: string; namespace: string; source: string }[] = [
  {
    name: 'a file listed by a base whose folder an overlay lists: the outermost kustomization wins',
    resource: 'my-agent',
    namespace: 'prod-ns',
    source: 'overlays/prod/kustomization.yaml',
  },
  { name: 'a file inside a listed folder', resource: 'gpt-4o', namespace: 'prod-ns', source: 'overlays/prod/kustomization.yaml' },
  {
    name: "a kustomization's namespace: overrides metadata.namespace, as kustomize does",
    resource: 'pinned',
    namespace: 'prod-ns',
    source: 'overlays/prod/kustomization.yaml',
  },
  {
    name: 'kustomization.yml without apiVersion, relative file entry',
    resource: 'weather-api',
    namespace: 'apps-ns',
    source: 'apps/kustomization.yml',
  },
  { name: 'a cluster-scoped kind has no namespace', resource: 'reader', namespace: '', source: 'cluster-scoped' },
];

for (const c of cases) {
  test(`effective namespace: ${c.name}`, () => {
    const r = byName(load(), c.resource);
    assert.equal(r.namespace, c.namespace);
    const src = r.namespaceSource;
    if (src.kind === 'kustomization') assert.ok(src.uri.endsWith(c.source), src.uri);
    else assert.equal(src.kind, c.source);
  });
}

test('the base folder is covered by the overlay, so an unlisted file in it takes the overlay namespace', () => {
  // kustomize would not read it at all, but the folder entry is what the editor can see.
  assert.equal(byName(load(), 'not-in-kustomization').namespace, 'prod-ns');
});

test('no metadata.namespace and no kustomization: the defaultNamespace setting', () => {
  const ws = new Workspace({ defaultNamespace: 'team-a', rules: {} });
  ws.setFile('file:///repo/loose.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
  const r = ws.resources({ kind: 'Secret', group: '' })[0];
  assert.equal(r.namespace, 'team-a');
  assert.deepEqual(r.namespaceSource, { kind: 'default', setting: 'team-a' });
  assert.match(describeNamespaceSource(r.namespace, r.namespaceSource), /default setting/);
  ws.updateSettings({ defaultNamespace: 'team-b', rules: {} });
  assert.equal(ws.resources({ kind: 'Secret', group: '' })[0].namespace, 'team-b');
});

test('editing or removing a kustomization re-derives the namespaces of the files it lists', () => {
  const ws = load();
  const overlay = fixtureDir('kustomize').find((f) => f.uri.endsWith('overlays/prod/kustomization.yaml'))!;
  const agentUri = byName(ws, 'my-agent').uri;
  ws.setFile(overlay.uri, overlay.text.replace('prod-ns', 'stage-ns'));
  assert.equal(byName(ws, 'my-agent').namespace, 'stage-ns');
  assert.ok(ws.dependentsOf(overlay.uri).includes(agentUri));
  ws.removeFile(overlay.uri);
  assert.equal(byName(ws, 'my-agent').namespace, 'base-ns');
  const base = fixtureDir('kustomize').find((f) => f.uri.endsWith('base/kustomization.yaml'))!;
  ws.removeFile(base.uri);
  assert.equal(byName(ws, 'my-agent').namespace, 'default');
  assert.ok(ws.dependentsOf(base.uri).includes(agentUri));
});

const kustomizations: { name: string; uri: string; value: unknown; expect: string[] | undefined }[] = [
  {
    name: 'declared, folders get a trailing slash',
    uri: 'file:///r/k/kustomization.yaml',
    value: { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['a.yaml', '../b', 'c/'] },
    expect: ['file:///r/k/a.yaml', 'file:///r/b/', 'file:///r/k/c/'],
  },
  {
    name: 'by file name without apiVersion',
    uri: 'file:///r/kustomization.yml',
    value: { resources: ['x.yml'] },
    expect: ['file:///r/x.yml'],
  },
  {
    name: 'remote entries are skipped',
    uri: 'file:///r/kustomization.yaml',
    value: { resources: ['github.com/a/b//c?ref=v1', 'https://x/y.yaml'] },
    expect: [],
  },
  { name: 'an ordinary file is not a kustomization', uri: 'file:///r/app.yaml', value: { resources: ['a.yaml'] }, expect: undefined },
  {
    name: 'a Flux Kustomization is not a kustomize one',
    uri: 'file:///r/kustomization.yaml',
    value: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' },
    expect: undefined,
  },
];
for (const k of kustomizations) {
  test(`kustomizationOf: ${k.name}`, () => {
    assert.deepEqual(kustomizationOf(k.uri, k.value)?.entries, k.expect);
  });
}
