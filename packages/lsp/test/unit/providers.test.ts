// Each feature provider called on an indexed session (no server process): the answers the
// protocol tests in e2e/ check end to end, here case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { provideHover } from '../../src/features/hover.js';
import { provideDefinition } from '../../src/features/definition.js';
import { provideReferences } from '../../src/features/references.js';
import { prepareRename, provideRename } from '../../src/features/rename.js';
import { provideCompletion } from '../../src/features/completion.js';
import { provideDocumentSymbols } from '../../src/features/documentSymbols.js';
import { inProcess } from './session.js';

const file = (l: Location) => l.uri.slice(l.uri.lastIndexOf('/') + 1);

test('providers on a session: definition, references and hover of a Model reference', async () => {
  const s = await inProcess('single');
  const agent = s.open('agent.yaml');
  const position = s.at('agent.yaml', 'gpt-4o-model', 2);

  const def = await provideDefinition(s.ctx, { textDocument: { uri: agent }, position }, s.token);
  const targets = (Array.isArray(def) ? def : def ? [def] : []) as Location[];
  assert.deepEqual(targets.map(file), ['model.yaml']);
  assert.equal(targets[0].range.start.line, s.at('model.yaml', 'gpt-4o-model').line);

  const refs = await provideReferences(s.ctx, { textDocument: { uri: agent }, position, context: { includeDeclaration: true } }, s.token);
  assert.deepEqual((refs ?? []).map(file).sort(), ['agent.yaml', 'model.yaml']);

  const hover = await provideHover(s.ctx, { textDocument: { uri: agent }, position }, s.token);
  const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(text, /Model/);
  assert.match(text, /gpt-4o-model/);
  assert.deepEqual(s.errors, []);
});

test('providers on a session: rename of a Model edits its definition and every reference, and nothing else', async () => {
  const s = await inProcess('single');
  const model = s.open('model.yaml');
  const position = s.at('model.yaml', 'gpt-4o-model', 1);
  const prepared = await prepareRename(s.ctx, { textDocument: { uri: model }, position }, s.token);
  assert.ok(prepared, 'the Model name can be renamed');

  const edit = await provideRename(s.ctx, { textDocument: { uri: model }, position, newName: 'gpt-4o-main' }, s.token);
  const changes = edit?.changes ?? {};
  const byFile = Object.fromEntries(Object.entries(changes).map(([u, e]) => [u.slice(u.lastIndexOf('/') + 1), e as TextEdit[]]));
  assert.deepEqual(Object.keys(byFile).sort(), ['agent.yaml', 'model.yaml']);
  for (const edits of Object.values(byFile)) for (const e of edits) assert.equal(e.newText, 'gpt-4o-main');
  assert.equal(byFile['agent.yaml'][0].range.start.line, s.at('agent.yaml', 'gpt-4o-model').line);
  assert.deepEqual(s.errors, []);
});

test('providers on a session: completion of a Model reference offers the Models of the namespace', async () => {
  const s = await inProcess('single');
  const text = readAgentWithEmptyModel();
  const agent = s.open('agent.yaml', text);
  const position = s.at('agent.yaml', 'name: ', 6, 2);
  const list = provideCompletion(s.ctx, { textDocument: { uri: agent }, position });
  const labels = (list?.items ?? []).map((i) => i.label);
  assert.ok(labels.includes('gpt-4o-model'), labels.join(', '));
  assert.deepEqual(s.errors, []);
});

test('providers on a session: document symbols name each resource by kind and name', async () => {
  const s = await inProcess('single');
  const agent = s.open('agent.yaml');
  const symbols = provideDocumentSymbols(s.ctx, { textDocument: { uri: agent } }) ?? [];
  assert.equal(symbols.length, 1);
  assert.match(symbols[0].name, /support-agent/);
  assert.deepEqual(s.errors, []);
});

function readAgentWithEmptyModel(): string {
  return `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata:
  name: support-agent
  namespace: ai-agents
spec:
  framework: pydantic-ai
  model:
    name: 
`;
}
