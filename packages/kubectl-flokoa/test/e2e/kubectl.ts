// Runs `kubectl flokoa …` through the real kubectl binary, with the built plugin first on PATH.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PKG_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST_DIR = join(PKG_DIR, 'dist');
export const FIXTURES = join(PKG_DIR, 'test', 'fixtures');
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function pluginEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${DIST_DIR}:${process.env.PATH ?? ''}` };
  // The developer's own cluster and colour settings must not leak into the tests.
  delete env.NO_COLOR;
  delete env.KUBECONFIG;
  Object.assign(env, extra);
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

/** `kubectl ARGS`, or `command` as given (e.g. wrapped in a pseudo-terminal). */
export function run(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; command?: string[] } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const [cmd, ...rest] = opts.command ?? [KUBECTL, ...args];
    const child = spawn(cmd, rest, { env: pluginEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

export const flokoa = (args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) => run(['flokoa', ...args], opts);

/** A running command whose output lines can be awaited (no sleeps: tests wait for the line). */
export class Running {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private waiters: { re: RegExp; stream: 'stdout' | 'stderr'; resolve: (m: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<Result>;

  /** `kubectl flokoa ARGS`, or `command` as given (e.g. wrapped in a pseudo-terminal). */
  constructor(args: string[], env?: NodeJS.ProcessEnv, command?: string[]) {
    const [cmd, ...rest] = command ?? [KUBECTL, 'flokoa', ...args];
    this.child = spawn(cmd, rest, { env: pluginEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d) => {
      this.stdout += d;
      this.check();
    });
    this.child.stderr?.on('data', (d) => {
      this.stderr += d;
      this.check();
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr })));
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      const m = (w.stream === 'stdout' ? this.stdout : this.stderr).match(w.re);
      if (m) w.resolve(m);
      return !m;
    });
  }

  /** Resolves when the output matches; rejects if the process ends first. */
  waitFor(re: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpMatchArray> {
    const p = new Promise<RegExpMatchArray>((resolve) => {
      this.waiters.push({ re, stream, resolve });
      this.check();
    });
    return Promise.race([
      p,
      this.exited.then(async (r) => {
        const m = (stream === 'stdout' ? r.stdout : r.stderr).match(re);
        if (m) return m;
        throw new Error(`process exited (${r.code}) before ${re} appeared\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      }),
    ]);
  }
}

/** Whether util-linux `script` is here to give a command a pseudo-terminal. */
export const HAS_SCRIPT = !spawnSync('script', ['--version']).error;

/**
 * `sh -c COMMAND` on a pseudo-terminal of ROWS×COLS (util-linux `script`), its exit code printed as
 * `EXIT=n` at the end. With `interruptible`, `interrupt()` sends the command SIGINT (Ctrl-C) through
 * a FIFO the shell inside waits on.
 */
export function inTerminal(
  command: string,
  env: NodeJS.ProcessEnv,
  opts: { rows?: number; cols?: number; interruptible?: boolean } = {},
): { tty: Running; interrupt: () => void } {
  const fifo = join(mkdtempSync(join(tmpdir(), 'kf-tty-')), 'go');
  if (opts.interruptible) execFileSync('mkfifo', [fifo]);
  const size = `stty rows ${opts.rows ?? 40} cols ${opts.cols ?? 120}`;
  const body = opts.interruptible ? `${command} & P=$!; read x < ${fifo}; kill -INT $P; wait $P` : command;
  const tty = new Running([], env, ['script', '-qfec', `sh -c '${size}; ${body}; echo EXIT=$?'`, '/dev/null']);
  return { tty, interrupt: () => writeFileSync(fifo, 'go\n') };
}

/** The last frame a live view drew (after its last in-place redraw), as plain lines. */
export function lastFrame(screen: string): string[] {
  // The first frame starts where the cursor was hidden; each next one with a move up and a clear.
  const frames = screen.slice(screen.indexOf('\x1b[?25l') + '\x1b[?25l'.length).split(/\x1b\[\d+F\r\x1b\[J/);
  const last = frames[frames.length - 1].replace(/\x1b\[\?25[lh]/g, '').replace(/\r/g, '');
  return last.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
}
