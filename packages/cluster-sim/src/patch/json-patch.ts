// RFC 6902 JSON Patch. Failures carry the messages of the library the API server uses
// (evanphx/json-patch), which the server then hides behind a generic 422.

import { ApiError, badRequest } from '../errors.js';
import { clone, deepEqual, isPlainObject } from '../object.js';

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

export class JsonPatchError extends Error {}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`JSON pointer must start with "/": "${pointer}"`);
  return pointer.slice(1).split('/').map(unescape);
}

type Container = Record<string, unknown> | unknown[];

/** The container holding the last token, or undefined when a parent is missing. */
function parentOf(doc: unknown, parts: string[]): Container | undefined {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(p);
      if (!/^\d+$/.test(p) || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!(p in cur)) return undefined;
      cur = cur[p];
    } else return undefined;
  }
  return Array.isArray(cur) || isPlainObject(cur) ? cur : undefined;
}

function getAt(doc: unknown, path: string): { found: boolean; value?: unknown } {
  const parts = tokens(path);
  if (parts.length === 0) return { found: true, value: doc };
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    return /^\d+$/.test(last) && i < parent.length ? { found: true, value: parent[i] } : { found: false };
  }
  if (parent && last in parent) return { found: true, value: parent[last] };
  return { found: false };
}

function missing(op: string, path: string): JsonPatchError {
  return new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
}

function add(doc: unknown, path: string, value: unknown, op = 'add'): unknown {
  const parts = tokens(path);
  if (parts.length === 0) return value;
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!/^(\d+|-)$/.test(last) || i > parent.length) {
      throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": invalid index referenced`);
    }
    parent.splice(i, 0, value);
  } else if (parent) parent[last] = value;
  else throw missing(op, path);
  return doc;
}

function remove(doc: unknown, path: string, op = 'remove'): unknown {
  const parts = tokens(path);
  const parent = parentOf(doc, parts);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= parent.length) throw missing(op, path);
    parent.splice(i, 1);
  } else if (parent && last in parent) delete parent[last];
  else throw missing(op, path);
  return doc;
}

/** Applies the operations to a copy of `doc`; throws ApiError as the API server would answer. */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  let out = clone(doc);
  try {
    for (const raw of patch) {
      if (!isPlainObject(raw) || typeof raw.op !== 'string') throw new JsonPatchError('Unexpected kind: unknown');
      const { op } = raw;
      const path = typeof raw.path === 'string' ? raw.path : undefined;
      if (path === undefined) throw new JsonPatchError(`${op} operation missing path`);
      switch (op) {
        case 'add':
          if (!('value' in raw)) throw new JsonPatchError('add operation missing value');
          out = add(out, path, clone(raw.value));
          break;
        case 'remove':
          out = remove(out, path);
          break;
        case 'replace': {
          if (!('value' in raw)) throw new JsonPatchError('replace operation missing value');
          if (tokens(path).length === 0) {
            out = clone(raw.value);
            break;
          }
          if (!getAt(out, path).found) {
            throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
          }
          out = remove(out, path, 'replace');
          out = add(out, path, clone(raw.value), 'replace');
          break;
        }
        case 'move':
        case 'copy': {
          const from = typeof raw.from === 'string' ? raw.from : undefined;
          if (from === undefined) throw new JsonPatchError(`${op} operation missing from`);
          const src = getAt(out, from);
          if (!src.found) throw missing(op, from);
          if (op === 'move') out = remove(out, from, 'move');
          out = add(out, path, clone(src.value), op);
          break;
        }
        case 'test': {
          const cur = getAt(out, path);
          const expected = 'value' in raw ? raw.value : null;
          const ok = cur.found ? deepEqual(cur.value, expected) : expected === null;
          if (!ok) throw new JsonPatchError(`testing value ${path} failed: test failed`);
          break;
        }
        default:
          throw new JsonPatchError(`Unexpected kind: ${op}`);
      }
    }
  } catch (e) {
    if (e instanceof JsonPatchError) {
      // The API server answers every apply failure with this generic message and no causes
      // (NewGenericServerResponse), so clients cannot tell a failed test from a missing path.
      throw new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
    }
    throw e;
  }
  return out;
}
