// Issue 14's fault matrix through the real kubectl: servers that never answer, close every watch at
// once or forbid; credential plugins that never return; users who may not ask. Every command ends,
// clearly, on its own or at the first SIGINT/SIGTERM, with the exit code its result deserves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { flokoa, pluginEnv, run, Running } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
});
after(() => c?.stop());

const ns = ['-n', 'my-app'];
// A case that regresses must fail, not hang the suite.
const bounded = { timeout: 60_000 };

/** Starts `args` against a sim that leaves its requests hanging, signals it once one hangs; returns its result. */
async function interrupted(args: string[], signal: NodeJS.Signals, verbs?: string[]) {
  c.sim.faults = { hang: true, ...(verbs ? { verbs } : {}) };
  const hungBefore = c.sim.hung;
  try {
    const p = new Running(args, c.env);
    await c.sim.whenHung(hungBefore + 1);
    p.child.kill(signal);
    return await p.exited;
  } finally {
    c.sim.faults = {};
  }
}

for (const [args, signal] of [
  [['refs', ...ns], 'SIGTERM'],
  [['refs', '--reverse', 'secret/openai', ...ns], 'SIGINT'],
  [['rollout', 'history', 'good-agent', ...ns], 'SIGTERM'],
  [['rollout', 'undo', 'good-agent', ...ns], 'SIGINT'],
  [['rollout', 'restart', 'good-agent', ...ns], 'SIGINT'],
  [['rollout', 'status', 'good-agent', ...ns], 'SIGTERM'],
  [['rollout', 'watch', 'good-agent', ...ns], 'SIGTERM'],
] as [string[], NodeJS.Signals][]) {
  test(`a server that never answers: ${args.slice(0, 2).join(' ')} ends at the first ${signal}`, bounded, async () => {
    const r = await interrupted(args, signal);
    assert.equal(r.code, signal === 'SIGINT' ? 130 : 143, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  });
}

test('Ctrl-C during patch-image read cancels the patch: nothing is written', bounded, async () => {
  const patches = c.sim.requests.byVerb.patch ?? 0;
  const r = await interrupted(['patch-image', 'good-agent', 'ghcr.io/example/agent:v8.0.0', ...ns], 'SIGINT', ['get']);
  assert.equal(r.code, 130, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(c.sim.requests.byVerb.patch ?? 0, patches, 'no patch was sent');
  const image = await run(['get', 'agent', 'good-agent', ...ns, '-o', 'jsonpath={.spec.runtime.standard.image}'], { env: c.env });
  assert.notEqual(image.stdout, 'ghcr.io/example/agent:v8.0.0');
});

test('an endpoint that accepts TCP and never speaks TLS: the handshake times out as kubectl does', bounded, async () => {
  const sockets: import('node:net').Socket[] = [];
  const blackhole: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const port = (blackhole.address() as import('node:net').AddressInfo).port;
  try {
    const r = await flokoa(['refs', ...ns, '-s', `https://127.0.0.1:${port}`], { env: c.env });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error: Unable to connect to the server 127.0.0.1:${port}: TLS handshake timeout\n`);
  } finally {
    for (const s of sockets) s.destroy();
    blackhole.close();
  }
});

/** A kubeconfig whose context `plugin` authenticates with `script` (an exec credential plugin). */
function execKubeconfig(name: string, script: string): Promise<NodeJS.ProcessEnv> {
  const kubeconfig = `${c.kubeconfig}.${name}`;
  copyFileSync(c.kubeconfig, kubeconfig);
  writeFileSync(join(dirname(kubeconfig), name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const env = { KUBECONFIG: kubeconfig, PATH: `${dirname(kubeconfig)}:${pluginEnv().PATH}` };
  return (async () => {
    for (const args of [
      ['set-credentials', name, '--exec-api-version=client.authentication.k8s.io/v1', `--exec-command=${name}`],
      ['set-context', name, '--cluster=cluster-sim', `--user=${name}`],
    ]) {
      const r = await run(['config', ...args], { env });
      assert.equal(r.code, 0, r.stderr);
    }
    return env;
  })();
}

test('an exec credential plugin that never returns: --request-timeout bounds it, SIGTERM ends it', bounded, async () => {
  // The plugin says it started through a FIFO the test reads (its stderr is the plugin runner's).
  const fifo = `${c.kubeconfig}.started`;
  execFileSync('mkfifo', [fifo]);
  const env = await execKubeconfig('stuck-plugin', `echo started > ${fifo}; exec sleep 600`);
  const first = flokoa(['refs', ...ns, '--context', 'stuck-plugin', '--request-timeout', '1s'], { env });
  assert.equal(await readFile(fifo, 'utf8'), 'started\n');
  const r = await first;
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: exec credential plugin of user "stuck-plugin" did not answer within 1s\n$/);
  const p = new Running(['refs', ...ns, '--context', 'stuck-plugin'], env);
  assert.equal(await readFile(fifo, 'utf8'), 'started\n');
  p.child.kill('SIGTERM');
  assert.equal((await p.exited).code, 143);
});

test('watches the server closes at once are reopened with back-off, not in a hot loop', bounded, async () => {
  c.sim.faults = { watchTimeoutSeconds: 0 };
  const watches = c.sim.requests.byVerb.watch ?? 0;
  try {
    const r = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--timeout', '3s'], { env: c.env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /timed out after 3s/);
  } finally {
    c.sim.faults = {};
  }
  const sent = (c.sim.requests.byVerb.watch ?? 0) - watches;
  // Four watches for 3 s: a back-off from 200 ms allows a few dozen; the hot loop sent thousands.
  assert.ok(sent < 80, `${sent} watch requests`);
});

test('--check-rbac for a user who may not create SubjectAccessReviews: an error, not "unknown" and exit 0', bounded, async () => {
  const r = await flokoa(['refs', 'good-agent', ...ns, '--check-rbac', '--context', 'alice'], { env: c.env });
  assert.equal(r.code, 1, r.stdout);
  assert.match(
    r.stderr,
    /^error: --check-rbac: you may not create subjectaccessreviews .*, so no service account's access could be checked\n$/,
  );
  const fix = await flokoa(['refs', 'good-agent', ...ns, '--fix-rbac', '--context', 'alice'], { env: c.env });
  assert.equal(fix.code, 1);
  assert.doesNotMatch(fix.stderr, /nothing to grant/);
});

test('refs --reverse when nothing could be listed: an error, never "nothing depends on it"', bounded, async () => {
  const r = await flokoa(['refs', '--reverse', 'secret/openai', '-n', 'shared-models', '--context', 'alice'], { env: c.env });
  assert.equal(r.code, 1, r.stdout);
  assert.doesNotMatch(r.stdout, /nothing depends/);
  assert.match(r.stderr, /^error: forbidden: you may not list .*, so what depends on Secret\/openai is unknown\n$/);
});

test('agent names "." and ".." are refused before any request, as kubectl does', bounded, async () => {
  const before = c.requests();
  for (const name of ['.', '..']) {
    for (const args of [
      ['refs', name],
      ['patch-image', name, 'ghcr.io/example/agent:v1'],
      ['rollout', 'status', name],
      ['rollout', 'watch', name],
    ]) {
      const r = await flokoa([...args, ...ns], { env: c.env });
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
      assert.equal(r.stderr, `error: resource name may not be "${name}"\n`, args.join(' '));
    }
  }
  assert.equal(c.requests(), before);
});

test('a 403 fault on watches ends rollout watch at once with the error, not after --timeout', bounded, async () => {
  c.sim.faults = { forbiddenRate: 1, verbs: ['watch'] };
  try {
    const r = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--timeout', '10m'], { env: c.env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: forbidden: injected fault/);
  } finally {
    c.sim.faults = {};
  }
  // A user who may watch the Agent but not its pods: the watch that may go on must not keep it alive.
  const alice = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--timeout', '10m', '--context', 'alice'], { env: c.env });
  assert.equal(alice.code, 1);
  assert.match(alice.stderr, /^error: .*forbidden.*\n$/i);
});

test(
  "an expired token: kubectl's one line, exit 1, at once (no retry loop, no --timeout wait), the token never printed",
  bounded,
  async () => {
    c.sim.faults = { tokenTtlMs: 0 };
    try {
      for (const args of [
        ['refs', ...ns],
        ['rollout', 'status', 'good-agent', ...ns],
        ['rollout', 'watch', 'good-agent', ...ns, '--timeout', '10m'],
        ['patch-image', 'good-agent', 'ghcr.io/example/agent:v9.1.0', ...ns],
      ]) {
        const before = c.requests();
        const r = await flokoa([...args, '--context', 'alice'], { env: c.env });
        assert.equal(r.code, 1, args.join(' '));
        assert.match(r.stderr, /^error: You must be logged in to the server \(Unauthorized\)[^\n]*\n$/, args.join(' '));
        assert.doesNotMatch(r.stdout + r.stderr, /alice-token/);
        assert.ok(c.requests() - before <= 6, `${args.join(' ')}: ${c.requests() - before} requests`);
      }
    } finally {
      c.sim.faults = {};
    }
  },
);

test('an exec credential plugin is run again when its token expires (401), and the command goes on', bounded, async () => {
  for (let i = 1; i <= 50; i++) c.sim.addUser({ token: `exec-token-${i}`, user: 'exec-user', groups: ['system:masters'] });
  // Each run takes the next number (mkdir is atomic: runs at the same time never share one).
  const runsDir = `${c.kubeconfig}.runs`;
  mkdirSync(runsDir);
  // No expirationTimestamp: the token is cached until the server refuses it.
  const env = await execKubeconfig(
    'rotating-plugin',
    `n=1; while ! mkdir ${runsDir}/$n 2>/dev/null; do n=$((n + 1)); done
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s"}}' $n`,
  );
  // Tokens live 400 ms; the server closes watches every second, so each reopening needs a new one.
  c.sim.faults = { tokenTtlMs: 400, watchTimeoutSeconds: 1 };
  try {
    const r = await flokoa(['rollout', 'watch', 'good-agent', ...ns, '--timeout', '3s', '--context', 'rotating-plugin'], { env });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /agent\/good-agent/, r.stderr);
    assert.equal(r.stderr, 'error: timed out after 3s watching agent "good-agent"\n', 'not "Unauthorized"');
    assert.doesNotMatch(r.stdout + r.stderr, /exec-token-/);
    const refs = await flokoa(['refs', ...ns, '--context', 'rotating-plugin'], { env });
    assert.match(refs.stdout, /agent\/good-agent/, refs.stderr);
    assert.doesNotMatch(refs.stderr, /logged in|Unauthorized/);
  } finally {
    c.sim.faults = {};
  }
  const runs = readdirSync(runsDir).length;
  assert.ok(runs >= 2, `the plugin ran ${runs} time(s)`);
});

test('a watch answered and then silent (no event, no bookmark) is resumed after --request-timeout of silence', bounded, async () => {
  c.sim.faults = { silentWatches: true };
  const w = new Running(['rollout', 'watch', 'good-agent', ...ns, '--request-timeout', '1s', '--timeout', '40s'], c.env);
  try {
    await w.waitFor(/agent\/good-agent {2}\w+ {2}ready \d\/\d/); // the lists are answered
    const watches = c.sim.requests.byVerb.watch ?? 0;
    c.sim.faults = {};
    const patch = await flokoa(['patch-image', 'good-agent', 'ghcr.io/example/agent:v7.7.7', ...ns], { env: c.env });
    assert.equal(patch.code, 0, patch.stderr);
    // Seen only through a watch reopened after a second of silence, from the version it had reached.
    await w.waitFor(/image ghcr\.io\/example\/agent:v7\.7\.7/);
    assert.ok((c.sim.requests.byVerb.watch ?? 0) - watches < 40, 'resumed, not in a hot loop');
  } finally {
    c.sim.faults = {};
    w.child.kill('SIGINT');
  }
  assert.equal((await w.exited).code, 130);
});

/** `kubectl flokoa ARGS` through sh, with the CPU time it used (the shell's `times`: children's user + system). */
async function withCpu(args: string[]) {
  const r = await run([], { env: c.env, command: ['sh', '-c', 'kubectl flokoa "$@"; echo "EXIT=$?"; times', 'sh', ...args] });
  const [, code] = /EXIT=(\d+)/.exec(r.stdout) ?? [];
  // `times` prints the shell's own times, then its children's: "0m0.412s 0m0.051s".
  const children = r.stdout.trimEnd().split('\n').at(-1) ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((t, m) => t + Number(m[1]) * 60 + Number(m[2]), 0);
  return { code: Number(code), stderr: r.stderr, cpu };
}

test('rollout restart --timeout under faults: ends with one error line (or succeeds), CPU bounded (no spinning)', bounded, async () => {
  for (const [faults, code, last] of [
    [{ hang: true }, 1, /^error: .*(timed out|timeout)/],
    [{ forbiddenRate: 1, verbs: ['watch'] }, 1, /^error: forbidden: injected fault/],
    // Watches closed at once are reopened with back-off: the restart still completes.
    [{ watchTimeoutSeconds: 0 }, 0, /^(?!error)/],
  ] as [object, number, RegExp][]) {
    c.sim.faults = faults;
    try {
      const r = await withCpu(['rollout', 'restart', 'good-agent', ...ns, '--timeout', '3s']);
      assert.equal(r.code, code, `${JSON.stringify(faults)}: ${r.stderr}`);
      // A note may come first (a single replica is unavailable while it is replaced); an error is the last line.
      assert.match(r.stderr.trimEnd().split('\n').at(-1) ?? '', last, `${JSON.stringify(faults)}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
      assert.ok(r.cpu < 10, `${JSON.stringify(faults)}: ${r.cpu}s of CPU for a 3 s command`);
    } finally {
      c.sim.faults = {};
    }
  }
});

test('rollout restart when the API server dies mid-restart: one line, exit 1, before its --timeout', bounded, async () => {
  const own = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  try {
    const ready = await flokoa(['rollout', 'status', 'good-agent', ...ns, '--timeout', '60s'], { env: own.env });
    assert.equal(ready.code, 0, ready.stderr);
    const p = new Running(['rollout', 'restart', 'good-agent', ...ns, '--timeout', '40s'], own.env);
    await p.waitFor(/evicted/);
    await own.stop();
    const r = await p.exited;
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr.trimEnd().split('\n').at(-1) ?? '', /^error: .*(refused|connect|Unable to connect)/i);
    assert.doesNotMatch(r.stderr, /timed out after 40s|\n\s+at /);
  } finally {
    await own.stop().catch(() => undefined);
  }
});
