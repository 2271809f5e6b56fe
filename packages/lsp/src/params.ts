// Shapes of the document notifications, checked before they touch the session: a client (or a
// fuzzer) that sends a didOpen without text, a non-string text or no URI gets one log line and
// the notification is dropped; it must never leave a broken document that fails every later request.
import { isPlainObject } from '@flokoa/core';
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

const isPosition = (v: unknown) => isPlainObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character);
const isRange = (v: unknown) => isPlainObject(v) && isPosition(v.start) && isPosition(v.end);

function hasUri(v: unknown): v is { uri: string } {
  return isPlainObject(v) && typeof v.uri === 'string' && v.uri !== '';
}

export function validOpen(p: unknown): p is DidOpenTextDocumentParams {
  if (!isPlainObject(p) || !hasUri(p.textDocument)) return false;
  const d = p.textDocument as Record<string, unknown>;
  return typeof d.text === 'string' && Number.isInteger(d.version) && (d.languageId === undefined || typeof d.languageId === 'string');
}

function validChange(c: unknown): c is TextDocumentContentChangeEvent {
  return isPlainObject(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range));
}

export function validChangeParams(p: unknown): p is DidChangeTextDocumentParams {
  if (!isPlainObject(p) || !hasUri(p.textDocument)) return false;
  const d = p.textDocument as Record<string, unknown>;
  return Number.isInteger(d.version) && Array.isArray(p.contentChanges) && p.contentChanges.every(validChange);
}

export function validClose(p: unknown): p is DidCloseTextDocumentParams {
  return isPlainObject(p) && hasUri(p.textDocument);
}
