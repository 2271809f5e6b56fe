// What a namespace admits, over LSP: quota and limit range findings on the line to change, the
// other Agents of a quota'd namespace re-checked when one changes, the effective resources on
// hover, and the least-privilege RBAC fix written into the namespace's RBAC file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, offsetAt } from '../client.js';

const T = { timeout: 30_000 };
let c: TestClient;
before(async () => {
  c = await TestClient.start({ fixture: 'admission' });
  await c.indexReady();
});
after(() => c.shutdown());

const of = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))) {
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  }
  return out;
}

test('a LimitRange bound and a quota past its hard limit are errors on the values to change', T, async () => {
  const reviewer = await c.open('dev/c-reviewer.yaml');
  const bound = of(await c.currentDiagnostics(reviewer), 'limit-range-violation');
  assert.equal(bound.length, 1);
  assert.deepEqual(bound[0].range.start, c.positionOf(reviewer, '2Gi'));
  assert.match(text(bound[0]), /maximum memory usage per Container is 1Gi, but limit is 2Gi/);
  assert.match(bound[0].relatedInformation?.[0].location.uri ?? '', /dev\/policy\.yaml$/);
  const writer = await c.open('dev/b-writer.yaml');
  const quota = of(await c.currentDiagnostics(writer), 'quota-exceeded');
  assert.equal(quota.length, 1);
  assert.equal(quota[0].severity, 1);
  assert.deepEqual(quota[0].range.start, c.positionOf(writer, '6'));
  assert.match(text(quota[0]), /with planner applied before it\): pod 2 would bring requests\.cpu to 3 of 2/);
});

test("changing one Agent's replicas re-checks the other Agents of the quota'd namespace", T, async () => {
  const writer = await c.open('dev/b-writer.yaml');
  await c.currentDiagnostics(writer);
  const planner = await c.open('dev/a-planner.yaml');
  await c.replace(planner, 'replicas: 4', 'replicas: 0');
  const after = await c.diagnosticsFor(writer, (ds) => of(ds, 'quota-exceeded').some((d) => /pod 3 would bring/.test(text(d))));
  assert.match(text(of(after, 'quota-exceeded')[0]), /requested: requests\.cpu=1, used: requests\.cpu=2, limited: requests\.cpu=2/);
  await c.replace(planner, 'replicas: 0', 'replicas: 4');
  await c.diagnosticsFor(writer, (ds) => of(ds, 'quota-exceeded').some((d) => /pod 2 would bring/.test(text(d))));
});

test('hover on resources: the effective values, where each came from, and the quota use', T, async () => {
  const planner = await c.open('dev/a-planner.yaml');
  const hover: Hover = await c.request('textDocument/hover', {
    textDocument: { uri: planner },
    position: c.positionOf(planner, 'resources', undefined, 2),
  });
  const shown = (hover.contents as { value: string }).value;
  assert.match(shown, /\*\*Effective resources\*\* of container `agent` in namespace `dev`/);
  assert.match(shown, /`requests\.cpu: 250m` — default request of LimitRange dev-limits/);
  assert.match(shown, /`limits\.cpu: 500m` — default limit of LimitRange dev-limits/);
  assert.match(shown, /`requests\.memory: 256Mi` — written here/);
  assert.match(shown, /ResourceQuota `dev-quota`/);
  assert.match(shown, /`requests\.cpu`: 2 of 2 \(1\)/);
});

test(
  'rbac-missing-read: the quick fix binds the service account in the RBAC file of that namespace, and the warning goes away',
  T,
  async () => {
    const agent = await c.open('my-app/agent.yaml');
    const rbac = await c.open('shared-tools/rbac.yaml');
    const ds = of(await c.currentDiagnostics(agent), 'rbac-missing-read');
    assert.equal(ds.length, 1);
    assert.match(text(ds[0]), /ServiceAccount my-app\/my-agent-sa may not get agenttools\.agent\.flokoa\.ai in namespace shared-tools/);
    const actions: CodeAction[] = await c.request('textDocument/codeAction', {
      textDocument: { uri: agent },
      range: ds[0].range,
      context: { diagnostics: ds },
    });
    const grant = actions.find((a) => a.title.startsWith('Grant my-app/my-agent-sa get, list on agenttools'));
    assert.ok(grant, JSON.stringify(actions.map((a) => a.title)));
    const edits = grant.edit?.changes?.[rbac];
    assert.ok(edits, 'the edit goes to the RBAC file of shared-tools');
    const fixed = applyEdits(c.text(rbac), edits);
    // The Role that grants it exists: only the binding is added, to that Role.
    assert.equal(fixed.match(/^kind: Role$/gm)?.length, 1);
    assert.match(
      fixed,
      /kind: RoleBinding\nmetadata:\n {2}name: my-app-my-agent-sa-agenttool-reader\n {2}namespace: shared-tools\nsubjects:\n {2}- kind: ServiceAccount\n {4}name: my-agent-sa\n {4}namespace: my-app\nroleRef:\n {2}kind: Role\n {2}name: agenttool-reader\n/,
    );
    await c.change(rbac, [{ text: fixed }]);
    await c.diagnosticsFor(agent, (d) => of(d, 'rbac-missing-read').length === 0);
  },
);
