// JSON pointers (RFC 6901): the one way every layer names a place inside a document.
// Escaping lives with the schema validator, which produces pointers too; this adds navigation.
import { splitPointer } from './schema/pointer.js';

export { escapeSegment, joinPointer, splitPointer } from './schema/pointer.js';

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

/** The plain value at a pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const seg of segmentsOf(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}

/** A pointer as a field path for messages: `/spec/tools/0/toolRef` → `spec.tools[0].toolRef`. */
export function dottedPath(pointer: string): string {
  let out = '';
  for (const seg of splitPointer(pointer)) out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/**
 * The segments of a pointer, shared between calls (read-only): rules read the same few pointers of
 * every document, and splitting them afresh each time was a good part of indexing a large workspace.
 */
const SEGMENTS = new Map<string, readonly string[]>();
const MAX_SEGMENTS = 4096;

function segmentsOf(pointer: string): readonly string[] {
  let segs = SEGMENTS.get(pointer);
  if (!segs) {
    if (SEGMENTS.size >= MAX_SEGMENTS) SEGMENTS.clear();
    SEGMENTS.set(pointer, (segs = splitPointer(pointer)));
  }
  return segs;
}
