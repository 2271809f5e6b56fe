// Every rule as a published diagnostic: code, line, severity, source, messages and ranges,
// suppression comments and severity settings. Push mode (a client without pull diagnostics).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, FIXTURES, RULES_DOC_URL } from '../client.js';
import { expectedFindings } from '../expectations.js';

const T = { timeout: 30_000 };
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const found = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.code}`).sort();

let client: TestClient;
before(async () => {
  client = await TestClient.start({ fixture: 'broken' });
  await client.indexReady();
});
after(() => client.shutdown());

const brokenFiles = readdirSync(join(FIXTURES, 'broken'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

for (const file of brokenFiles) {
  test(`broken/${file}: exactly the marked findings`, T, async () => {
    const uri = await client.open(file);
    const diagnostics = await client.currentDiagnostics(uri);
    assert.deepEqual(found(diagnostics), expectedFindings(readFileSync(join(FIXTURES, 'broken', file), 'utf8')));
    for (const d of diagnostics) {
      assert.equal(d.source, 'flokoa');
      assert.match(String(d.code), /^[a-z0-9-]+$/);
      assert.equal(d.codeDescription?.href, `${RULES_DOC_URL}#${d.code}`);
      assert.ok(msg(d).length > 10, msg(d));
    }
  });
}

test('the rules of the issue are all exercised by the broken fixtures', () => {
  const ids = new Set(
    brokenFiles.flatMap((f) => expectedFindings(readFileSync(join(FIXTURES, 'broken', f), 'utf8')).map((e) => e.split(':')[1])),
  );
  for (const id of [
    'syntax',
    'yaml-limits',
    'unknown-kind',
    'unserved-version',
    'schema-type',
    'schema-required',
    'schema-enum',
    'schema-pattern',
    'schema-range',
    'schema-unknown-field',
    'schema-one-of',
    'unresolved-reference',
    'missing-secret',
    'missing-configmap',
    'missing-service',
    'missing-service-account',
    'missing-secret-key',
    'missing-configmap-key',
    'duplicate-resource',
    'image-latest',
    'missing-resources',
    'missing-probe',
    'probe-port-mismatch',
    'replicas-without-anti-affinity',
    'anti-affinity-selector-mismatch',
    'literal-secret-env',
    'unused-resource',
  ])
    assert.ok(ids.has(id), `no fixture exercises ${id}`);
});

test('unresolved reference: range is the name value; message says where it looked, did-you-mean and other namespaces', T, async () => {
  const uri = await client.open('references.yaml');
  const ds = await client.currentDiagnostics(uri);
  const unresolved = ds.filter((d) => d.code === 'unresolved-reference');
  assert.equal(unresolved.length, 3);
  const [model, typo, wrongKind] = unresolved.sort((a, b) => a.range.start.line - b.range.start.line);
  assert.deepEqual(model.range, client.rangeOf(uri, 'gpt-4o', 'model:'));
  assert.equal(model.severity, DiagnosticSeverity.Error);
  assert.match(msg(model), /team-y/);
  assert.match(msg(model), /team-x/); // exists there
  assert.deepEqual(typo.range, client.rangeOf(uri, 'serch'));
  assert.match(msg(typo), /search/);
  assert.match(msg(wrongKind), /Model/);
});

test('unknown field: range is the key, message suggests the right name', T, async () => {
  const uri = await client.open('schema.yaml');
  const ds = await client.currentDiagnostics(uri);
  const unknown = ds.find((d) => d.code === 'schema-unknown-field')!;
  assert.deepEqual(unknown.range, client.rangeOf(uri, 'replica'));
  assert.match(msg(unknown), /replicas/);
  assert.equal(unknown.severity, DiagnosticSeverity.Warning);
});

test('a syntax error is reported once and the other documents are still analysed', T, async () => {
  const uri = await client.open('syntax.yaml');
  const ds = await client.currentDiagnostics(uri);
  assert.equal(ds.filter((d) => d.code === 'syntax').length, 1);
  assert.ok(
    ds.some((d) => d.code === 'unresolved-reference' && d.range.start.line > ds.find((x) => x.code === 'syntax')!.range.start.line),
  );
});

test('severity hints: a missing Secret is a hint, an unused resource info', T, async () => {
  const uri = await client.open('external.yaml');
  const ds = await client.currentDiagnostics(uri);
  assert.equal(ds.find((d) => d.code === 'missing-secret')!.severity, DiagnosticSeverity.Hint);
  assert.equal(ds.find((d) => d.code === 'unused-resource')!.severity, DiagnosticSeverity.Information);
});

