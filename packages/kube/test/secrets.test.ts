import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteSecret, redact, redactArgv } from '../src/secrets.js';
import { loadConnection } from '../src/kubeconfig.js';
import { describeError, KubeApiError } from '../src/errors.js';

test('redact: URL userinfo and noted credentials are removed', () => {
  assert.equal(redact('see https://u:p%40ss@host:6443/api and http://tok@x'), 'see https://host:6443/api and http://x');
  noteSecret('s3cret-token-value');
  assert.equal(redact('Bearer s3cret-token-value rejected'), 'Bearer *** rejected');
  noteSecret('abc');
  assert.equal(redact('abc'), 'abc', 'values too short to be credentials are not blanked');
});

test('redactArgv: credential flags dropped in both spellings, URLs without userinfo', () => {
  assert.deepEqual(redactArgv(['patch-image', 'a', 'img:v1', '--token', 'T', '--token=T2', '--password=P', '-s', 'https://u:P@h']), [
    'patch-image',
    'a',
    'img:v1',
    '-s',
    'https://h',
  ]);
});

test('loadConnection: userinfo of the server becomes Basic credentials; the server shown has none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-secrets-'));
  const cfg = join(dir, 'config');
  writeFileSync(cfg, 'apiVersion: v1\nkind: Config\n');
  const conn = loadConnection({ kubeconfig: cfg, server: 'https://admin:hunter2%21x@example.org:6443/' });
  assert.equal(conn.server, 'https://example.org:6443');
  assert.equal(conn.user.username, 'admin');
  assert.equal(conn.user.password, 'hunter2!x');
  // An API error that echoes the password is printed without it.
  assert.equal(
    describeError(new KubeApiError(401, 'Unauthorized', 'bad hunter2!x', { verb: 'get', path: '/' })).includes('hunter2'),
    false,
  );
});
