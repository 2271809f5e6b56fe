// The one place where failures talking to the API server become one line a user understands.
// Everything below the CLI throws these; every line is redacted (secrets.ts); the CLI prints `error: ${describeError(e)}` and exits 1.
import { redact } from './secrets.js';

/** Bad flags, arguments or kubeconfig: the user's input, not the server. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A Kubernetes `Status` failure (or an HTTP status without one). */
export class KubeApiError extends Error {
  override name = 'KubeApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly request: { verb: string; path: string },
    readonly retryAfterSeconds?: number,
    /** The Status's details.causes (an eviction's DisruptionBudget, a validation's fields). */
    readonly causes: { reason?: string; message?: string; field?: string }[] = [],
  ) {
    super(message);
  }
}

/** The request could not be completed: refused, unreachable, TLS, timeout. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(
    message: string,
    readonly detail: { code?: string; server: string },
  ) {
    super(message);
  }
}

/** The object changed between our read and our write; nothing was written (a JSON patch `test` failed). */
export class ConcurrentEditError extends Error {
  override name = 'ConcurrentEditError';
}

/** A failure the command already explained; exit 1 without repeating it. */
export class ReportedFailure extends Error {
  override name = 'ReportedFailure';
}

export function isNotFound(e: unknown): boolean {
  return e instanceof KubeApiError && e.code === 404;
}
export function isForbidden(e: unknown): boolean {
  return e instanceof KubeApiError && e.code === 403;
}

/** Builds the error for a non-2xx response; `body` is the response text (a Status object or not). */
export function apiErrorFromResponse(
  code: number,
  body: string,
  request: { verb: string; path: string },
  retryAfter?: string,
): KubeApiError {
  let reason = '';
  let message = '';
  let causes: KubeApiError['causes'] = [];
  try {
    const status = JSON.parse(body) as { kind?: string; reason?: string; message?: string; details?: { causes?: unknown } };
    if (status && status.kind === 'Status') {
      reason = status.reason ?? '';
      message = status.message ?? '';
      if (Array.isArray(status.details?.causes)) causes = status.details.causes.filter((c) => c && typeof c === 'object');
    }
  } catch {
    // Proxies and load balancers answer in HTML or plain text; keep a short piece of it.
    message = (body.trim().split('\n')[0] ?? '').slice(0, 200);
  }
  const retry = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new KubeApiError(code, reason, message, request, retry, causes);
}

function summarize(e: KubeApiError): string {
  const m = e.message;
  switch (e.code) {
    case 401:
      return 'You must be logged in to the server (Unauthorized): the token or client certificate was rejected; check the credentials of your kubeconfig user';
    case 403:
      return m ? `forbidden: ${m}` : `forbidden: you may not ${e.request.verb} ${e.request.path}`;
    case 404:
      return m || `the server could not find ${e.request.path}`;
    case 409:
      return m ? `conflict: ${m}` : 'conflict: the object was modified by someone else; re-read it and try again';
    case 410:
      return `the watched resource version is too old (410 Gone)${m ? ': ' + m : ''}`;
    case 422:
      return m ? `invalid: ${m}` : 'the server rejected the request as invalid (422)';
    case 429:
      return `the server is throttling requests (429 Too Many Requests)${e.retryAfterSeconds !== undefined ? `, retry after ${e.retryAfterSeconds}s` : ''}${m ? ': ' + m : ''}`;
    case 504:
      return `the server timed out handling ${e.request.verb} ${e.request.path} (504)${m ? ': ' + m : ''}`;
    default:
      if (e.code >= 500)
        return `the server failed (${e.code}${e.reason ? ' ' + e.reason : ''}) on ${e.request.verb} ${e.request.path}${m ? ': ' + m : ''}`;
      return `${e.code}${e.reason ? ' ' + e.reason : ''}: ${m || e.request.path}`;
  }
}

/** One line, no stack, for any error that reaches the top. */
export function describeError(e: unknown): string {
  if (e instanceof KubeApiError) return oneLine(summarize(e));
  // A ReportedFailure's message was written for users already (the CLI prints nothing more for it).
  if (e instanceof UsageError || e instanceof ConnectionError || e instanceof ConcurrentEditError || e instanceof ReportedFailure)
    return oneLine(e.message);
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return 'output closed';
    return oneLine(`internal error: ${e.message}`);
  }
  return oneLine(`internal error: ${String(e)}`);
}

/** Maps a Node socket error to kubectl's wording for the same failure. */
export function connectionErrorFrom(err: NodeJS.ErrnoException, server: string, timeoutMs?: number): ConnectionError {
  const host = (() => {
    try {
      return new URL(server).host;
    } catch {
      return server;
    }
  })();
  const code = err.code ?? '';
  let message: string;
  switch (code) {
    case 'ECONNREFUSED':
      message = `The connection to the server ${host} was refused - did you specify the right host or port?`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      message = `Unable to connect to the server: lookup ${host}: no such host`;
      break;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      message = `Unable to connect to the server ${host}: ${code}`;
      break;
    case 'CONNECT_TIMEOUT':
    case 'TLS_HANDSHAKE_TIMEOUT':
    case 'IDLE_TIMEOUT':
      message = `Unable to connect to the server ${host}: ${err.message}`;
      break;
    case 'REQUEST_TIMEOUT':
      message = `Unable to connect to the server ${host}: the request timed out after ${formatDuration(timeoutMs ?? 0)} (--request-timeout)`;
      break;
    default:
      if (/certificate|self.signed|SSL|TLS/i.test(err.message) || code.startsWith('ERR_TLS') || code.includes('CERT')) {
        message = `Unable to connect to the server ${host}: TLS: ${err.message}`;
      } else {
        message = `Unable to connect to the server ${host}: ${err.message}`;
      }
  }
  return new ConnectionError(message, { code, server });
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m}m${rest}s` : `${m}m`;
}

function oneLine(s: string): string {
  return redact(s.replace(/\s*\n\s*/g, ' ').trim());
}
