// The renderer against its oracle: every kustomization under test/fixtures/render is rendered by
// `kubectl kustomize` and by us, and every object must agree field for field (or both must fail).
// A Flux Kustomization is checked on a copy of the tree where its folder's kustomization is
// rewritten the way kustomize-controller rewrites it; post-build substitution and common
// metadata are unit-tested beside (no oracle runs them). FLOKOA_RENDER_ORACLE_DIRS
// (colon-separated) adds folders of real files to compare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { parseFile, renderFluxKustomization, isFluxKustomization, resolveFluxPath } from '../../src/index.js';
import { compareWithKubectl, kubectlAvailable, kubectlKustomize, diffObjects } from './kustomizeOracle.js';
import { diskHost } from '../render/diskHost.js';
import { FIXTURES } from '../fixtures.js';

const CORPUS = join(FIXTURES, 'render');
const KUBECTL = kubectlAvailable();

/** Every folder holding a kustomization that is not a Component. */
function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'kustomization.yaml' && !/^kind:\s*Component/m.test(readFileSync(p, 'utf8'))) out.push(dir);
    }
  };
  walk(root);
  return out;
}

test('kubectl is installed (the oracle; scripts/setup.sh installs it)', () => {
  assert.ok(KUBECTL, 'kubectl not found on PATH: run scripts/setup.sh');
});

const extra = (process.env.FLOKOA_RENDER_ORACLE_DIRS ?? '').split(':').filter(Boolean);
for (const dir of [...kustomizationDirs(CORPUS), ...extra.flatMap(kustomizationDirs)]) {
  const name = dir.startsWith(CORPUS) ? relative(CORPUS, dir) : dir;
  test(`renders like kubectl kustomize: ${name}`, { skip: !KUBECTL && 'kubectl missing (see the test above)' }, () => {
    assert.deepEqual(compareWithKubectl(dir), []);
  });
}

/** Every Flux Kustomization document of the corpus, with its file. */
function fluxDocuments(): { file: string; value: Record<string, unknown>; index: number }[] {
  const out: { file: string; value: Record<string, unknown>; index: number }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yaml'))
        parseFile('x', readFileSync(p, 'utf8')).docs.forEach((d, index) => {
          if (isFluxKustomization(d.value)) out.push({ file: p, value: d.value as Record<string, unknown>, index });
        });
    }
  };
  walk(CORPUS);
  return out;
}

/** The kustomization kustomize-controller writes into the folder before building it. */
function fluxKustomization(folder: string, spec: Record<string, unknown>): Record<string, unknown> {
  const file = join(folder, 'kustomization.yaml');
  let k: Record<string, unknown>;
  if (existsSync(file)) k = parseFile('x', readFileSync(file, 'utf8')).docs[0].value as Record<string, unknown>;
  else {
    const resources: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
          if (existsSync(join(p, 'kustomization.yaml'))) resources.push(relative(folder, p));
          else walk(p);
        } else if (/\.ya?ml$/.test(name)) resources.push(relative(folder, p));
      }
    };
    walk(folder);
    k = { resources };
  }
  if (spec.targetNamespace) k.namespace = spec.targetNamespace;
  if (spec.namePrefix) k.namePrefix = spec.namePrefix;
  if (spec.nameSuffix) k.nameSuffix = spec.nameSuffix;
  if (Array.isArray(spec.patches)) k.patches = [...((k.patches as unknown[]) ?? []), ...spec.patches];
  if (Array.isArray(spec.images)) k.images = [...((k.images as unknown[]) ?? []), ...spec.images];
  if (Array.isArray(spec.components)) k.components = [...((k.components as unknown[]) ?? []), ...spec.components];
  return k;
}

for (const flux of fluxDocuments()) {
  const meta = flux.value.metadata as Record<string, string>;
  const spec = flux.value.spec as Record<string, unknown>;
  test(
    `renders like kustomize-controller's build: Flux Kustomization ${meta.namespace}/${meta.name}`,
    { skip: !KUBECTL && 'kubectl missing' },
    () => {
      const folderUri = resolveFluxPath(pathToFileURL(flux.file).href, String(spec.path), (d) => existsSync(fileURLToPath(d)));
      assert.ok(folderUri, `spec.path ${String(spec.path)} is in the corpus`);
      const folder = fileURLToPath(folderUri);
      const scratch = mkdtempSync(join(tmpdir(), 'flux-oracle-'));
      try {
        cpSync(CORPUS, scratch, { recursive: true });
        const copy = join(scratch, relative(CORPUS, folder));
        writeFileSync(join(copy, 'kustomization.yaml'), stringify(fluxKustomization(copy, spec)));
        const expected = kubectlKustomize(copy);
        const host = diskHost();
        const doc = host.documents(pathToFileURL(flux.file).href)![flux.index];
        // Without post-build steps: those run after kustomize and have no oracle.
        const bare = { ...doc, value: { ...flux.value, spec: { ...spec, postBuild: undefined, commonMetadata: undefined } } };
        const ours = renderFluxKustomization(host, bare, folderUri, { namespace: meta.namespace, lookup: () => undefined });
        assert.ok(!('error' in expected), `kubectl fails: ${'error' in expected ? expected.error : ''}`);
        assert.deepEqual(
          ours.issues.filter((i) => i.severity === 'error').map((i) => i.message),
          [],
        );
        assert.deepEqual(
          diffObjects(
            expected.objects,
            ours.objects.map((o) => JSON.parse(JSON.stringify(o.object)) as Record<string, unknown>),
          ),
          [],
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  );
}
