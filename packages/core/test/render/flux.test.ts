// Flux on top of kustomize: where spec.path leads, post-build substitution (no oracle runs it,
// so it is held to the documented behaviour here), common metadata and target namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderFluxKustomization, resolveFluxPath, type RenderResult } from '../../src/index.js';
import { substituteString } from '../../src/render/substitute.js';
import { diskHost } from './diskHost.js';
import { FIXTURES } from '../fixtures.js';

const ROOT = join(FIXTURES, 'render/flux');
const uri = (rel: string): string => pathToFileURL(join(ROOT, rel)).href;

const substitutions: [string, Record<string, string>, string | undefined][] = [
  ['no variables here', { a: '1' }, undefined],
  ['${a}', { a: '1' }, '1'],
  ['image:${tag}', { tag: 'v2' }, 'image:v2'],
  ['${missing}', {}, ''],
  ['${missing:=fallback}', {}, 'fallback'],
  ['${missing:-fallback}', {}, 'fallback'],
  ['${set:=fallback}', { set: 'x' }, 'x'],
  ['$${literal}', { literal: 'no' }, '${literal}'],
  ['$a stays: only ${b} is a variable', { a: 'no', b: 'yes' }, '$a stays: only yes is a variable'],
];

for (const [input, vars, expected] of substitutions) {
  test(`postBuild substitution: ${JSON.stringify(input)}`, () => assert.equal(substituteString(input, vars), expected));
}

test('spec.path resolves from the nearest ancestor of the Kustomization file that has it; another repository has none', () => {
  const exists = (d: string): boolean => existsSync(fileURLToPath(d));
  assert.equal(resolveFluxPath(uri('clusters/prod/apps.yaml'), './apps/support/prod', exists), uri('apps/support/prod') + '/');
  assert.equal(resolveFluxPath(uri('clusters/prod/apps.yaml'), 'tenants/team-c/', exists), uri('tenants/team-c') + '/');
  assert.equal(resolveFluxPath(uri('clusters/prod/apps.yaml'), './not/in/this/repo', exists), undefined);
  assert.equal(resolveFluxPath(uri('clusters/prod/apps.yaml'), '../escape', exists), undefined);
});

function renderFlux(file: string, folder: string, lookupFile?: string): RenderResult {
  const host = diskHost();
  const doc = host.documents(uri(file))![0];
  const meta = (doc.value as { metadata: { namespace: string } }).metadata;
  return renderFluxKustomization(host, doc, uri(folder) + '/', {
    namespace: meta.namespace,
    lookup: (kind, ns, name) => {
      const v = lookupFile ? (host.documents(uri(lookupFile))?.[0]?.value as Record<string, unknown> | undefined) : undefined;
      const m = v?.metadata as Record<string, unknown> | undefined;
      return v && v.kind === kind && m?.namespace === ns && m?.name === name ? (v as never) : undefined;
    },
  });
}

test('a tenant folder without kustomization.yaml: every manifest below it, in the target namespace, variables typed as YAML reads them', () => {
  const r = renderFlux('clusters/prod/tenants.yaml', 'tenants/team-c');
  assert.deepEqual(r.issues, []);
  const agent = r.objects.find((o) => o.object.kind === 'Agent')!;
  const spec = (agent.object.spec as { runtime: { spec: { replicas: unknown; container: { image: unknown } } } }).runtime.spec;
  assert.equal(spec.replicas, 2, 'an unquoted ${replicas} becomes a number');
  assert.equal(spec.container.image, 'ghcr.io/example/helper:v1.4.0', 'a quoted one stays a string');
  const ns = agent.originAt('/metadata/namespace');
  assert.equal(ns?.kind === 'transformer' && `${ns.transformer}#${ns.pointer}`, 'targetNamespace#/spec/targetNamespace');
  const role = r.objects.find((o) => o.object.kind === 'ClusterRole')!;
  assert.equal((role.object.metadata as Record<string, unknown>).namespace, undefined, 'a cluster-scoped object gets no namespace');
});

test('a folder with a kustomization: prefix, patches, images and common metadata from the Flux Kustomization, variables from a ConfigMap', () => {
  const r = renderFlux('clusters/prod/apps.yaml', 'apps/support/prod', 'clusters/prod/cluster-vars.yaml');
  assert.deepEqual(r.issues, []);
  const agent = r.objects[0].object as { metadata: Record<string, unknown>; spec: { runtime: { spec: { replicas: number } } } };
  assert.equal(agent.metadata.name, 'fx-support');
  assert.equal(agent.metadata.namespace, 'support-prod', 'targetNamespace overrides the kustomization namespace');
  assert.deepEqual(agent.metadata.labels, { owner: 'platform' });
  assert.deepEqual(agent.metadata.annotations, { region: 'eu-west-1' });
  assert.equal(agent.spec.runtime.spec.replicas, 5);
  const replicas = r.objects[0].originAt('/spec/runtime/spec/replicas');
  assert.ok(replicas?.doc.uri.endsWith('clusters/prod/apps.yaml'), 'the Flux patch is where the count was written');
});

test('a substituteFrom object not in the workspace is said once; its variables are unknown', () => {
  const r = renderFlux('clusters/prod/apps.yaml', 'apps/support/prod');
  assert.deepEqual(
    r.issues.map((i) => `${i.code} ${i.pointer}`),
    ['flux-substitute-from /spec/postBuild/substituteFrom/0'],
  );
});
