// Child processes of the e2e run: started with their output captured to a log file, awaited on a
// line they print (never on a fixed delay), and stopped by their own pid when the run ends.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

export interface Started {
  child: ChildProcess;
  /** The first match of the awaited pattern in the output. */
  match: RegExpMatchArray;
  logPath: string;
  stop(): Promise<void>;
}

/** Spawns `cmd` and resolves once its stdout or stderr matches `ready`; rejects on exit or timeout. */
export function startAndWait(
  cmd: string,
  args: string[],
  opts: SpawnOptions & { ready: RegExp; logPath: string; timeoutMs: number; name: string },
): Promise<Started> {
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(opts.logPath);
  let seen = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${opts.name} did not print ${opts.ready} within ${opts.timeoutMs / 1000}s; log: ${opts.logPath}\n${tail(opts.logPath)}`),
      );
    }, opts.timeoutMs);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (ready) return;
      seen += chunk.toString('utf8');
      const m = seen.match(opts.ready);
      if (m) {
        ready = true;
        clearTimeout(timer);
        seen = '';
        resolve({ child, match: m, logPath: opts.logPath, stop: () => stop(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name} failed to start: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      log.end();
      reject(new Error(`${opts.name} exited (${code ?? signal}) before it was ready; log: ${opts.logPath}\n${tail(opts.logPath)}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
