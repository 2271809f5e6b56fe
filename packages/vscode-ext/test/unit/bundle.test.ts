// The bundled extension (dist/extension.cjs, what the .vsix ships) carries no model of its own:
// core's workspace index lives only in the language server, and the views ask it (issue 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../../../dist/extension.cjs', import.meta.url));

test("the extension bundle holds no copy of core's Workspace", () => {
  const text = readFileSync(bundle, 'utf8');
  // Core-only classes behind every Workspace (esbuild keeps class names: `var Workspace = class extends IndexQueries`).
  for (const name of ['IndexQueries', 'ResourceIndex']) {
    assert.ok(!new RegExp(`\\b${name}\\b`).test(text), `${name} is bundled into dist/extension.cjs`);
  }
});
