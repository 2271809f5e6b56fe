// Where completion thinks the cursor is, in documents being typed (`|` marks the cursor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '@flokoa/core';
import { cursorContext } from '../src/features/cursor.js';

const HEAD = 'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: a\n';

function at(textWithCursor: string) {
  const i = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const lines = text.slice(0, i).split('\n');
  return cursorContext(parseFile('file:///t.yaml', text), { line: lines.length - 1, character: lines[lines.length - 1].length });
}

test('cursorContext: role, pointer, typed prefix and siblings', () => {
  const cases: [
    string,
    { role: 'key' | 'value'; pointer: string; partial?: string; siblings?: string[]; emptyDocument?: boolean } | undefined,
  ][] = [
    ['|', { role: 'key', pointer: '', emptyDocument: true }],
    [`${HEAD}spec:\n  |\n`, { role: 'key', pointer: '/spec' }],
    [`${HEAD}spec:\n  fra|\n  model:\n    name: m\n`, { role: 'key', pointer: '/spec', partial: 'fra', siblings: ['model'] }],
    [`${HEAD}spec:\n  framework: lang|\n`, { role: 'value', pointer: '/spec/framework', partial: 'lang' }],
    [`${HEAD}spec:\n  model:\n    name: |\n`, { role: 'value', pointer: '/spec/model/name', partial: '' }],
    [`${HEAD}spec:\n  tools:\n    - toolRef:\n        name: w|\n`, { role: 'value', pointer: '/spec/tools/0/toolRef/name', partial: 'w' }],
    [`${HEAD}spec:\n  tools:\n    - toolRef: {}\n    - |\n`, { role: 'key', pointer: '/spec/tools/1' }],
    [`${HEAD}spec:\n  model: { name: |, namespace: x }\n`, { role: 'value', pointer: '/spec/model/name' }],
    [`${HEAD}spec:\n  # a comment |\n`, undefined],
    [`${HEAD}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: |\n`, { role: 'value', pointer: '/metadata/name' }],
    [`${HEAD}spec:\n  repl|icas: 2\n`, { role: 'key', pointer: '/spec', partial: 'repl' }],
  ];
  // Each case twice: as written (core's fast reader reads it) and with a tab in a trailing comment,
  // which the fast reader leaves to yaml, so both ways of finding the cursor answer the same.
  for (const [text, want] of cases.flatMap(
    ([t, w]) =>
      [
        [t, w],
        [`${t}\n#\tread by yaml\n`, w],
      ] as const,
  )) {
    const got = at(text);
    if (!want) {
      assert.equal(got, undefined, text);
      continue;
    }
    assert.ok(got, text);
    assert.equal(got.role, want.role, text);
    assert.equal(got.pointer, want.pointer, text);
    if (want.partial !== undefined) assert.equal(got.partial, want.partial, text);
    if (want.siblings) assert.deepEqual([...got.siblings], want.siblings, text);
    assert.equal(got.emptyDocument, want.emptyDocument ?? false, text);
  }
});
