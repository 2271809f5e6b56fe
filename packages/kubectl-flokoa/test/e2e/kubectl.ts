// Runs `kubectl flokoa …` through the real kubectl binary, with the built plugin first on PATH.
import { spawn, type ChildProcess } from 'node:child_process';
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
