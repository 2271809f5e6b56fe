// Shared by the end-to-end tests: start a sim with fixtures, run the real kubectl against it,
// speak raw HTTPS to it, and wait for output lines or store events (never for time).

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterSim, ClusterSimOptions, KObject } from '../../src/index.js';
import { CA_CERT, startClusterSim } from '../../src/index.js';

/** test/fixtures of the package (tests run from out/test/e2e). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures');

export interface Harness {
  sim: ClusterSim;
  dir: string;
  kubeconfig: string;
  stop(): Promise<void>;
}

export const USERS = [
  { token: 'tok-alice', user: 'alice', groups: ['devs'] },
  { token: 'tok-bob', user: 'bob', groups: [] },
];

export async function startHarness(opts: ClusterSimOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-sim-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  // A controller error is a bug in the sim: collected here and reported when the harness stops.
  const controllerErrors: string[] = [];
  const sim = await startClusterSim({
    timeScale: 50,
    readyDelayMs: 200,
    users: USERS,
    kubeconfigPath: kubeconfig,
    onControllerError: (key, err) => controllerErrors.push(`${key}: ${err instanceof Error ? err.message : String(err)}`),
    ...opts,
  });
  return {
    sim,
    dir,
    kubeconfig,
    async stop() {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
      if (controllerErrors.length > 0) throw new Error(`controller errors:\n${controllerErrors.join('\n')}`);
    },
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl to completion with the harness kubeconfig. */
export function kubectl(h: Harness, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', h.kubeconfig, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, KUBECONFIG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A long-running process whose stdout lines can be awaited. */
export class LineStream {
  readonly lines: string[] = [];
  private waiters: { pred: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  private buf = '';
  readonly exited: Promise<number>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => {
      this.buf += d.toString();
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => {
          if (!w.pred(line)) return true;
          w.resolve(line);
          return false;
        });
      }
    });
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Resolves with the first line (already seen or coming) that satisfies `pred`; rejects if the process exits first. */
  waitFor(pred: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ pred, resolve });
      void this.exited.then((code) => reject(new Error(`process exited (${code}) before the line; output:\n${this.lines.join('\n')}`)));
    });
  }

  kill(): void {
    this.child.kill('SIGTERM');
  }
}

export function kubectlStream(h: Harness, args: string[]): LineStream {
  return new LineStream(
    spawn('kubectl', ['--kubeconfig', h.kubeconfig, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KUBECONFIG: '' },
    }),
  );
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

/** One HTTPS request to the sim, authenticated with `token` (admin by default; '' for none). */
export function http(
  h: Harness,
  method: string,
  path: string,
  opts: { body?: unknown; contentType?: string; token?: string; accept?: string } = {},
): Promise<HttpResult> {
  const url = new URL(path, h.sim.url);
  const token = opts.token ?? h.sim.adminToken;
  const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: CA_CERT,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(payload !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json' } : {}),
          ...(opts.accept ? { Accept: opts.accept } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Opens a watch and yields parsed events as they arrive. */
export function watchStream(
  h: Harness,
  path: string,
): { events: any[]; next(pred?: (e: any) => boolean): Promise<any>; ended: Promise<void>; close(): void } {
  const url = new URL(path, h.sim.url);
  const events: any[] = [];
  let waiters: { pred: (e: any) => boolean; resolve: (e: any) => void }[] = [];
  let close = (): void => undefined;
  const ended = new Promise<void>((resolveEnd, rejectEnd) => {
    const req = request(url, { ca: CA_CERT, headers: { Authorization: `Bearer ${h.sim.adminToken}` } }, (res) => {
      let buf = '';
      res.on('data', (d) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const e = JSON.parse(buf.slice(0, i));
          buf = buf.slice(i + 1);
          events.push(e);
          waiters = waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
        }
      });
      res.on('end', () => resolveEnd());
      res.on('error', () => resolveEnd());
    });
    req.on('error', (e) =>
      String(e.message).includes('aborted') || String(e.message).includes('socket hang up') ? resolveEnd() : rejectEnd(e),
    );
    req.end();
    close = () => req.destroy();
  });
  return {
    events,
    ended,
    close: () => close(),
    next(pred = () => true) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pred, resolve });
        void ended.then(() => reject(new Error(`watch ended before the event; got ${JSON.stringify(events.map((e) => e.type))}`)));
      });
    },
  };
}

/** Resolves when the object is deleted (immediately if it is already gone). */
export function waitForDeletion(sim: ClusterSim, resource: string, name: string, namespace?: string): Promise<void> {
  const t = sim.resourceType(resource);
  if (!sim.get(resource, name, namespace)) return Promise.resolve();
  return new Promise((resolve) => {
    const off = sim.store.subscribe((e) => {
      if (
        e.type === 'DELETED' &&
        e.key === `${t.group}/${t.plural}` &&
        e.object.metadata.name === name &&
        (!t.namespaced || e.object.metadata.namespace === (namespace ?? 'default'))
      ) {
        off();
        resolve();
      }
    });
  });
}

export function writeFile(h: Harness, name: string, text: string): string {
  const p = join(h.dir, name);
  writeFileSync(p, text);
  return p;
}

export type { KObject };
