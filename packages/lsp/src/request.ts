// The one wrapper every request handler runs through: honours cancellation, never throws into the
// connection, and logs which document made a feature fail so a user report can be reproduced.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export interface Log {
  error(message: string): void;
  info(message: string): void;
}

function cancelled<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Describes an error for the log without dumping secret-bearing values: message and top stack frames only. */
export function errorForLog(e: unknown): string {
  if (e instanceof Error) return e.stack ? e.stack.split('\n').slice(0, 6).join('\n') : e.message;
  return String(e);
}

/**
 * Runs `fn` for request `what` on `uri`. Cancelled before or after → RequestCancelled error (as LSP asks);
 * an exception → logged with the uri, and `fallback` is returned so the editor keeps working.
 */
export async function runSafe<T, E = void>(
  log: Log,
  what: string,
  uri: string | undefined,
  token: CancellationToken | undefined,
  fallback: T,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<E>> {
  if (token?.isCancellationRequested) return cancelled<E>();
  try {
    const result = await fn();
    if (token?.isCancellationRequested) return cancelled<E>();
    return result;
  } catch (e) {
    // A ResponseError is a deliberate answer (e.g. "this cannot be renamed"), not a failure.
    if (e instanceof ResponseError) return e as ResponseError<E>;
    log.error(`${what} failed${uri ? ` on ${uri}` : ''}: ${errorForLog(e)}`);
    return fallback;
  }
}

/** Same contract for notification handlers: errors are logged, never propagated. */
export function runSafeNotification(log: Log, what: string, uri: string | undefined, fn: () => void | Promise<void>): void {
  try {
    const r = fn();
    if (r) r.catch((e) => log.error(`${what} failed${uri ? ` on ${uri}` : ''}: ${errorForLog(e)}`));
  } catch (e) {
    log.error(`${what} failed${uri ? ` on ${uri}` : ''}: ${errorForLog(e)}`);
  }
}
