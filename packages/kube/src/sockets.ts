// Bounded waits for every socket and every answer of a KubeClient, as kubectl's transport has them:
// a TCP connect gives up after 30 s, a TLS handshake after 10 s (Go's net/http defaults), and a
// request whose server goes silent fails instead of waiting forever. A watch is quiet by nature, but
// not for ever: one that brings no event and no bookmark for `watchIdleMs` (--request-timeout when
// given) is closed, and its caller resumes it (a proxy or NAT may drop a stream without a word).
import type http from 'node:http';
import type { Socket } from 'node:net';

export interface Timeouts {
  connectMs: number;
  handshakeMs: number;
  /** Longest silence of the server within one (non-watch) request. */
  idleMs: number;
  /** Longest silence of a watch before it is closed and resumed (client-go's reflector renews its watches every 5 to 10 min). */
  watchIdleMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 30_000, handshakeMs: 10_000, idleMs: 60_000, watchIdleMs: 300_000 };

function timeoutError(code: string, message: string): NodeJS.ErrnoException {
  const e = new Error(message) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

/** Arms every new socket of `agent` with the connect and handshake limits. */
export function armAgent(agent: http.Agent, tls: boolean, t: Timeouts): void {
  const a = agent as unknown as { createConnection: (...args: unknown[]) => Socket };
  const create = a.createConnection.bind(agent);
  a.createConnection = (...args: unknown[]) => {
    const socket = create(...args);
    let timer = setTimeout(() => socket.destroy(timeoutError('CONNECT_TIMEOUT', 'i/o timeout')), t.connectMs);
    const done = () => clearTimeout(timer);
    socket.once('connect', () => {
      done();
      if (!tls) return;
      timer = setTimeout(() => socket.destroy(timeoutError('TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout')), t.handshakeMs);
    });
    socket.once(tls ? 'secureConnect' : 'connect', done);
    socket.once('close', done);
    return socket;
  };
}

/** Fails `req` (a request or a watch's response) when the server sends nothing for `idleMs`; returns the call that resets the clock. */
export function idleGuard(req: { destroy(e: Error): void }, idleMs: number): { touch(): void; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => req.destroy(timeoutError('IDLE_TIMEOUT', `the server sent nothing for ${idleMs / 1000}s`)), idleMs);
  };
  touch();
  return { touch, clear: () => clearTimeout(timer) };
}
