// Where the cursor is in a document the user is in the middle of typing. The text at the cursor
// rarely parses the way it will (`repl` alone is a scalar, `name: ` a null), so the word at the
// cursor is replaced by a marker, the one document around it is re-read as core reads documents
// (its fast reader, else the `yaml` library), and the marker's JSON pointer is the answer. Only that
// document is re-read.
import { parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import {
  lineStart as lineStartOf,
  DEFAULT_LIMITS,
  docAt,
  escapeSegment,
  readFastYaml,
  YAML_OPTIONS,
  type ParsedFile,
  type Position,
  type Range,
} from '@flokoa/core';

const MARK = '__flokoa_cursor__';

export interface CursorContext {
  /** `key`: the cursor is where a key goes; `value`: on the value of the key in `pointer`. */
  role: 'key' | 'value';
  /** For `key`: pointer of the object the key goes in. For `value`: pointer of the value. */
  pointer: string;
  /** What was typed so far and the range completion replaces. */
  partial: string;
  replace: Range;
  /** The document's value with the marker (its other fields as typed). */
  value: unknown;
  /** Keys already present in the object (for `key`), so they are not offered again. */
  siblings: Set<string>;
  /** The document holds nothing but the cursor (new-resource snippets). */
  emptyDocument: boolean;
}

// Characters a YAML plain key or value word is made of here: names, namespaces, enum values, paths.
const WORD = /[A-Za-z0-9_./-]/;

export function cursorContext(file: ParsedFile, pos: Position): CursorContext | undefined {
  // A file or document over a cost limit is not analysed, and the cursor's document is not
  // re-parsed either (a 7 MB one-line flow file took 15 s and 1.2 GB per completion request).
  if (file.overLimit) return undefined;
  const lineStart = lineStartOf(file, pos.line);
  if (lineStart === undefined) return undefined;
  const nl = file.text.indexOf('\n', lineStart);
  const lineEnd = nl < 0 ? file.text.length : nl;
  const line = file.text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const ch = Math.min(pos.character, line.length);
  const before = line.slice(0, ch);
  if (/(^|\s)#/.test(before)) return undefined; // in a comment
  let start = ch;
  while (start > 0 && WORD.test(line[start - 1])) start--;
  let end = ch;
  while (end < line.length && WORD.test(line[end])) end++;
  const head = line.slice(0, start);
  // A key position: only indentation and list dashes before the word, and no colon right after it
  // unless the user is renaming an existing key.
  const isKey = /^\s*(-\s+)*$/.test(head);
  const after = line.slice(end);
  if (!isKey && !/:\s*(-\s+)?$/.test(head) && !/^\s*-\s+$/.test(head)) return undefined;
  const replacement = isKey && !/^\s*:/.test(after) ? `${MARK}:` : MARK;
  const doc = docAt(file, pos) ?? (file.docs.length === 0 ? undefined : file.docs[file.docs.length - 1]);
  if (doc?.core.problem?.ruleId === 'yaml-limits') return undefined;
  const docStart = doc && doc.startOffset <= lineStart ? doc.startOffset : lineStart;
  const docEnd = Math.max(doc?.endOffset ?? lineEnd, lineEnd);
  const absStart = lineStart + start;
  const absEnd = lineStart + end;
  const text = file.text.slice(docStart, absStart) + replacement + file.text.slice(absEnd, docEnd);
  let found: Mark | undefined;
  let value: unknown;
  const fast = readFastYaml(text, DEFAULT_LIMITS.maxDepth);
  if (fast) {
    value = fast.value;
    found = findMarkInValue(value, '');
  } else {
    let parsed;
    try {
      parsed = parseDocument(text, { ...YAML_OPTIONS, uniqueKeys: false });
    } catch {
      return undefined;
    }
    found = findMark(parsed.contents as Node | null, '');
    try {
      value = parsed.toJS({ maxAliasCount: 100 });
    } catch {
      value = undefined;
    }
  }
  if (!found) return undefined;
  const emptyDocument = isKey && found.pointer === '' && found.siblings.size === 0 && head.trim() === '';
  return {
    role: found.role,
    pointer: found.pointer,
    partial: line.slice(start, ch),
    replace: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } },
    value,
    siblings: found.siblings,
    emptyDocument,
  };
}

type Mark = { role: 'key' | 'value'; pointer: string; siblings: Set<string> };

/** The marker in a document's value (what the fast reader gives): the same answer findMark reads off yaml's tree. */
function findMarkInValue(value: unknown, pointer: string): Mark | undefined {
  if (value === MARK) return { role: 'value', pointer, siblings: new Set() };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const deeper = findMarkInValue(value[i], `${pointer}/${i}`);
      if (deeper) return deeper;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const keys = Object.keys(value);
  if (keys.includes(MARK)) return { role: 'key', pointer, siblings: new Set(keys.filter((k) => k !== MARK)) };
  for (const k of keys) {
    const deeper = findMarkInValue((value as Record<string, unknown>)[k], `${pointer}/${escapeSegment(k)}`);
    if (deeper) return deeper;
  }
  return undefined;
}

function findMark(node: Node | null, pointer: string): Mark | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = item.key as Node | null;
      const keyName = isScalar(k) ? String(k.value) : '';
      if (keyName === MARK) {
        const siblings = new Set(
          node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : '')).filter((s) => s && s !== MARK),
        );
        return { role: 'key', pointer, siblings };
      }
      const v = item.value as Node | null;
      const childPointer = `${pointer}/${escapeSegment(keyName)}`;
      if (isScalar(v) && v.value === MARK) return { role: 'value', pointer: childPointer, siblings: new Set() };
      const deeper = findMark(v, childPointer);
      if (deeper) return deeper;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const v = node.items[i] as Node | null;
      if (isScalar(v) && v.value === MARK) return { role: 'value', pointer: `${pointer}/${i}`, siblings: new Set() };
      const deeper = findMark(v, `${pointer}/${i}`);
      if (deeper) return deeper;
    }
    return undefined;
  }
  if (isScalar(node) && node.value === MARK) return { role: 'value', pointer, siblings: new Set() };
  return undefined;
}
