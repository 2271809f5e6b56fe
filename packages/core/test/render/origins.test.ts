// Where each rendered field comes from, and where each rendering problem is reported: the lines
// a user wrote (a base, a patch file, a kustomization line), so findings land there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFile, renderKustomization, type FieldOrigin, type RenderResult, type RenderedObject } from '../../src/index.js';
import { diskHost } from './diskHost.js';
import { FIXTURES } from '../fixtures.js';

function render(rel: string): RenderResult {
  return renderKustomization(diskHost(), pathToFileURL(join(FIXTURES, rel)).href + '/');
}

function object(r: RenderResult, kind: string, name: string): RenderedObject {
  const o = r.objects.find((x) => x.object.kind === kind && (x.object.metadata as Record<string, unknown>).name === name);
  assert.ok(o, `${kind} ${name} rendered`);
  return o;
}

/** "file#pointer" (source) or "transformer@file#pointer", with the file relative to the corpus. */
function describe(o: FieldOrigin | undefined): string {
  if (!o) return 'none';
  const file = o.doc.uri.slice(pathToFileURL(join(FIXTURES, 'render')).href.length + 1);
  return o.kind === 'source' ? `${file}#${o.pointer}` : `${o.transformer}@${file}#${o.pointer}`;
}

const origins: { tree: string; kind: string; name: string; pointer: string; origin: string; line?: number }[] = [
  // The patch file wrote the replica count; the overlay's `namespace:` wrote the namespace.
  {
    tree: 'team-a/overlays/staging',
    kind: 'Agent',
    name: 'support-agent',
    pointer: '/spec/runtime/spec/replicas',
    origin: 'team-a/overlays/staging/fewer-replicas.yaml#/spec/runtime/spec/replicas',
    line: 8,
  },
  {
    tree: 'team-a/overlays/staging',
    kind: 'Agent',
    name: 'support-agent',
    pointer: '/metadata/namespace',
    origin: 'namespace@team-a/overlays/staging/kustomization.yaml#/namespace',
  },
  {
    tree: 'team-a/overlays/staging',
    kind: 'Agent',
    name: 'support-agent',
    pointer: '/metadata/labels/environment',
    origin: 'commonLabels@team-a/overlays/staging/kustomization.yaml#/commonLabels/environment',
  },
  {
    tree: 'team-a/overlays/staging',
    kind: 'Agent',
    name: 'support-agent',
    pointer: '/spec/model/name',
    origin: 'team-a/base/agent.yaml#/spec/model/name',
    line: 8,
  },
  // A prefixed name is still the name the user wrote in the base.
  {
    tree: 'team-a/overlays/prod',
    kind: 'Agent',
    name: 'prod-support-agent',
    pointer: '/metadata/name',
    origin: 'team-a/base/agent.yaml#/metadata/name',
    line: 3,
  },
  {
    tree: 'team-a/overlays/prod',
    kind: 'Secret',
    name: 'prod-support-secrets',
    pointer: '/stringData/api-key',
    origin: 'team-a/overlays/prod/secret.yaml#/stringData/api-key',
  },
  // Keyed list merge: the sidecar's image came from the patch file, then the overlay's images rule.
  {
    tree: 'workloads/overlay',
    kind: 'Deployment',
    name: 'prod-web-v1',
    pointer: '/spec/template/spec/containers/0/env/0/value',
    origin: 'workloads/overlay/containers.yaml#/spec/template/spec/containers/0/env/0/value',
  },
  {
    tree: 'workloads/overlay',
    kind: 'Deployment',
    name: 'prod-web-v1',
    pointer: '/spec/template/spec/containers/0/image',
    origin: 'images@workloads/overlay/kustomization.yaml#/images/1',
  },
  {
    tree: 'workloads/overlay',
    kind: 'Deployment',
    name: 'prod-web-v1',
    pointer: '/spec/template/spec/containers/1/volumeMounts/0/mountPath',
    origin: 'workloads/base/deployment.yaml#/spec/template/spec/containers/0/volumeMounts/0/mountPath',
  },
  // An inline patch maps line by line into the kustomization.
  {
    tree: 'workloads/overlay',
    kind: 'Service',
    name: 'prod-web-v1',
    pointer: '/spec/ports/0/port',
    origin: 'workloads/overlay/kustomization.yaml#/spec/ports/0/port',
    line: 53,
  },
  // JSON patch values come from the patch file's `value`.
  {
    tree: 'workloads/overlay',
    kind: 'ConfigMap',
    name: 'prod-listed-v1',
    pointer: '/data/b',
    origin: 'workloads/overlay/listed-patch.yaml#/0/value',
  },
  // Generated data points at the generator line that produced it.
  {
    tree: 'workloads/base',
    kind: 'ConfigMap',
    name: 'app-env-282kbmk42c',
    pointer: '/data/DB_HOST',
    origin: 'workloads/base/kustomization.yaml#/configMapGenerator/1/envs/0',
  },
];

