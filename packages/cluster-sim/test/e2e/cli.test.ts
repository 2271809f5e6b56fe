// The bundled executable as the demo and the VS Code e2e use it: URL as the first stdout line,
// a kubeconfig with the admin and per-user contexts, fixtures applied, faults from flags,
// one-line errors, a clean exit on SIGTERM.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { FIXTURES, LineStream, kubectl, writeFile } from './harness.js';
import type { Harness } from './harness.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const CLI = join(FIXTURES, '..', '..', 'dist', 'cli.js');

test('serves, writes a kubeconfig with a context per user, applies fixtures, stops on SIGTERM', async () => {
  assert.ok(existsSync(CLI), `${CLI} is built by pnpm build`);
  const dir = mkdtempSync(join(tmpdir(), 'cluster-sim-cli-'));
  try {
    const kc = join(dir, 'kubeconfig');
    const users = join(dir, 'users.csv');
    const h = { dir, kubeconfig: kc } as Harness;
    writeFile(h, 'users.csv', '# token,user,groups\ntok-carol,carol,viewers|devs\n');
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--port',
        '0',
        '--kubeconfig',
        kc,
        '--users',
        users,
        '--fixture',
        join(FIXTURES, 'basic'),
        '--time-scale',
        '20',
        '--ready-delay',
        '100',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = new LineStream(child);
    const first = await out.waitFor(() => true);
    assert.match(first, /^https:\/\/127\.0\.0\.1:\d+$/);
    const config = parseYaml(readFileSync(kc, 'utf8'));
    assert.equal(config['current-context'], 'sim-admin');
    assert.deepEqual(
      config.contexts.map((c: any) => c.name),
      ['sim-admin', 'carol'],
    );
    assert.equal(config.clusters[0].cluster.server, first);
    const agents = await kubectl(h, ['get', 'agents', '-A', '-o', 'name']);
    assert.equal(agents.stdout.trim(), 'agent.agent.flokoa.ai/my-agent');
    const carol = await kubectl(h, ['--context', 'carol', 'auth', 'can-i', 'list', 'agents', '-A']);
    assert.equal(carol.stdout.trim(), 'no');
    child.kill('SIGTERM');
    assert.equal(await out.exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad flags and files: one line on stderr, exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-sim-cli-'));
  const h = { dir } as Harness;
  const badKind = writeFile(h, 'kind.yaml', 'apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n');
  const badYaml = writeFile(h, 'broken.yaml', 'a: [\n');
  const invalid = writeFile(
    h,
    'invalid.yaml',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata: {name: m}\nspec: {model: gpt, providerRef: {name: p}, parameters: {maxTokens: 0}}\n',
  );
  const cases: [string[], RegExp][] = [
    [['--strict-fixtures', '--fixture', badKind], /^error: .*kind.yaml: Foo\/x: no matches for kind "Foo" in version "v1"\n$/],
    [['--strict-fixtures', '--fixture', badYaml], /^error: .*broken.yaml: .* at line 2, column 1\n$/],
    [
      ['--strict-fixtures', '--fixture', invalid],
      /^error: .*invalid.yaml: Model\/m: Model.agent.flokoa.ai "m" is invalid: spec.parameters.maxTokens: Invalid value: 0: spec.parameters.maxTokens in body should be greater than or equal to 1\n$/,
    ],
    [['--bogus'], /^error: unknown flag: --bogus \(see --help\)\n$/],
    [['--error-rate', '2'], /^error: --error-rate needs a number between 0 and 1, got 2\n$/],
    [['--fixture', '/nonexistent/x.yaml'], /^error: fixture not found: \/nonexistent\/x.yaml\n$/],
    [['--users', '/nonexistent/users'], /^error: cannot read users file \/nonexistent\/users\n$/],
  ];
  for (const [args, want] of cases) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, want);
    assert.equal(r.stdout, '');
  }
  rmSync(dir, { recursive: true, force: true });
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--throttle-rate R/);
});
