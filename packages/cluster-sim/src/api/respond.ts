// Writing responses: JSON bodies, Status errors and warning headers.

import type { ServerResponse } from 'node:http';
import { ApiError, internalError } from '../errors.js';

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
  contentType = 'application/json',
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

/** `Warning: 299 - "text"` headers, as the API server sends for pruned fields and deprecations. */
export function warningHeaders(warnings: string[]): Record<string, string | string[]> {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}

export function sendError(res: ServerResponse, err: unknown): number {
  const e = err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.end();
    return e.code;
  }
  sendJson(res, e.code, e.toStatus(), e.headers);
  return e.code;
}
