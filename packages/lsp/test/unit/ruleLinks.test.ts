// Diagnostics' rule links: a published docs page by anchor, a local copy (the VS Code extension's
// bundled docs/rules.md) by the line of the rule's heading, which is where an editor opens it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '@flokoa/core';
import { ruleLinks } from '../../src/ruleLinks.js';

const rulesMd = new URL('../../../../../docs/rules.md', import.meta.url);

test('a published rules page is linked by anchor', () => {
  assert.equal(ruleLinks('https://flokoa.example/docs/rules.md')?.('image-latest'), 'https://flokoa.example/docs/rules.md#image-latest');
  assert.equal(ruleLinks(undefined), undefined);
});

test("a local rules.md is linked at each rule's heading line, for every rule", () => {
  const url = pathToFileURL(rulesMd.pathname).toString();
  const link = ruleLinks(url);
  assert.ok(link);
  const lines = readFileSync(rulesMd, 'utf8').split('\n');
  for (const { id } of ALL_RULES) {
    const m = /#L(\d+)$/.exec(link(id));
    assert.ok(m, `${id}: ${link(id)}`);
    assert.equal(lines[Number(m[1]) - 1].trim(), `## ${id}`, id);
  }
});

test('a local rules.md that cannot be read: links open the file, and why is logged', () => {
  const logged: string[] = [];
  const link = ruleLinks('file:///nonexistent/rules.md', (m) => logged.push(m));
  assert.equal(link?.('image-latest'), 'file:///nonexistent/rules.md');
  assert.match(logged.join('\n'), /cannot be read \(ENOENT\)/);
});
