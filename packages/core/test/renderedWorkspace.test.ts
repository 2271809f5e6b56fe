// The workspace on a GitOps tree: findings of what the overlays render, on the base's lines, saying
// which overlay; patch files are no objects; the configurations quick fix really fixes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, type Finding, type Fix } from '../src/index.js';
import { fixtureDir } from './fixtures.js';

function load(rel: string): { ws: Workspace; uri: (suffix: string) => string; texts: Map<string, string> } {
  const ws = new Workspace();
  const texts = new Map(fixtureDir(rel).map((f) => [f.uri, f.text]));
  ws.setFiles([...texts].map(([uri, text]) => ({ uri, text })));
  const uri = (suffix: string): string => {
    const u = [...texts.keys()].find((k) => k.endsWith(suffix));
    assert.ok(u, suffix);
    return u;
  };
  return { ws, uri, texts };
}

const brief = (f: Finding): string => `${f.range.start.line + 1} ${f.ruleId} ${f.message}`;
const has = (list: string[], start: string): boolean => list.some((x) => x.startsWith(start));

test("a base in two overlays: what only prod breaks says 'in overlays/prod', what both share is said once", () => {
  const { ws, uri } = load('render/team-a');
  const findings = ws.analyze(uri('base/agent.yaml')).map(brief);
  assert.ok(
    has(
      findings,
      "9 kustomize-name-reference in overlays/prod (team-a-prod): Model 'team-model' was renamed to 'prod-team-model' by namePrefix; kustomize does not rewrite spec.model.name",
    ),
    findings.join('\n'),
  );
  assert.ok(has(findings, "22 missing-secret in overlays/staging (team-a-staging): Secret 'support-secrets' is not defined"));
  assert.ok(has(findings, "17 image-latest Image 'ghcr.io/example/support-agent:latest' uses :latest."));
  assert.equal(findings.filter((f) => f.includes('image-latest')).length, 1, 'one finding for both overlays');
});

test('a patch file is not an object: no schema finding, no duplicate', () => {
  const { ws, uri } = load('render/team-a');
  assert.deepEqual(ws.analyze(uri('staging/fewer-replicas.yaml')), []);
  assert.deepEqual(ws.resourcesIn(uri('staging/fewer-replicas.yaml')), []);
  assert.deepEqual(
    ws
      .resources({ group: 'agent.flokoa.ai', kind: 'Agent' })
      .map((r) => `${r.namespace}/${r.name}`)
      .sort(),
    ['team-a-prod/prod-support-agent', 'team-a-staging/support-agent'],
  );
});

test("an images: entry that reaches no Agent is reported on the overlay's line", () => {
  const { ws, uri } = load('render/team-a');
  assert.deepEqual(
    ws
      .analyze(uri('prod/kustomization.yaml'))
      .map((f) => `${f.range.start.line + 1} ${f.ruleId}`)
      .sort(),
    // The namePrefix line also says which references it leaves behind (Model, Secret, ServiceAccount).
    ['4 kustomize-name-reference', '4 kustomize-name-reference', '4 kustomize-name-reference', '9 kustomize-image-unused'],
  );
});

/** Applies a fix's edits to the texts (creating files it creates) and hands them to the workspace. */
function apply(ws: Workspace, texts: Map<string, string>, fix: Fix, defaultUri: string): void {
  const byUri = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byUri.set(e.uri ?? defaultUri, [...(byUri.get(e.uri ?? defaultUri) ?? []), e]);
  for (const [u, edits] of byUri) {
    let text = texts.get(u) ?? '';
    const offset = (p: { line: number; character: number }): number => {
      const lines = text.split('\n');
      return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    };
    for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
      assert.equal(!!e.create, !texts.has(u), `${u}: create only what does not exist`);
      text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
    }
    texts.set(u, text);
    ws.setFile(u, text);
  }
}

test('the configurations quick fix makes kustomize rewrite the references, and the findings go', () => {
  const { ws, uri, texts } = load('render/team-a');
  for (let round = 0; round < 3; round++) {
    const f = ws.analyze(uri('base/agent.yaml')).find((x) => x.ruleId === 'kustomize-name-reference');
    if (!f) break;
    assert.ok(f.fixes?.[0], 'a fix');
    apply(ws, texts, f.fixes[0], f.uri);
  }
  const left = ws
    .analyze(uri('base/agent.yaml'))
    .filter((x) => x.ruleId === 'kustomize-name-reference' || x.ruleId === 'unresolved-reference');
  assert.deepEqual(left.map(brief), []);
  const config = texts.get(uri('base/flokoa-kustomize.yaml'))!;
  assert.match(config, /^nameReference:$/m);
  assert.ok(
    config.includes(
      '  - kind: Model\n    group: agent.flokoa.ai\n    fieldSpecs:\n      - kind: Agent\n        group: agent.flokoa.ai\n        path: spec/model/name\n',
    ),
    config,
  );
  assert.match(texts.get(uri('base/kustomization.yaml'))!, /configurations:\n {2}- flokoa-kustomize\.yaml\n$/);
  const agent = ws.resources({ group: 'agent.flokoa.ai', kind: 'Agent', namespace: 'team-a-prod' })[0];
  assert.equal((agent.object.spec as { model: { name: string } }).model.name, 'prod-team-model');
});

test('editing the base re-renders the overlays: a fix in the base clears the finding in both', () => {
  const { ws, uri, texts } = load('render/team-a');
  const base = uri('base/agent.yaml');
  const next = texts.get(base)!.replace('image: ghcr.io/example/support-agent:latest', 'image: ghcr.io/example/support-agent:v2.0.0');
  ws.setFile(base, next);
  assert.ok(ws.dependentsOf(base).includes(uri('prod/kustomization.yaml')), 'the overlay that read it');
  assert.ok(!ws.analyze(base).some((f) => f.ruleId === 'image-latest'));
});

test("a Flux tenant's objects are in its targetNamespace: no 'add namespace: default' that would break the tenant", () => {
  const files = [
    {
      uri: 'file:///fleet/clusters/prod/team-c.yaml',
      text: 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: team-c\n  namespace: team-c\nspec:\n  path: ./tenants/team-c\n  targetNamespace: team-c\n  serviceAccountName: team-c\n  sourceRef:\n    kind: GitRepository\n    name: team-c\n',
    },
    {
      uri: 'file:///fleet/tenants/team-c/agent.yaml',
      text: 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: helper\n  namespace: team-c\nspec:\n  model:\n    name: helper-model\n  runtime:\n    type: standard\n    spec:\n      container:\n        name: agent\n        image: ghcr.io/example/helper:v1.0.0\n',
    },
    {
      uri: 'file:///fleet/tenants/team-c/model.yaml',
      text: 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: helper-model\nspec:\n  model: gpt-4o-mini\n  providerRef:\n    name: openai\n    namespace: team-c\n---\napiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: openai\nspec:\n  openai: {}\n',
    },
  ];
  const plain = new Workspace();
  plain.setFiles(files.slice(1));
  const before = plain.analyze(files[1].uri).find((f) => f.ruleId === 'unresolved-reference');
  assert.match(before?.message ?? '', /add namespace: default/, 'read alone, the Model is in default');
  const ws = new Workspace();
  ws.setFiles(files);
  assert.deepEqual(
    ws.analyze(files[1].uri).filter((f) => f.ruleId === 'unresolved-reference'),
    [],
  );
  assert.equal(ws.resources({ group: 'agent.flokoa.ai', kind: 'Model' })[0].namespace, 'team-c');
});
