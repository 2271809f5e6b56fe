// The live view on a terminal (a pseudo-terminal of fixed size from util-linux `script`), through the
// real kubectl against cluster-sim: `rollout watch`, and `patch-image --watch` / `rollout undo --watch`,
// which draw the same view on a terminal and end with the rollout. Assertions are on the last frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flokoa, HAS_SCRIPT, inTerminal, lastFrame } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
const IMAGE = 'ghcr.io/example/agent';

before(async () => {
  c = await startTestCluster({ timeScale: 20, readyDelayMs: 200 });
  const first = await flokoa(['rollout', 'status', 'good-agent', '-n', 'my-app', '--timeout', '60s'], { env: c.env });
  assert.equal(first.code, 0, first.stdout + first.stderr);
});
after(() => c?.stop());

/** The screen up to the exit line, and the exit code the shell inside printed. */
async function finished(tty: ReturnType<typeof inTerminal>['tty']): Promise<{ screen: string; code: number }> {
  const done = await tty.exited;
  const m = /EXIT=(\d+)/.exec(done.stdout);
  assert.ok(m, done.stdout);
  return { screen: done.stdout.slice(0, m.index), code: Number(m[1]) };
}

test('patch-image --watch on a terminal: the live view, redrawn in place, then the verdict; exit 0', { skip: !HAS_SCRIPT }, async () => {
  const { tty } = inTerminal(`kubectl flokoa patch-image good-agent ${IMAGE}:v1.1.0 -n my-app --watch --timeout 60s`, c.env, {
    rows: 20,
    cols: 100,
  });
  const { screen, code } = await finished(tty);
  assert.equal(code, 0, screen);
  assert.match(screen, /^agent\.agent\.flokoa\.ai\/good-agent image .*v1\.0\.0.* → .*v1\.1\.0/);
  assert.match(screen, /\x1b\[\?25l/, 'the cursor is hidden while the view is live');
  assert.match(screen, /\x1b\[\d+F\r\x1b\[J/, 'a frame redrawn over the previous one');
  assert.doesNotMatch(screen, /Waiting for/, 'no status lines under the live view');
  const frame = lastFrame(screen).filter((l) => l.trim());
  assert.match(frame[0], /^agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image ghcr\.io\/example\/agent:v1\.1\.0/);
  assert.match(frame[1], /^└─ deployment\/good-agent {2}ready 1\/1/);
  assert.ok(
    frame.some((l) => /revision \d+ \(current\) {2}good-agent-\S+ {2}ghcr\.io\/example\/agent:v1\.1\.0/.test(l)),
    frame.join('\n'),
  );
  assert.equal(frame[frame.length - 1], 'deployment "good-agent" successfully rolled out');
  assert.ok(
    frame.every((l) => l.length < 100),
    'no line wider than the terminal',
  );
  assert.match(screen, /\x1b\[\?25h[^]*successfully rolled out/, 'the cursor is back before the verdict');
});

test(
  'a failing image on a terminal: the view shows the pod, the error and the undo hint follow it; exit 1',
  { skip: !HAS_SCRIPT },
  async () => {
    const bad = inTerminal(`kubectl flokoa patch-image good-agent ${IMAGE}:v2-pullfail -n my-app --watch --timeout 3s`, c.env);
    const failed = await finished(bad.tty);
    assert.equal(failed.code, 1, failed.screen);
    const frame = lastFrame(failed.screen).filter((l) => l.trim());
    assert.ok(
      frame.some((l) => /pod\/good-agent-\S+ {2}0\/1 {2}(ErrImagePull|ImagePullBackOff)/.test(l)),
      frame.join('\n'),
    );
    const tail = frame.slice(-2);
    assert.match(tail[0], /^error: timed out after 3s waiting for the rollout of agent "good-agent": .*cannot pull/);
    assert.equal(tail[1], 'hint: to go back to the previous image: kubectl flokoa rollout undo good-agent -n my-app');

    // The hint, as printed, on a terminal: back to v1.1.0 and healthy.
    const undo = inTerminal('kubectl flokoa rollout undo good-agent -n my-app --watch --timeout 60s', c.env, { rows: 12, cols: 80 });
    const back = await finished(undo.tty);
    assert.equal(back.code, 0, back.screen);
    assert.match(back.screen, /rolled back to revision \d+: ghcr\.io\/example\/agent:v2-pullfail → ghcr\.io\/example\/agent:v1\.1\.0/);
    const last = lastFrame(back.screen).filter((l) => l.trim());
    assert.ok(last.length <= 12, `fits the 12 rows: ${last.join('\n')}`);
    assert.match(last[0], /^agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image ghcr\.io\/example\/agent:v1\.1\.0/);
    assert.equal(last[last.length - 1], 'deployment "good-agent" successfully rolled out');
  },
);

test('patch-image --watch piped: kubectl rollout status lines, no escape codes', async () => {
  const r = await flokoa(['patch-image', 'good-agent', `${IMAGE}:v1.2.0`, '-n', 'my-app', '--watch', '--timeout', '60s'], { env: c.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
  assert.match(r.stdout, /Waiting for .*\n[^]*deployment "good-agent" successfully rolled out\n$/);
});

test('rollout watch on a terminal: redrawn in place, and Ctrl-C leaves the cursor visible; exit 130', { skip: !HAS_SCRIPT }, async () => {
  const { tty, interrupt } = inTerminal('kubectl flokoa rollout watch good-agent -n my-app', c.env, { interruptible: true });
  await tty.waitFor(/\x1b\[\?25l[\s\S]*agent\/good-agent/);
  await tty.waitFor(/\x1b\[\d+F\r\x1b\[J/); // a second frame drawn over the first
  interrupt();
  const { screen, code } = await finished(tty);
  assert.equal(code, 130);
  assert.match(screen, /\x1b\[\?25h/);
});

test(
  'rollout watch on a small terminal with NO_COLOR: redrawn in place without colour, fitted to the screen',
  { skip: !HAS_SCRIPT },
  async () => {
    for (const v of ['v1.4.0', 'v1.5.0', 'v1.6.0']) {
      const r = await flokoa(['patch-image', 'good-agent', `${IMAGE}:${v}`, '-n', 'my-app', '--watch', '--timeout', '60s'], { env: c.env });
      assert.equal(r.code, 0, r.stdout + r.stderr); // revisions enough not to fit 6 rows
    }
    const { tty, interrupt } = inTerminal(
      'kubectl flokoa rollout watch good-agent -n my-app',
      { ...c.env, NO_COLOR: '1' },
      {
        rows: 6,
        interruptible: true,
      },
    );
    await tty.waitFor(/\x1b\[\d+F\r\x1b\[J[^\x1b]*older revision/); // a redrawn frame, old revisions folded
    interrupt();
    const { screen, code } = await finished(tty);
    assert.equal(code, 130);
    assert.ok(!/\x1b\[[0-9;]*m/.test(screen), 'no colour with NO_COLOR');
    const last = lastFrame(screen).filter((l) => l.trim());
    assert.ok(last.length <= 5, `the frame fits 6 rows with the cursor's: ${JSON.stringify(last)}`);
    assert.match(last[0], /^agent\/good-agent {2}Healthy {2}ready 1\/1 {2}image /);
    assert.match(last[1], /^└─ deployment\/good-agent {2}ready 1\/1/);
    assert.ok(
      last.some((l) => /^ {3}[├└]─ … \d+ older revisions?$/.test(l)),
      last.join('\n'),
    );
  },
);
