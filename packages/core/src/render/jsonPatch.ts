// JSON patches (RFC 6902) as kustomize applies them (evanphx/json-patch v4): add, remove,
// replace, move, copy and test, where a missing path is an error that fails the build.
import type { FieldOrigin } from './model.js';
import { derive, isJsonObject, type Json, type JsonObject, type OriginBook } from './origins.js';
import { splitPointer } from '../pointer.js';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
  /** Where this operation is written (its `value` derives from it). */
  origin: FieldOrigin;
}

/** Reads the operations of a patch document; a string when it is not a list of operations. */
export function readJsonPatch(value: unknown, origin: FieldOrigin): JsonPatchOp[] | string {
  if (!Array.isArray(value)) return 'a JSON patch must be a list of operations';
  const ops: JsonPatchOp[] = [];
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (!isJsonObject(v) || typeof v.op !== 'string') return `operation ${i + 1} has no op`;
    if (typeof v.path !== 'string') return `operation ${i + 1} (${v.op}) has no path`;
    ops.push({ op: v.op, path: v.path, from: typeof v.from === 'string' ? v.from : undefined, value: v.value, origin: derive(origin, i) });
  }
  return ops;
}

class PatchError extends Error {}

interface Located {
  parent: JsonObject | Json[];
  key: string;
  parentOrigin: FieldOrigin;
}

/** Applies the operations to `root` in place; returns an error message when one does not apply. */
export function applyJsonPatch(book: OriginBook, root: JsonObject, rootOrigin: FieldOrigin, ops: JsonPatchOp[]): string | undefined {
  try {
    for (const op of ops) applyOne(book, root, rootOrigin, op);
    return undefined;
  } catch (e) {
    if (e instanceof PatchError) return e.message;
    throw e;
  }
}

function locate(book: OriginBook, root: JsonObject, rootOrigin: FieldOrigin, path: string, op: string): Located {
  if (path === '') throw new PatchError(`${op} at the document root is not supported`);
  const segs = splitPointer(path);
  let cur: Json = root;
  let origin = book.originOf(root, rootOrigin);
  for (const seg of segs.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[index(seg, cur.length, false, path)] : isJsonObject(cur) ? cur[seg] : undefined;
    if (next === undefined || next === null || typeof next !== 'object')
      throw new PatchError(`${op} operation does not apply: doc is missing path: ${path}`);
    origin = book.childOrigin(cur as object, seg, origin);
    cur = next;
  }
  if (cur === null || typeof cur !== 'object') throw new PatchError(`${op} operation does not apply: doc is missing path: ${path}`);
  return { parent: cur, key: segs[segs.length - 1], parentOrigin: origin };
}

function index(seg: string, length: number, forInsert: boolean, path: string): number {
  if (!/^-?\d+$/.test(seg)) throw new PatchError(`invalid array index '${seg}' in ${path}`);
  let i = Number(seg);
  if (i < 0) i += length;
  if (i < 0 || i > length || (!forInsert && i === length)) throw new PatchError(`Unable to access invalid index: ${seg} (${path})`);
  return i;
}

function get(l: Located, path: string, op: string): Json {
  const { parent, key } = l;
  if (Array.isArray(parent)) return parent[index(key, parent.length, false, path)];
  if (!(key in parent)) throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}`);
  return parent[key];
}

function remove(book: OriginBook, l: Located, path: string): { value: Json; origin: FieldOrigin } {
  const { parent, key, parentOrigin } = l;
  if (Array.isArray(parent)) {
    const i = index(key, parent.length, false, path);
    const origins = book.pin(parent, parentOrigin);
    const [value] = parent.splice(i, 1);
    const [origin] = origins.splice(i, 1);
    book.place(parent, origins);
    return { value, origin };
  }
  if (!(key in parent)) throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value (${path})`);
  const value = parent[key];
  const origin = book.childOrigin(parent, key, parentOrigin);
  delete parent[key];
  return { value, origin };
}

function add(book: OriginBook, l: Located, value: Json, origin: FieldOrigin, path: string): void {
  const { parent, key, parentOrigin } = l;
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : index(key, parent.length, true, path);
    const origins = book.pin(parent, parentOrigin);
    parent.splice(i, 0, value);
    origins.splice(i, 0, origin);
    book.place(parent, origins);
    return;
  }
  book.set(parent, key, value, origin);
}

function applyOne(book: OriginBook, root: JsonObject, rootOrigin: FieldOrigin, op: JsonPatchOp): void {
  const at = (path: string): Located => locate(book, root, rootOrigin, path, op.op);
  const valueOrigin = derive(op.origin, 'value');
  switch (op.op) {
    case 'add':
      return add(book, at(op.path), book.adopt(op.value ?? null, valueOrigin), valueOrigin, op.path);
    case 'remove':
      remove(book, at(op.path), op.path);
      return;
    case 'replace': {
      const l = at(op.path);
      get(l, op.path, op.op);
      if (Array.isArray(l.parent)) {
        const i = index(l.key, l.parent.length, false, op.path);
        book.set(l.parent, i, book.adopt(op.value ?? null, valueOrigin), valueOrigin);
      } else book.set(l.parent, l.key, book.adopt(op.value ?? null, valueOrigin), valueOrigin);
      return;
    }
    case 'move': {
      if (op.from === undefined) throw new PatchError('move operation has no from');
      const moved = remove(book, at(op.from), op.from);
      return add(book, at(op.path), moved.value, moved.origin, op.path);
    }
    case 'copy': {
      if (op.from === undefined) throw new PatchError('copy operation has no from');
      const l = at(op.from);
      const v = get(l, op.from, op.op);
      const o = book.childOrigin(l.parent as object, l.key, l.parentOrigin);
      return add(book, at(op.path), book.adopt(v, o), o, op.path);
    }
    case 'test': {
      const v = get(at(op.path), op.path, op.op);
      if (JSON.stringify(canonical(v)) !== JSON.stringify(canonical(op.value ?? null)))
        throw new PatchError(`testing value ${op.path} failed`);
      return;
    }
    default:
      throw new PatchError(`Unexpected kind: ${op.op}`);
  }
}

function canonical(v: Json): Json {
  if (Array.isArray(v)) return v.map(canonical);
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical(v[k]);
    return out;
  }
  return v;
}
