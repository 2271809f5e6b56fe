// Help with references across namespaces and to objects that do not exist yet, over LSP stdio:
// completion of a name found in another namespace writes its `namespace:` too, and a reference to
// a Flokoa object that exists nowhere gets a "Create …" quick fix next to "add namespace:".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, offsetAt } from '../client.js';

const T = { timeout: 60_000 };

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

test("completion of a tool in a list item inserts the namespace: at the name key's column, and the result resolves", T, async () => {
  const c = await TestClient.start({ fixture: 'shared', copy: true });
  try {
    await c.indexReady();
    const text =
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: n\n  namespace: my-app\nspec:\n  framework: langchain\n  tools:\n    - toolRef:\n        name: \n';
    const uri = await c.open('app/new.yaml', text);
    const list: CompletionList = await c.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: 9, character: 14 },
    });
    const weather = list.items.find((i) => i.label === 'weather-api');
    assert.ok(weather, JSON.stringify(list.items.map((i) => i.label)));
    const edit = weather.textEdit as TextEdit;
    const done = apply(text, [edit]);
    assert.match(done, /\n {8}name: weather-api\n {8}namespace: shared-tools\n$/);
    await c.change(uri, [{ text: done }]);
    const ds = await c.currentDiagnostics(uri);
    assert.ok(!ds.some((d) => d.code === 'unresolved-reference'), JSON.stringify(ds.map((d) => d.message)));
  } finally {
    await c.shutdown();
  }
});

test('completion of a name over many namespaces: a page of those matching what was typed, marked incomplete', T, async () => {
  const c = await TestClient.start({ fixture: 'shared', copy: true });
  try {
    await c.indexReady();
    const model = (i: number) =>
      `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: fleet-model-${i}\n  namespace: team-${i}\nspec:\n  model: gpt-4o\n  providerRef:\n    name: p\n`;
    await c.open('fleet/models.yaml', Array.from({ length: 450 }, (_, i) => model(i)).join('---\n'));
    const head =
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: n\n  namespace: my-app\nspec:\n  model:\n    name: ';
    const complete = async (typed: string): Promise<CompletionList> => {
      const uri = await c.open('app/many.yaml', `${head}${typed}\n`);
      return c.request('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 10 + typed.length } });
    };
    const all = await complete('');
    assert.equal(all.isIncomplete, true);
    assert.ok(all.items.length <= 250, String(all.items.length));
    // What was typed narrows the page: every other namespace's match is there, with its namespace: line.
    const narrowed = await complete('fleet-model-44');
    const labels = narrowed.items.map((i) => i.label).filter((l) => l.startsWith('fleet-model-44'));
    assert.deepEqual(labels.sort(), ['fleet-model-44', ...Array.from({ length: 10 }, (_, k) => `fleet-model-44${k}`)].sort());
    assert.equal(narrowed.isIncomplete, false);
    assert.match(
      (narrowed.items.find((i) => i.label === 'fleet-model-447')!.textEdit as TextEdit).newText,
      /^fleet-model-447\n {4}namespace: team-447$/,
    );
  } finally {
    await c.shutdown();
  }
});

test(
  'a Model that exists nowhere: "Create Model" appends a skeleton to the file holding that namespace\'s Models, and the reference resolves',
  T,
  async () => {
    const c = await TestClient.start({ fixture: 'shared', copy: true });
    try {
      await c.indexReady();
      const uri = await c.open('app/agents.yaml');
      await c.replace(uri, 'shared-gpt-4o', 'shared-gpt-5');
      const ds = await c.currentDiagnostics(uri, (d) => d.some((x) => x.code === 'unresolved-reference'));
      const d = ds.find((x: Diagnostic) => x.code === 'unresolved-reference')!;
      const actions: CodeAction[] = await c.request('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const create = actions.find((a) => /^Create Model/.test(a.title));
      assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(create.title, "Create Model 'shared-gpt-5' in shared-models/models.yaml");
      const models = c.uri('shared-models/models.yaml');
      const edits = create.edit!.changes![models];
      assert.equal(edits.length, 1);
      const created = apply(c.text(models), edits);
      assert.match(
        created,
        /\n---\napiVersion: agent\.flokoa\.ai\/v1alpha1\nkind: Model\nmetadata:\n {2}name: shared-gpt-5\n {2}namespace: shared-models\nspec:\n {2}model: gpt-4o\n/,
      );
      await c.open(models, created);
      const after = await c.currentDiagnostics(uri, (x) => !x.some((y) => y.code === 'unresolved-reference'));
      assert.ok(!after.some((x) => x.code === 'unresolved-reference'));
      const modelsDiags = await c.currentDiagnostics(models);
      // Its own provider is a placeholder to fill in; the shape is right.
      assert.ok(
        !modelsDiags.some((x) => String(x.code).startsWith('schema-')),
        `the skeleton is a valid Model: ${JSON.stringify(modelsDiags.map((x) => x.message))}`,
      );
    } finally {
      await c.shutdown();
    }
  },
);
