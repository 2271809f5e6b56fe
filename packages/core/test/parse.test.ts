import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, editFile, locate, offsetAt, positionAt, docAt, lineStart, DEFAULT_LIMITS } from '../src/index.js';
import { fixture } from './fixtures.js';
import { rng } from './rng.js';

const multi = fixture('parse/multi.yaml');

test('multi-document file: empty leading chunk skipped, each document indexed in order', () => {
  const f = parseFile(multi.uri, multi.text);
  assert.equal(f.docs.length, 4);
  assert.deepEqual(
    f.docs.map((d) => (d.value as { kind?: string } | undefined)?.kind),
    ['Model', 'Agent', 'Model', 'Secret'],
  );
  assert.deepEqual(
    f.docs.map((d) => d.index),
    [0, 1, 2, 3],
  );
  assert.deepEqual(
    f.docs.map((d) => d.startLine),
    [0, 9, 19, 23],
  );
});

test('syntax errors are reported only in Flokoa documents that are not templates', () => {
  const other = parseFile('file:///ci.yaml', 'jobs: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
  assert.deepEqual(other.findings, []);
  assert.equal(other.docs[0].broken, true);
  const template = parseFile(
    'file:///t.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: {{ .Values.name }}\n',
  );
  assert.deepEqual(template.findings, []);
});

test('a syntax error in one document is reported once and the others are analysed', () => {
  const f = parseFile(multi.uri, multi.text);
  assert.equal(f.findings.length, 1);
  assert.equal(f.findings[0].ruleId, 'syntax');
  assert.equal(f.findings[0].range.start.line, 22);
  assert.equal(f.docs[2].broken, true);
  assert.equal(f.docs[3].broken, false);
  assert.equal((f.docs[3].value as { metadata: { name: string } }).metadata.name, 'creds');
});

const rangeCases: { pointer: string; key?: [number, number, number]; value: [number, number, number, number] }[] = [
  { pointer: '/metadata/name', key: [4, 2, 6], value: [4, 8, 4, 14] },
  { pointer: '/spec/model', key: [6, 2, 7], value: [6, 9, 6, 17] },
  { pointer: '/spec/providerRef/name', key: [8, 4, 8], value: [8, 10, 8, 16] },
];
for (const c of rangeCases) {
  test(`exact ranges in the first document: ${c.pointer}`, () => {
    const f = parseFile(multi.uri, multi.text);
    const r = f.docs[0].sourceMap.get(c.pointer);
    assert.ok(r, 'pointer present');
    if (c.key) assert.deepEqual(r.key, { start: { line: c.key[0], character: c.key[1] }, end: { line: c.key[0], character: c.key[2] } });
    assert.deepEqual(r.value, { start: { line: c.value[0], character: c.value[1] }, end: { line: c.value[2], character: c.value[3] } });
  });
}

test('ranges in later documents are file-absolute; escaped pointers and flow maps work', () => {
  const f = parseFile(multi.uri, multi.text);
  const agent = f.docs[1].sourceMap;
  assert.deepEqual(agent.get('/spec/tools/0/toolRef/name')?.value, {
    start: { line: 18, character: 14 },
    end: { line: 18, character: 25 },
  });
  assert.deepEqual(agent.get('/metadata/labels/flokoa.ai~1agent')?.key, {
    start: { line: 14, character: 11 },
    end: { line: 14, character: 26 },
  });
  assert.equal(agent.get('/spec/nothing'), undefined);
  assert.ok([...agent.pointers()].includes('/spec/tools/0/toolRef/name'));
});

test('locate finds the key or value under a position', () => {
  const f = parseFile(multi.uri, multi.text);
  const onValue = locate(f, { line: 18, character: 16 });
  assert.equal(onValue?.pointer, '/spec/tools/0/toolRef/name');
  assert.equal(onValue?.onKey, false);
  const onKey = locate(f, { line: 8, character: 5 });
  assert.equal(onKey?.pointer, '/spec/providerRef/name');
  assert.equal(onKey?.onKey, true);
  assert.equal(onKey?.keyName, 'name');
  assert.equal(locate(f, { line: 13, character: 0 })?.doc.index, 1);
});

test('offsetAt and positionAt are inverse', () => {
  const f = parseFile(multi.uri, multi.text);
  for (const pos of [
    { line: 0, character: 0 },
    { line: 12, character: 3 },
    { line: 26, character: 5 },
  ]) {
    assert.deepEqual(positionAt(f, offsetAt(f, pos)), pos);
  }
  assert.equal(docAt(f, { line: 24, character: 0 })?.index, 3);
});

test('positions in documents below and above 65,536 characters (2- and 4-byte line tables) match a count of the text', () => {
  for (const lines of [50, 3000]) {
    const body = Array.from({ length: lines }, (_, i) => `  key${i}: ${'x'.repeat(i % 40)}`).join('\n');
    const text = `a: 1\n---\nkind: ConfigMap\ndata:\n${body}\n`;
    assert.equal(text.length > 0x10000, lines === 3000);
    const f = parseFile('file:///lines.yaml', text);
    for (let offset = 0; offset <= text.length; offset += 997) {
      const before = text.slice(0, offset);
      const expected = { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
      assert.deepEqual(positionAt(f, offset), expected, `offset ${offset}`);
      assert.equal(offsetAt(f, expected), offset);
    }
    const last = f.docs[f.docs.length - 1];
    assert.deepEqual(last.core.endPosition(), last.core.position(last.core.text.length, 0));
  }
});

test('alias bomb: bounded expansion becomes a finding, the other document is still read', () => {
  const { uri, text } = fixture('parse/alias-bomb.yaml');
  const f = parseFile(uri, text);
  assert.equal(f.docs.length, 2);
  assert.equal(f.docs[0].broken, false);
  assert.equal(f.docs[1].value, undefined);
  assert.equal(f.findings.length, 1);
  assert.equal(f.findings[0].ruleId, 'yaml-limits');
  assert.match(f.findings[0].message, /alias bomb/);
  assert.equal(f.findings[0].range.start.line, 6);
});

const hostile: { name: string; text: string; match: RegExp }[] = [
  { name: 'deep flow nesting', text: 'a: ' + '['.repeat(50000) + ']'.repeat(50000) + '\n', match: /Nesting deeper/ },
  { name: 'deep block nesting', text: Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'), match: /Nesting deeper/ },
  { name: 'compact sequences', text: '- '.repeat(20000) + 'x\n', match: /Nesting deeper/ },
  { name: 'multi-megabyte file', text: '#'.repeat(DEFAULT_LIMITS.maxFileSize + 1), match: /over the 5 MB limit/ },
];
for (const h of hostile) {
  test(`hostile YAML never throws: ${h.name}`, () => {
    const f = parseFile('file:///h.yaml', h.text);
    assert.equal(f.findings.length, 1);
    assert.equal(f.findings[0].ruleId, 'yaml-limits');
    assert.match(f.findings[0].message, h.match);
  });
}

test('brackets inside quotes and comments do not count as nesting', () => {
  const text = `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\nc: [1, [2]]\n`;
  const f = parseFile('file:///q.yaml', text);
  assert.deepEqual(f.findings, []);
  assert.deepEqual((f.docs[0].value as { c: unknown }).c, [1, [2]]);
});

test('YAML 1.1 as Kubernetes reads it: yes is a boolean, dates stay strings', () => {
  const f = parseFile('file:///k.yaml', 'a: yes\nb: 2024-01-02\nc: "0.7"\n');
  assert.deepEqual(f.docs[0].value, { a: true, b: '2024-01-02', c: '0.7' });
});

test('incremental reparse reuses unchanged documents and shifts their ranges', () => {
  const f1 = parseFile(multi.uri, multi.text);
  const edited = multi.text.replace('name: gpt-4o', 'name: gpt-4o-mini');
  const f2 = parseFile(multi.uri, edited, f1);
  assert.equal(f2.reparsed, 1);
  assert.equal(f2.docs[1].core, f1.docs[1].core);
  assert.notEqual(f2.docs[0].core, f1.docs[0].core);
  const f3 = parseFile(multi.uri, 'extra: line\n---\n' + edited, f2);
  assert.equal(f3.reparsed, 2, 'the new document, and the old first one which now starts with ---');
  assert.equal(f3.docs[2].core, f2.docs[1].core);
  assert.deepEqual(f3.docs[2].sourceMap.get('/spec/tools/0/toolRef/name')?.value.start, { line: 20, character: 14 });
  assert.equal(f3.findings[0].range.start.line, 24, 'the reused syntax error moved down too');
});

test('an incremental reparse gives what a fresh parse gives, edit after edit', () => {
  const next = rng(42);
  const pieces = ['---\n', '\n---\n', '---', '-', '%YAML 1.1\n', '# c\n', 'a: 1\n', ': ', '\n', 'x', '', '...\n', '  '];
  const shape = (f: ReturnType<typeof parseFile>) => ({
    lineStarts: Array.from({ length: f.lineCount + 1 }, (_, i) => lineStart(f, i)),
    docs: f.docs.map((d) => ({
      i: d.index,
      s: d.startOffset,
      e: d.endOffset,
      l: d.startLine,
      r: d.range,
      v: d.value,
      b: d.broken,
      t: d.core.text,
      m: d.sourceMap.lineShift,
    })),
    empties: f.empties.map((e) => [e.startOffset, e.endOffset, e.startLine, e.core.text]),
    problems: f.problems.map((d) => d.index),
    findings: f.findings.map((x) => [x.ruleId, x.range, x.message]),
    yamlCost: f.yamlCost,
  });
  for (const start of [multi.text, '', 'a: 1\n', '---\n---\n', '# only\n---\nb: 2\n']) {
    let text = start;
    let prev = parseFile('file:///i.yaml', text);
    // The same edits told to the parse (as an editor's changes are), instead of found by comparing texts.
    let told = parseFile('file:///i.yaml', text);
    for (let k = 0; k < 300; k++) {
      const at = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, at + (next() < 0.4 ? Math.floor(next() * 12) : 0));
      const piece = pieces[Math.floor(next() * pieces.length)];
      text = text.slice(0, at) + piece + text.slice(end);
      const inc = parseFile('file:///i.yaml', text, prev);
      const fresh = shape(parseFile('file:///i.yaml', text));
      assert.deepEqual(shape(inc), fresh, `after edit ${k} at ${at}:\n${text}`);
      told = editFile(told, { start: at, end, text: piece });
      assert.deepEqual(shape(told), fresh, `after told edit ${k} at ${at}:\n${text}`);
      assert.equal(told.text, text, 'the text joined from the documents');
      const naive = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1), undefined];
      assert.deepEqual(shape(inc).lineStarts, naive, 'line starts');
      prev = inc;
    }
  }
});

test('directives stay with the document that follows them', () => {
  const f = parseFile('file:///d.yaml', 'a: 1\n...\n%YAML 1.1\n---\nb: 2\n');
  assert.deepEqual(
    f.docs.map((d) => d.value),
    [{ a: 1 }, { b: 2 }],
  );
  assert.deepEqual(f.findings, []);
});

test('an undefined alias is a syntax error naming it, not an alias bomb', () => {
  const f = parseFile(
    'file:///undefined-alias.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: a\nspec:\n  model: *nope\n',
  );
  assert.equal(f.findings.length, 1);
  assert.equal(f.findings[0].ruleId, 'syntax');
  assert.equal(f.findings[0].message, 'YAML syntax error: the alias *nope refers to no anchor (&nope) defined before it');
  assert.deepEqual(f.findings[0].range.start, { line: 5, character: 9 });
});
