// Where every field of a rendered object came from. Origins ride on the containers themselves
// (a WeakMap keyed by each object and array of the rendered tree): a container knows its own
// origin, and a child without one of its own derives it (parent pointer + key). So a subtree
// moved by a list merge keeps its origin without bookkeeping; only scalars moved inside a list
// and values a transformer writes need an entry of their own.
import { escapeSegment, splitPointer } from '../pointer.js';
import type { FieldOrigin } from './model.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

/** The origin of `key` inside a container whose own origin is `parent`. */
export function derive(parent: FieldOrigin, key: string | number): FieldOrigin {
  return parent.kind === 'source' ? { kind: 'source', doc: parent.doc, pointer: `${parent.pointer}/${escapeSegment(key)}` } : parent;
}

export class OriginBook {
  private readonly own = new WeakMap<object, FieldOrigin>();
  private readonly scalars = new WeakMap<object, Map<string, FieldOrigin>>();

  /** A deep copy of a plain value; its root (when a container) is marked with `origin`, its children derive. */
  adopt(value: unknown, origin: FieldOrigin): Json {
    const copy = clone(value);
    if (isContainer(copy)) this.own.set(copy, origin);
    return copy;
  }

  /** Marks a container as coming from `origin` (its children derive from it). */
  mark(container: object, origin: FieldOrigin): void {
    this.own.set(container, origin);
  }

  /** The origin a container's child has now (its own, an explicit scalar entry, or derived). */
  childOrigin(container: object, key: string | number, containerOrigin: FieldOrigin): FieldOrigin {
    const v = (container as Record<string, unknown>)[key as string];
    if (isContainer(v)) {
      const own = this.own.get(v);
      if (own) return own;
    } else {
      const s = this.scalars.get(container)?.get(String(key));
      if (s) return s;
    }
    return derive(containerOrigin, key);
  }

  /** The origin of a container given the origin of its parent and its key there. */
  originOf(container: object, fallback: FieldOrigin): FieldOrigin {
    return this.own.get(container) ?? fallback;
  }

  /** Sets `container[key] = value` and records that the value came from `origin`. */
  set(container: object, key: string | number, value: Json, origin: FieldOrigin): void {
    (container as Record<string, Json>)[key as string] = value;
    this.note(container, key, value, origin);
  }

  /** Records the origin of a value already in place. */
  note(container: object, key: string | number, value: Json, origin: FieldOrigin): void {
    if (isContainer(value)) {
      this.own.set(value, origin);
      this.scalars.get(container)?.delete(String(key));
    } else {
      let m = this.scalars.get(container);
      if (!m) this.scalars.set(container, (m = new Map()));
      m.set(String(key), origin);
    }
  }

  /**
   * The origin of each element of a list, to be given back with `place` after the list was
   * rebuilt (elements removed, merged or reordered move their origins with them).
   */
  pin(list: Json[], listOrigin: FieldOrigin): FieldOrigin[] {
    return list.map((_, i) => this.childOrigin(list, i, listOrigin));
  }

  /** Records per-element origins of a rebuilt list. */
  place(list: Json[], origins: FieldOrigin[]): void {
    for (let i = 0; i < list.length; i++) if (origins[i]) this.note(list, i, list[i], origins[i]);
  }

  /**
   * The origin of the value at `pointer` in a rendered object whose root came from `rootOrigin`;
   * undefined when the path does not exist.
   */
  at(root: Json, rootOrigin: FieldOrigin, pointer: string): FieldOrigin | undefined {
    let cur: Json = root;
    let origin = isContainer(root) ? (this.own.get(root) ?? rootOrigin) : rootOrigin;
    for (const seg of splitPointer(pointer)) {
      if (!isContainer(cur)) return undefined;
      const next: Json | undefined = Array.isArray(cur) ? (/^\d+$/.test(seg) ? cur[Number(seg)] : undefined) : cur[seg];
      if (next === undefined) return undefined;
      origin = this.childOrigin(cur, seg, origin);
      cur = next;
    }
    return origin;
  }
}

/** A deep copy of a JSON-like value (YAML's plain values); anything else is copied as a string. */
export function clone(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out;
  }
  return String(value);
}