for (const c of origins) {
  test(`origin of ${c.pointer} of ${c.kind} ${c.name} in ${c.tree}`, () => {
    const o = object(render(`render/${c.tree}`), c.kind, c.name).originAt(c.pointer);
    assert.equal(describe(o), c.origin);
    if (c.line !== undefined) assert.equal(o?.doc.ranges.get(o.pointer)?.value.start.line, c.line);
  });
}

test('a prefixed name records who renamed it; a patch file is not an object', () => {
  const prod = render('render/team-a/overlays/prod');
  const model = object(prod, 'Model', 'prod-team-model');
  assert.deepEqual(
    model.changes.map((c) => `${c.from.name}->${c.to.name} by ${c.by.transformer}`),
    ['team-model->team-model by namespace', 'team-model->prod-team-model by namePrefix'],
  );
  const staging = render('render/team-a/overlays/staging');
  assert.ok([...staging.patchFiles].some((f) => f.endsWith('fewer-replicas.yaml')));
  assert.equal(staging.objects.length, 3);
});

const issues: { tree: string; code: string; pointer: string }[] = [
  { tree: 'render/errors/missing-patch-target', code: 'patch-target', pointer: '/patches/0/path' },
  { tree: 'render/errors/duplicate', code: 'duplicate-id', pointer: '/resources/1' },
  { tree: 'render/errors/outside-root', code: 'outside-root', pointer: '/resources/0' },
  { tree: 'render/errors/replicas-unconfigured', code: 'replicas-target', pointer: '/replicas/0/name' },
  { tree: 'render/errors/missing-resource', code: 'missing-file', pointer: '/resources/1' },
  { tree: 'render/errors/json-patch-path', code: 'patch', pointer: '/patches/0/patch' },
  { tree: 'render-offline/remote', code: 'remote', pointer: '/resources/0' },
  { tree: 'render-offline/helm', code: 'unknown-offline', pointer: '/helmCharts' },
];

for (const c of issues) {
  test(`rendering problem ${c.code} is reported on ${c.tree}/kustomization.yaml#${c.pointer}`, () => {
    const r = render(c.tree);
    const found = r.issues.find((i) => i.code === c.code);
    assert.ok(found, `issue ${c.code} in ${JSON.stringify(r.issues.map((i) => i.code))}`);
    assert.equal(found.pointer, c.pointer);
    assert.ok(found.doc.uri.endsWith(`${c.tree}/kustomization.yaml`));
  });
}

test('what cannot be known offline: a remote base is skipped, a Helm chart makes the rendering opaque', () => {
  const remote = render('render-offline/remote');
  assert.equal(remote.opaque, false);
  assert.deepEqual(
    remote.objects.map((o) => (o.object.metadata as Record<string, unknown>).namespace),
    ['remote-ns'],
  );
  assert.equal(render('render-offline/helm').opaque, true);
});

test('a malformed secretGenerator source is reported without its text (it may be the secret)', () => {
  const texts = new Map([
    [
      'file:///k/kustomization.yaml',
      'secretGenerator:\n  - name: creds\n    literals:\n      - hunter2-not-key-value\n  - name: more\n    envs:\n      - creds.env\n',
    ],
    ['file:///k/creds.env', 'GOOD=1\nthis is s3cret\n'],
  ]);
  const r = renderKustomization(
    {
      documents: (uri) =>
        texts.has(uri)
          ? [
              {
                uri,
                docIndex: 0,
                value: parseFile(uri, texts.get(uri)!).docs[0].value,
                ranges: { get: () => undefined, pointers: () => [] },
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              },
            ]
          : undefined,
      text: (uri) => texts.get(uri),
      yamlFilesUnder: () => [],
    },
    'file:///k/',
  );
  const messages = r.issues.map((i) => i.message).join('\n');
  assert.equal(r.issues.length, 2);
  assert.ok(!messages.includes('hunter2') && !messages.includes('s3cret'), messages);
});
