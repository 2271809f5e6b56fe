// Hostile files for `flokoa-lsp check`: FIFOs, devices, dangling links, link loops, folder cycles,
// UTF-16 manifests. Each ends at once with the right verdict (issue 14, items 3, 13, 14).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../dist/flokoa-lsp.js', import.meta.url));

const AGENT = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata: { name: a, namespace: ns }
spec:
  model: { name: m }
`;

function check(args: string[], cwd: string) {
  // A regression must fail, not hang the suite.
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-hostile-'));
  writeFileSync(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: ns }\n');
  return dir;
}

test('a FIFO named *.yaml never blocks; a link to /dev/zero is not read', () => {
  const dir = folder();
  spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  const r = check(['.'], dir);
  assert.equal(r.signal, null, 'check ended by itself');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: .*zero\.yaml: not a regular file; skipped/);
  const named = check(['zero.yaml'], dir);
  assert.equal(named.signal, null);
  assert.equal(named.stderr, 'error: not a file or directory: zero.yaml\n');
});

test('a dangling link and a link loop are warnings, not exit 2', () => {
  const dir = folder();
  symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
  symlinkSync(join(dir, 'loop-b.yaml'), join(dir, 'loop-a.yaml'));
  symlinkSync(join(dir, 'loop-a.yaml'), join(dir, 'loop-b.yaml'));
  const r = check(['.'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: .*dangling\.yaml: symbolic link to a missing file; skipped/);
  assert.match(r.stderr, /warning: .*loop-a\.yaml: symbolic link loop; skipped/);
  assert.doesNotMatch(r.stderr, /^error/m);
});

test('a UTF-16 manifest with a byte-order mark is read as kubectl reads it: its schema error is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-utf16-'));
  const text = AGENT.replace('spec:\n', 'spec:\n  replicas: many\n');
  writeFileSync(join(dir, 'le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const r = check(['.'], dir);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /le\.yaml:\d+:\d+ error /);
});

test("yaml's own warnings (a key that is a collection) are not printed on the linter's stderr", () => {
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-keys-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(
    join(dir, 'sub', 'keys.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: ns }\ndata:\n  ? [a, b]\n  : x\n',
  );
  const r = check(['.'], dir);
  assert.doesNotMatch(r.stderr, /Keys with collection values|Warning/);
});

test('a 4.9 MB flow-style manifest with a tag is one yaml-limits finding, and the other files are still checked', () => {
  // yaml took 24 s and 2.5 GB on it before its values were counted.
  const dir = folder();
  writeFileSync(join(dir, 'flow.yaml'), `${AGENT.replace('spec:\n', '')}spec: !!map {x: [${'1,'.repeat(2.45 * 1024 * 1024)}1]}\n`);
  writeFileSync(join(dir, 'agent.yaml'), AGENT.replace('spec:\n', 'spec:\n  replicas: many\n'));
  const r = check(['.'], dir);
  assert.equal(r.signal, null, 'check ended by itself');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^flow\.yaml:1:1 error yaml-limits This document holds more than 200,000 values .*: not analysed/m);
  assert.match(r.stdout, /^agent\.yaml:\d+:\d+ error /m);
});
