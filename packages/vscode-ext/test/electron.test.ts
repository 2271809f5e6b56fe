// The @vscode/test-electron runner as part of the suite: it runs where a desktop VS Code is
// installed (VSCODE_EXECUTABLE) and is reported as skipped elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../../test-electron/run.mjs', import.meta.url));

test('in-extension checks in desktop VS Code', { skip: process.env.VSCODE_EXECUTABLE ? false : 'VSCODE_EXECUTABLE is not set' }, () => {
  const r = spawnSync(process.execPath, [runner], { encoding: 'utf8', timeout: 10 * 60_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /test-electron: passed/);
});
