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
    const child = spawn(process.execPath, [CLI, '--port', '0', '--kubeconfig', kc, '--users', users, '--fixture', join(FIXTURES, 'basic'), '--time-scale', '20', '--ready-delay', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = new LineStream(child);
    const first = await out.waitFor(() => true);
    assert.match(first, /^https:\/\/127\.0\.0\.1:\d+$/);
    const config = parseYaml(readFileSync(kc, 'utf8'));
    assert.equal(config['current-context'], 'sim-admin');
    assert.deepEqual(config.contexts.map((c: any) => c.name), ['sim-admin', 'carol']);
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
  const cases: [string[], RegExp][] = [
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
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--throttle-rate R/);
});
