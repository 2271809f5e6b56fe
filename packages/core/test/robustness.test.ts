// Mutated YAML never makes the core throw: every fixture, cut and spliced with YAML's special
// characters by a seeded generator, goes through setFile, analyze and locate (incrementally, as
// typing does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, locate, positionAt } from '../src/index.js';
import { fixtureDir } from './fixtures.js';
import { rng } from './rng.js';

const PIECES = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!!str ',
  '|\n',
  '>-\n',
  '"',
  "'",
  '#',
  '\n',
  '  ',
  '---\n',
  '? ',
  '<<: *a\n',
  '\t',
  '%YAML 1.2\n',
  'namespace: x\n',
  '...\n',
];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
    case 1:
      return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    case 2: {
      const line = text.slice(at, text.indexOf('\n', at) + 1 || undefined);
      return text.slice(0, at) + line + line + text.slice(at + line.length);
    }
    default:
      return text.slice(0, at) + text.slice(Math.floor(next() * text.length));
  }
}

test('mutated fixtures never throw from setFile, analyze or locate', () => {
  const files = [...fixtureDir('rules'), ...fixtureDir('refs'), ...fixtureDir('kustomize'), ...fixtureDir('parse')];
  const next = rng(20261123);
  const ws = new Workspace();
  for (const f of files) ws.setFile(f.uri, f.text);
  let steps = 0;
  for (const f of files) {
    let text = f.text;
    for (let i = 0; i < 8; i++) {
      text = mutate(text, next);
      const parsed = ws.setFile(f.uri, text);
      const findings = ws.analyze(f.uri);
      for (const d of ws.dependentsOf(f.uri)) ws.analyze(d);
      for (const x of findings) {
        assert.ok(x.range.start.line >= 0 && x.range.start.line <= parsed.lineCount, `${x.ruleId} range inside the file`);
        assert.ok(!x.message.startsWith('Internal error'), x.message);
      }
      locate(parsed, positionAt(parsed, Math.floor(next() * (text.length + 1))));
      steps++;
    }
    ws.setFile(f.uri, f.text);
  }
  assert.ok(steps > 500);
});
