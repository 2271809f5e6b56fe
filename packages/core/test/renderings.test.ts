// The workspace's renderings: which kustomizations are roots, which files they cover or only
// patch, what each renders, and what an edit re-renders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Renderings, parseFile, type SourceDocument } from '../src/index.js';
import type { RenderFiles } from '../src/renderings.js';
import { fixtureDir } from './fixtures.js';

/** A workspace's files in memory, editable. */
class Files implements RenderFiles {
  readonly texts = new Map<string, string>();
  constructor(rel: string) {
    for (const f of fixtureDir(rel)) this.texts.set(f.uri, f.text);
  }
  documents(uri: string): SourceDocument[] | undefined {
    const t = this.texts.get(uri);
    return t === undefined
      ? undefined
      : parseFile(uri, t).docs.map((d) => ({ uri, docIndex: d.index, value: d.value, ranges: d.sourceMap, range: d.range }));
  }
  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }
  yamlFilesUnder(dir: string): string[] {
    return [...this.texts.keys()].filter((u) => u.startsWith(dir)).sort();
  }
  folderExists(dir: string): boolean {
    return [...this.texts.keys()].some((u) => u.startsWith(dir));
  }
  lookup(): undefined {
    return undefined;
  }
  defaultNamespace(): string {
    return 'default';
  }
  uri(suffix: string): string {
    const u = [...this.texts.keys()].find((k) => k.endsWith(suffix));
    assert.ok(u, suffix);
    return u;
  }
}

function load(rel: string): { files: Files; r: Renderings } {
  const files = new Files(rel);
  const r = new Renderings(files);
  for (const u of files.texts.keys()) r.noteFile(u);
  r.update([], true);
  return { files, r };
}

test('overlays are roots, their base is not; base files are covered, a patch file is only a patch', () => {
  const { files, r } = load('render/team-a');
  assert.deepEqual(
    r
      .allRoots()
      .map((x) => x.id.slice(x.id.indexOf('team-a/')))
      .sort(),
    ['team-a/overlays/prod/kustomization.yaml', 'team-a/overlays/staging/kustomization.yaml'],
  );
  assert.ok(r.isCovered(files.uri('base/agent.yaml')));
  assert.ok(r.isCovered(files.uri('prod/secret.yaml')));
  assert.ok(r.isPatchOnly(files.uri('staging/fewer-replicas.yaml')));
  const agents = r.resourcesFrom(files.uri('base/agent.yaml')).filter((a) => !a.producedBy);
  assert.deepEqual(agents.map((a) => `${a.namespace}/${a.name}`).sort(), [
    'team-a-prod/prod-support-agent',
    'team-a-staging/support-agent',
  ]);
  assert.deepEqual(
    agents.map((a) => a.namespaceSource.kind),
    ['kustomization', 'kustomization'],
  );
});

test('an edit re-renders only the roots that read the file, and keeps the resources it did not change', () => {
  const { files, r } = load('render/team-a');
  const before = r.resourcesFrom(files.uri('base/serviceaccount.yaml'));
  const patch = files.uri('staging/fewer-replicas.yaml');
  files.texts.set(patch, files.texts.get(patch)!.replace('replicas: 1', 'replicas: 2'));
  r.noteFile(patch);
  const delta = r.update([patch]);
  assert.deepEqual(
    delta.added.filter((x) => !x.producedBy).map((x) => `${x.namespace}/${x.name}`),
    ['team-a-staging/support-agent'],
  );
  assert.deepEqual(
    delta.removed.filter((x) => !x.producedBy).map((x) => `${x.namespace}/${x.name}`),
    ['team-a-staging/support-agent'],
  );
  assert.deepEqual(r.resourcesFrom(files.uri('base/serviceaccount.yaml')), before, 'unchanged objects keep their identity');
});

test('a new overlay listing the base adds a root; removing its kustomization drops it', () => {
  const { files, r } = load('render/team-a');
  const dev = files.uri('overlays/prod/kustomization.yaml').replace('/prod/', '/dev/');
  files.texts.set(dev, 'namespace: team-a-dev\nresources:\n  - ../../base\n');
  r.noteFile(dev);
  const delta = r.update([dev]);
  assert.equal(r.allRoots().length, 3);
  assert.ok(delta.added.some((x) => x.namespace === 'team-a-dev' && x.name === 'support-agent'));
  files.texts.delete(dev);
  r.noteFile(dev);
  const gone = r.update([dev]);
  assert.equal(r.allRoots().length, 2);
  assert.ok(gone.removed.some((x) => x.namespace === 'team-a-dev'));
});

test('a Flux Kustomization renders its path, and the kustomization there is no root of its own', () => {
  const { files, r } = load('render/flux');
  const ids = r
    .allRoots()
    .map((x) => `${x.kind} ${x.flux ?? x.dir.slice(x.dir.indexOf('flux/'))}`)
    .sort();
  assert.deepEqual(ids, ['flux flux-system/support', 'flux team-c/team-c']);
  const agent = r.resourcesFrom(files.uri('tenants/team-c/agent.yaml')).find((x) => x.kind === 'Agent')!;
  assert.equal(agent.namespace, 'team-c');
  assert.deepEqual(agent.namespaceSource, {
    kind: 'kustomization',
    uri: files.uri('clusters/prod/tenants.yaml'),
    field: 'spec.targetNamespace',
  });
});