test('suppression: removing a # flokoa-ignore comment brings its finding back', T, async () => {
  const uri = await client.open('suppressed.yaml');
  assert.deepEqual(await client.currentDiagnostics(uri), []);
  await client.replace(uri, '        # flokoa-ignore image-latest\n', '');
  const ds = await client.currentDiagnostics(uri);
  assert.deepEqual(found(ds), [`${client.positionOf(uri, 'image:').line}:image-latest`]);
});

test('clean layouts produce no diagnostics', T, async () => {
  for (const [fixture, files] of [
    ['single', ['agent.yaml', 'model.yaml', 'modelprovider.yaml', 'agenttool.yaml', 'namespace.yaml']],
    [
      'shared',
      [
        'app/agents.yaml',
        'shared-models/models.yaml',
        'shared-resources/providers.yaml',
        'shared-resources/secrets.yaml',
        'shared-tools/tools.yaml',
      ],
    ],
    ['kustomize', ['team-a/agents/assistant.yaml', 'platform/models.yaml', 'platform/provider.yaml']],
  ] as const) {
    const c = await TestClient.start({ fixture });
    try {
      await c.indexReady();
      for (const f of files) {
        const uri = await c.open(f);
        assert.deepEqual(await c.currentDiagnostics(uri), [], `${fixture}/${f}`);
      }
    } finally {
      await c.shutdown();
    }
  }
});

test('environment isolation: production referring to staging is flagged, with both namespaces named', T, async () => {
  const c = await TestClient.start({ fixture: 'environments' });
  try {
    await c.indexReady();
    const uri = await c.open('production/agent.yaml');
    const ds = await c.currentDiagnostics(uri);
    assert.deepEqual(found(ds), [`${c.positionOf(uri, 'namespace: staging').line}:cross-environment-reference`]);
    assert.match(msg(ds[0]), /production/);
    assert.match(msg(ds[0]), /staging/);
    assert.deepEqual(await c.currentDiagnostics(await c.open('dev/agent.yaml')), []);
  } finally {
    await c.shutdown();
  }
});

test('severity settings: flokoa.rules.<id> raises, lowers and turns rules off', T, async () => {
  const c = await TestClient.start({
    fixture: 'broken',
    settings: { rules: { 'image-latest': 'error', 'missing-probe': 'off', 'missing-resources': 'hint' } },
  });
  try {
    await c.indexReady();
    const uri = await c.open('ha.yaml');
    const ds = await c.currentDiagnostics(uri);
    assert.ok(ds.filter((d) => d.code === 'image-latest').every((d) => d.severity === DiagnosticSeverity.Error));
    assert.equal(ds.filter((d) => d.code === 'missing-probe').length, 0);
    assert.equal(ds.find((d) => d.code === 'missing-resources')!.severity, DiagnosticSeverity.Hint);
    // A settings change re-publishes with the new severities.
    c.settings = { rules: { 'image-latest': 'off' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { flokoa: c.settings } });
    const after = await c.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'missing-probe'));
    assert.equal(after.filter((d) => d.code === 'image-latest').length, 0);
  } finally {
    await c.shutdown();
  }
});

test('invalid settings are reported to the user and ignored', T, async () => {
  const c = await TestClient.start({ fixture: 'single', settings: { rules: { 'image-latest': 'loud', 'no-such-rule': 'off' } } });
  try {
    await c.indexReady();
    const uri = await c.open('agent.yaml');
    assert.deepEqual(await c.currentDiagnostics(uri), []);
    assert.ok(
      c.logs.some((l) => /image-latest.*loud/.test(l.message)),
      JSON.stringify(c.logs),
    );
    assert.ok(
      c.logs.some((l) => /no rule "no-such-rule"/.test(l.message)),
      JSON.stringify(c.logs),
    );
  } finally {
    await c.shutdown();
  }
});

test('flokoa.defaultNamespace decides where documents without a namespace live', T, async () => {
  const c = await TestClient.start({ fixture: 'kustomize', settings: { defaultNamespace: 'tools' } });
  try {
    await c.indexReady();
    const uri = await c.open('loose.yaml');
    const ds = await c.currentDiagnostics(uri);
    assert.deepEqual(found(ds), [`${c.positionOf(uri, 'calendar').line}:unused-resource`]);
    assert.match(msg(ds[0]), /'tools'/);
    // A kustomization's namespace still wins over the setting.
    assert.deepEqual(await c.currentDiagnostics(await c.open('team-a/agents/assistant.yaml')), []);
  } finally {
    await c.shutdown();
  }
});
