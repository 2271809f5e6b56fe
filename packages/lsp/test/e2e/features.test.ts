// Editor features over LSP on the shared-resources layout (and the kustomize and broken ones):
// completion, hover, definition, references, rename, code actions, symbols, code lens, inlay hints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TestClient, offsetAt } from '../client.js';

const T = { timeout: 30_000 };
let c: TestClient;
before(async () => {
  c = await TestClient.start({ fixture: 'shared' });
  await c.indexReady();
});
after(() => c.shutdown());

const NEW_AGENT = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: new-agent
  namespace: my-app
spec:
  framework: langchain
  model:
    name: shared-gpt-4o
    namespace: shared-models
  tools:
    - toolRef:
        name: weather-api
        namespace: shared-tools
`;

async function complete(uri: string, line: number, character: number): Promise<CompletionList> {
  return c.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
}

async function completeAt(rel: string, text: string, cursor = '|'): Promise<CompletionList> {
  const at = text.indexOf(cursor);
  const clean = text.slice(0, at) + text.slice(at + cursor.length);
  const uri = await c.open(rel, clean);
  const lines = clean.slice(0, at).split('\n');
  try {
    return await complete(uri, lines.length - 1, lines[lines.length - 1].length);
  } finally {
    // Scratch documents must not join the workspace the other tests count references in.
    await c.close(uri);
  }
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'no hover');
  const contents = h.contents as { value: string };
  return contents.value;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

test('completion: keys of spec from the schema, required first, with docs and snippets', T, async () => {
  const list = await completeAt('app/c1.yaml', 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  |\n');
  const labels = list.items.map((i) => i.label);
  for (const k of ['framework', 'model', 'tools', 'runtime']) assert.ok(labels.includes(k), `${k} in ${labels}`);
  const model = list.items.find((i) => i.label === 'model')!;
  assert.match((model.documentation as { value: string }).value, /name/);
  assert.match((model.textEdit as TextEdit).newText, /^model:\n\s+name:/);
});

test('completion: keys already present are not offered again; nested keys follow the path', T, async () => {
  const list = await completeAt(
    'app/c2.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  runtime:\n    type: standard\n    spec:\n      repl|\n',
  );
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('replicas'));
  assert.ok(labels.includes('container'));
  assert.ok(!labels.includes('framework'));
  const list2 = await completeAt(
    'app/c3.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  framework: crewai\n  |\n',
  );
  assert.ok(!list2.items.some((i) => i.label === 'framework'));
});

test('completion: enum values', T, async () => {
  const list = await completeAt(
    'app/c4.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  framework: |\n',
  );
  assert.deepEqual(list.items.map((i) => i.label).sort(), ['a2a', 'autogen', 'crewai', 'langchain', 'pydantic-ai']);
});

test("completion: a reference's name lists that kind in the reference's namespace, with namespace and file", T, async () => {
  const text = NEW_AGENT.replace('name: shared-gpt-4o', 'name: |');
  const list = await completeAt('app/c5.yaml', text);
  assert.deepEqual(list.items.map((i) => i.label).sort(), ['shared-claude', 'shared-gpt-4o']);
  const item = list.items.find((i) => i.label === 'shared-gpt-4o')!;
  assert.match(item.detail!, /Model/);
  assert.match(item.detail!, /shared-models/);
  assert.match(item.detail!, /shared-models\/models\.yaml/);
  // Without namespace: the referrer's namespace (my-app) has no Model; those of other namespaces
  // come with the namespace: line they need.
  const elsewhere = await completeAt('app/c6.yaml', NEW_AGENT.replace('name: shared-gpt-4o\n    namespace: shared-models', 'name: |'));
  assert.deepEqual(elsewhere.items.map((i) => [i.label, i.labelDetails?.description, (i.textEdit as TextEdit).newText]).sort(), [
    ['shared-claude', 'shared-models', 'shared-claude\n    namespace: shared-models'],
    ['shared-gpt-4o', 'shared-models', 'shared-gpt-4o\n    namespace: shared-models'],
  ]);
  const tools = await completeAt('app/c7.yaml', NEW_AGENT.replace('name: weather-api', 'name: inv|'));
  assert.deepEqual(tools.items.map((i) => i.label).sort(), ['inventory-check', 'weather-api']);
});

test("completion: a reference's namespace lists the namespaces holding that kind", T, async () => {
  const list = await completeAt('app/c8.yaml', NEW_AGENT.replace('namespace: shared-models', 'namespace: |'));
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['shared-models'],
  );
  const tools = await completeAt('app/c9.yaml', NEW_AGENT.replace('namespace: shared-tools', 'namespace: |'));
  assert.deepEqual(
    tools.items.map((i) => i.label),
    ['shared-tools'],
  );
});

test("completion: a Secret's key comes from the Secret in the workspace, never its values", T, async () => {
  const text =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: p\n  namespace: shared-resources\nspec:\n  apiKeySecretRef:\n    name: openai-credentials\n    key: |\n  openai: {}\n';
  const list = await completeAt('shared-resources/c10.yaml', text);
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['api-key'],
  );
  assert.ok(!JSON.stringify(list).includes('c2stZml4dHVyZS1ub3QtYS1yZWFsLWtleQ'));
});

test('completion: metadata.namespace offers the namespaces of the workspace', T, async () => {
  const list = await completeAt(
    'app/c12.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: x\n  namespace: |\n',
  );
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['default', 'my-app', 'shared-models', 'shared-resources', 'shared-tools'],
  );
});

test('completion: an empty document offers the four Flokoa kinds as snippets', T, async () => {
  const list = await completeAt('app/c11.yaml', '|');
  const labels = list.items.map((i) => i.label).join(',');
  for (const k of ['Agent', 'Model', 'ModelProvider', 'AgentTool']) assert.match(labels, new RegExp(`\\b${k} \\(Flokoa\\)`));
  const agent = list.items.find((i) => i.label.startsWith('Agent '))!;
  assert.match((agent.textEdit as TextEdit).newText, /kind: Agent\n/);
  assert.equal(agent.insertTextFormat, 2);
});

test('hover on a reference: the target, its namespace and file, and the rest of the chain', T, async () => {
  const uri = c.uri('app/agents.yaml');
  await c.open('app/agents.yaml');
  const text = hoverText(
    await c.request('textDocument/hover', { textDocument: { uri }, position: c.positionOf(uri, 'shared-gpt-4o', undefined, 2) }),
  );
  assert.match(text, /Model.*shared-models\/shared-gpt-4o/);
  assert.match(text, /shared-models\/models\.yaml:4/);
  assert.match(text, /ModelProvider.*shared-resources\/openai-provider/);
  assert.match(text, /Secret.*shared-resources\/openai-credentials.*api-key/);
  assert.ok(!text.includes('c2st'), 'secret value leaked');
});

test('hover on metadata.name: the effective namespace and why', T, async () => {
  const k = await TestClient.start({ fixture: 'kustomize' });
  try {
    await k.indexReady();
    const uri = await k.open('team-a/agents/assistant.yaml');
    const text = hoverText(await k.request('textDocument/hover', { textDocument: { uri }, position: k.positionOf(uri, 'assistant') }));
    assert.match(text, /team-a/);
    assert.match(text, /team-a\/kustomization\.yaml/);
    assert.ok(!text.includes('file://'), text);
    const loose = await k.open('loose.yaml');
    const text2 = hoverText(
      await k.request('textDocument/hover', { textDocument: { uri: loose }, position: k.positionOf(loose, 'calendar') }),
    );
    assert.match(text2, /default/);
    assert.match(text2, /flokoa\.defaultNamespace/);
    const hints: InlayHint[] = await k.request('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => h.label),
      ['namespace: team-a'],
    );
  } finally {
    await k.shutdown();
  }
});

test('hover on a field: schema docs and type; on kind: the served versions', T, async () => {
  const uri = c.uri('app/agents.yaml');
  const text = hoverText(await c.request('textDocument/hover', { textDocument: { uri }, position: c.positionOf(uri, 'replicas') }));
  assert.match(text, /replicas: integer/);
  const kind = hoverText(await c.request('textDocument/hover', { textDocument: { uri }, position: c.positionOf(uri, 'Agent') }));
  assert.match(kind, /Served versions: `agent\.flokoa\.ai\/v1alpha1` — built-in schema/);
});

test('definition: from a reference to the target metadata.name in another file', T, async () => {
  const uri = c.uri('app/agents.yaml');
  const locs: Location[] = await c.request('textDocument/definition', {
    textDocument: { uri },
    position: c.positionOf(uri, 'inventory-check'),
  });
  const target = c.uri('shared-tools/tools.yaml');
  assert.deepEqual(locs, [{ uri: target, range: c.rangeOf(target, 'inventory-check') }]);
});

test('references: from the declaration and from a reference, every referrer across files', T, async () => {
  const tools = c.uri('shared-tools/tools.yaml');
  const fromDecl: Location[] = await c.request('textDocument/references', {
    textDocument: { uri: tools },
    position: c.positionOf(tools, 'weather-api'),
    context: { includeDeclaration: false },
  });
  const agents = c.uri('app/agents.yaml');
  assert.equal(fromDecl.length, 2);
  assert.ok(fromDecl.every((l) => l.uri === agents));
  const fromRef: Location[] = await c.request('textDocument/references', {
    textDocument: { uri: agents },
    position: c.positionOf(agents, 'weather-api'),
    context: { includeDeclaration: true },
  });
  assert.equal(fromRef.length, 3);
  assert.deepEqual(fromRef[0], { uri: tools, range: c.rangeOf(tools, 'weather-api') });
});

test('rename: a resource and every reference to it, across files', T, async () => {
  const agents = c.uri('app/agents.yaml');
  const pos = c.positionOf(agents, 'weather-api');
  const prep: { range: unknown; placeholder: string } = await c.request('textDocument/prepareRename', {
    textDocument: { uri: agents },
    position: pos,
  });
  assert.equal(prep.placeholder, 'weather-api');
  const edit: WorkspaceEdit = await c.request('textDocument/rename', {
    textDocument: { uri: agents },
    position: pos,
    newName: 'forecast-api',
  });
  const tools = c.uri('shared-tools/tools.yaml');
  assert.deepEqual(Object.keys(edit.changes!).sort(), [agents, tools].sort());
  assert.equal(edit.changes![agents].length, 2);
  assert.equal(edit.changes![tools].length, 1);
  const renamed = applyEdits(c.text(agents), edit.changes![agents]);
  assert.equal(renamed.match(/forecast-api/g)?.length, 2);
  assert.ok(!renamed.includes('weather-api'));
});

test('rename is refused where the cursor is not on a name, and for invalid names', T, async () => {
  const agents = c.uri('app/agents.yaml');
  await assert.rejects(
    c.request('textDocument/prepareRename', { textDocument: { uri: agents }, position: c.positionOf(agents, 'langchain') }),
    /name/,
  );
  await assert.rejects(
    c.request('textDocument/prepareRename', { textDocument: { uri: agents }, position: c.positionOf(agents, 'shared-tools') }),
    /namespace/,
  );
  await assert.rejects(
    c.request('textDocument/rename', { textDocument: { uri: agents }, position: c.positionOf(agents, 'weather-api'), newName: 'Bad_Name' }),
    /not a valid Kubernetes name/,
  );
});

test('document highlight: the definition and the references to a name in the same file', T, async () => {
  const uri = await c.open(
    'shared-models/models.yaml',
    c.text(c.uri('shared-models/models.yaml')) +
      [
        '---',
        'apiVersion: agent.flokoa.ai/v1alpha1',
        'kind: Agent',
        'metadata:',
        '  name: local',
        '  namespace: shared-models',
        'spec:',
        '  framework: langchain',
        '  model:',
        '    name: shared-claude',
        '',
      ].join('\n'),
  );
  try {
    const highlights: { range: unknown; kind: number }[] = await c.request('textDocument/documentHighlight', {
      textDocument: { uri },
      position: c.positionOf(uri, 'shared-claude'),
    });
    assert.deepEqual(
      highlights.map((h) => h.kind),
      [3, 2],
    );
    assert.deepEqual(highlights[1].range, c.rangeOf(uri, 'shared-claude', 'kind: Agent'));
  } finally {
    await c.change(uri, [{ text: c.text(uri).split('\n---\napiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent')[0] }]);
  }
});

test('document symbols: one per resource', T, async () => {
  const uri = await c.open('shared-models/models.yaml');
  const symbols: DocumentSymbol[] = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail]),
    [
      ['shared-gpt-4o', 'Model · shared-models'],
      ['shared-claude', 'Model · shared-models'],
    ],
  );
  assert.deepEqual(symbols[0].selectionRange, c.rangeOf(uri, 'shared-gpt-4o'));
});

test('workspace symbols: resources of every file, fuzzy by name', T, async () => {
  const symbols: SymbolInformation[] = await c.request('workspace/symbol', { query: 'sgpt' });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['shared-gpt-4o'],
  );
  assert.equal(symbols[0].location.uri, c.uri('shared-models/models.yaml'));
  const all: SymbolInformation[] = await c.request('workspace/symbol', { query: '' });
  assert.ok(all.length >= 12);
});

test('code lens: "used by N" on Models, ModelProviders, AgentTools and Secrets, with the referrers', T, async () => {
  const uri = c.uri('shared-tools/tools.yaml');
  const lenses: CodeLens[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => l.command!.title),
    ['used by 2', 'used by 1'],
  );
  const [, , locations] = lenses[0].command!.arguments as [string, unknown, Location[]];
  assert.ok(locations.every((l) => l.uri === c.uri('app/agents.yaml')));
  const secrets: CodeLens[] = await c.request('textDocument/codeLens', { textDocument: { uri: c.uri('shared-resources/secrets.yaml') } });
  assert.deepEqual(
    secrets.map((l) => l.command!.title),
    ['used by 1', 'used by 1'],
  );
});

test('code action: add the namespace where the referenced Model exists, and the finding goes away', T, async () => {
  const b = await TestClient.start({ fixture: 'broken' });
  try {
    await b.indexReady();
    const uri = await b.open('references.yaml');
    const ds = await b.currentDiagnostics(uri);
    const d = ds.find((x: Diagnostic) => x.code === 'unresolved-reference' && x.range.start.line === b.positionOf(uri, 'gpt-4o').line)!;
    const actions: CodeAction[] = await b.request('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const add = actions.find((a) => a.title === 'Add namespace: team-x');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => /flokoa-ignore/.test(a.title)));
    const typo = ds.find((x: Diagnostic) => x.code === 'unresolved-reference' && x.range.start.line === b.positionOf(uri, 'serch').line)!;
    const rename: CodeAction[] = await b.request('textDocument/codeAction', {
      textDocument: { uri },
      range: typo.range,
      context: { diagnostics: [typo] },
    });
    assert.ok(
      rename.some((a) => a.title === "Change to 'search'" && a.isPreferred),
      JSON.stringify(rename.map((a) => a.title)),
    );
    const fixed = applyEdits(b.text(uri), add.edit!.changes![uri]);
    assert.match(fixed, /name: gpt-4o\n\s+namespace: team-x/);
    await b.change(uri, [{ text: fixed }]);
    const after = await b.currentDiagnostics(uri);
    assert.equal(
      after.filter((x) => x.code === 'unresolved-reference').length,
      ds.filter((x) => x.code === 'unresolved-reference').length - 1,
    );
  } finally {
    await b.shutdown();
  }
});
