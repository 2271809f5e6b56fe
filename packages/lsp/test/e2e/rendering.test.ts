// The server on a kustomize + Flux tree (over LSP, stdio): diagnostics of what the overlays and
// the tenant render, on the lines written, per overlay; hover with the rendered identities; the
// configurations quick fix as a file creation; an edit in a base re-checks the overlays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { TestClient } from '../client.js';

const T = { timeout: 30_000 };
let c: TestClient;
before(async () => {
  c = await TestClient.start({ fixture: 'gitops', copy: true });
  await c.indexReady();
});
after(() => c.shutdown());

const AGENT = 'apps/support/base/agent.yaml';
const PROD = 'apps/support/overlays/prod/kustomization.yaml';

function hoverText(h: Hover | null): string {
  const v = h?.contents;
  return typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : '';
}

test("a base's diagnostics say which overlay breaks; a patch file has none", T, async () => {
  const uri = await c.open(AGENT);
  const diags = await c.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'kustomize-name-reference'));
  const messages = diags.map((d) => `${d.code} ${d.message}`);
  assert.ok(
    messages.some((m) =>
      m.startsWith("kustomize-name-reference in overlays/prod (team-a-prod): Model 'team-model' was renamed to 'prod-team-model'"),
    ),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => m.startsWith("missing-secret in overlays/staging (team-a-staging): Secret 'support-secrets'")));
  const patch = await c.open('apps/support/overlays/staging/fewer-replicas.yaml');
  assert.deepEqual(await c.diagnosticsFor(patch), []);
  const tenant = await c.open('tenants/team-c/rbac.yaml');
  assert.deepEqual(
    (await c.diagnosticsFor(tenant, (d) => d.length > 0)).map((d) => d.code),
    ['flux-tenant-cluster-scoped'],
  );
});

test('hover on a name in a base: what each overlay makes of it, and who renamed it', T, async () => {
  const uri = await c.open('apps/support/base/model.yaml');
  const text = hoverText(await c.request('textDocument/hover', { textDocument: { uri }, position: c.positionOf(uri, 'team-model') }));
  assert.match(text, /Rendered 2 times/);
  assert.match(
    text,
    /overlays\/prod: Model `team-a-prod\/prod-team-model` — .*namePrefix \(apps\/support\/overlays\/prod\/kustomization\.yaml:2\)/,
  );
  assert.match(text, /overlays\/staging: Model `team-a-staging\/team-model`/);
});

test('go to definition from a base reference reaches the target of each overlay', T, async () => {
  const uri = await c.open(AGENT);
  const locs: Location[] = await c.request('textDocument/definition', { textDocument: { uri }, position: c.positionOf(uri, 'team-model') });
  assert.deepEqual(
    locs.map((l) => l.uri.slice(l.uri.indexOf('apps/'))),
    ['apps/support/base/model.yaml'],
  );
});

test('the configurations quick fix creates flokoa-kustomize.yaml and lists it', T, async () => {
  const uri = await c.open(AGENT);
  const diags = await c.currentDiagnostics(uri, (d) => d.some((x) => x.code === 'kustomize-name-reference'));
  const d = diags.find((x) => x.code === 'kustomize-name-reference' && String(x.message).includes("Model 'team-model'")) as Diagnostic;
  const actions: CodeAction[] = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.title.startsWith('Teach kustomize'));
  assert.ok(fix?.edit?.documentChanges, JSON.stringify(actions.map((a) => a.title)));
  const ops = fix.edit.documentChanges.map((x) =>
    'textDocument' in x ? `edit ${x.textDocument.uri.split('/').pop()}` : x.kind === 'create' ? `create ${x.uri.split('/').pop()}` : x.kind,
  );
  assert.deepEqual(ops, ['create flokoa-kustomize.yaml', 'edit flokoa-kustomize.yaml', 'edit kustomization.yaml']);
});

test("an edit in the base re-checks the overlay: the images entry finding goes when the Agent's image stops matching", T, async () => {
  const prod = await c.open(PROD);
  await c.diagnosticsFor(prod, (d) => d.some((x) => x.code === 'kustomize-image-unused'));
  const uri = await c.open(AGENT);
  await c.replace(uri, 'ghcr.io/example/support-agent:v2.1.0', 'ghcr.io/example/other-agent:v2.1.0');
  await c.diagnosticsFor(prod, (d) => !d.some((x) => x.code === 'kustomize-image-unused'));
});

test('completion of a reference name in a base offers the name its file says, and what each overlay makes of it', T, async () => {
  const uri = await c.open('apps/support/base/agent.yaml');
  const pos = c.positionOf(uri, 'team-model');
  const list: CompletionList = await c.request('textDocument/completion', {
    textDocument: { uri },
    position: { line: pos.line, character: pos.character + 4 },
  });
  const model = list.items.find((i) => i.label === 'team-model');
  assert.ok(model, JSON.stringify(list.items.map((i) => i.label)));
  assert.equal(model.detail, 'Model · in 2 of 2 renderings');
  const doc = typeof model.documentation === 'object' ? model.documentation.value : '';
  assert.match(doc, /overlays\/prod: `team-a-prod\/prod-team-model`/);
  assert.match(doc, /overlays\/staging: `team-a-staging\/team-model`/);
});
