// The cost limits of every parse (issue 14, item 4): a document of more values than the limit,
// and a file whose documents left to yaml hold more than the limit together, are not analysed, with
// one finding; the count that decides it is checked against yaml's own trees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPair, visit } from 'yaml';
import { parseFile, editFile, DEFAULT_LIMITS, type ParsedFile } from '../src/index.js';
import { countValues } from '../src/parseLimits.js';
import { parseYamlDocument } from '../src/yamlDocument.js';
import { documents, repositoryYaml } from './corpus.js';

const HEAD = 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: a}\n';
const limits = { ...DEFAULT_LIMITS, maxValues: 1000 };

test('values are counted as a parse makes them: not in comments, quotes or block scalars', () => {
  const cases: [string, number][] = [
    ['a: 1\nb: 2\n', 4],
    ['[1, 2, 3]\n', 3],
    ['- a: 1\n  b: [x, y]\n', 7],
    ['a: |\n  x: 1\n  - [y, z]\n\n  w\nb: 2\n', 4],
    ['- >-\n  folded: text\n- 2\n', 4],
    ['key:\n  |\n    text: [1]\nother: [1, 2]\n', 7],
    // A line indented less than the scalar's first line ends it, even if more than its parent.
    ['a: |\n    x\n  b: [1, 2]\n', 6],
    ['# a: [1, 2]\nb: "x: [1, 2]" # c: d\n', 2],
    ["b: 'it''s: [1]'\n", 2],
  ];
  for (const [text, n] of cases) assert.equal(countValues(text), n, text);
});

test("the count stays within the text's length and near the number of yaml's nodes, on the repository's YAML", () => {
  let checked = 0;
  for (const doc of repositoryYaml().flatMap(documents)) {
    const count = countValues(doc);
    assert.ok(count <= doc.length, doc);
    const tree = parseYamlDocument(doc);
    if (tree.errors.length > 0) continue;
    let nodes = 0;
    visit(tree, { Node: () => void nodes++, Pair: (_k, p) => void (isPair(p) && nodes++) });
    if (nodes < 50) continue;
    checked++;
    assert.ok(count >= nodes / 3 && count <= nodes * 2, `${count} values counted for ${nodes} nodes:\n${doc.slice(0, 300)}`);
  }
  assert.ok(checked > 50, `${checked} documents checked`);
});

test('a 4.9 MB flow-style document with a tag is refused before yaml reads it (it took 24 s and 2.5 GB)', () => {
  const text = `${HEAD}spec: !!map {x: [${'1,'.repeat(2.45 * 1024 * 1024)}1]}\n`;
  for (const t of [text, text.replace('!!map ', '')]) {
    const f = parseFile('file:///flow.yaml', t);
    assert.equal(f.findings.length, 1);
    assert.equal(f.findings[0].ruleId, 'yaml-limits');
    assert.match(f.findings[0].message, /^This document holds more than 200,000 values .*: not analysed/);
    assert.equal(f.docs[0].value, undefined);
  }
});

/** `n` documents of 50 values each; `slow` ones carry a tag, which only yaml reads. */
function docs(n: number, slow: boolean): string {
  const doc = (i: number): string =>
    `---\n${HEAD.replace('name: a', `name: a${i}`)}spec: ${slow ? '!!map ' : ''}{x: [${'1, '.repeat(44)}1]}\n`;
  return Array.from({ length: n }, (_, i) => doc(i)).join('');
}

test('documents left to yaml share one budget per file: over it, the file is not analysed, with one finding', () => {
  const f = parseFile('file:///many.yaml', docs(30, true), undefined, limits);
  assert.equal(f.overLimit, true);
  assert.deepEqual(f.docs, []);
  assert.equal(f.findings.length, 1);
  assert.match(f.findings[0].message, /^This file holds more than 1,000 values .* full parser .*: not analysed/);
  assert.deepEqual(f.findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('documents the fast reader takes are not held to the file budget', () => {
  const f = parseFile('file:///many.yaml', docs(30, false), undefined, limits);
  assert.deepEqual(f.findings, []);
  assert.equal(f.docs.length, 30);
});

test('an edit that takes a file over the budget refuses it, and one that takes it back analyses it again', () => {
  const under = docs(12, true);
  const extra = docs(10, true);
  let f: ParsedFile = parseFile('file:///edit.yaml', under, undefined, limits);
  assert.equal(f.docs.length, 12);
  f = editFile(f, { start: f.length, end: f.length, text: extra }, limits);
  assert.equal(f.overLimit, true);
  assert.match(f.findings[0].message, /more than 1,000 values/);
  assert.equal(f.text, under + extra);
  f = editFile(f, { start: under.length, end: under.length + extra.length, text: '' }, limits);
  assert.equal(f.overLimit, undefined);
  assert.equal(f.docs.length, 12);
  // The same through a whole new text (a file changed on disk).
  f = parseFile('file:///edit.yaml', under + extra, f, limits);
  assert.equal(f.overLimit, true);
  f = parseFile('file:///edit.yaml', under, f, limits);
  assert.deepEqual(f.findings, []);
});
