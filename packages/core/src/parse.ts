// YAML text → documents with exact ranges. Never throws: every problem becomes a finding.
// Files are split at `---` lines before parsing so that an edit re-parses only the documents
// whose text changed (a 1,000-document file re-validates in milliseconds after a keystroke).
import { isMap, isSeq, isScalar, isPair, type Node, type Pair } from 'yaml';
import type { DocumentPool } from './yamlDocument.js';
import type { Position } from './model.js';
import { escapeSegment } from './pointer.js';
import { parseChunks, DEFAULT_LIMITS, type ParseLimits } from './parseChunk.js';
import { split } from './chunking.js';
import { reparse, type TextChange } from './reparse.js';
export type { TextChange } from './reparse.js';
import { addChunk, docAt, problemFindings, refusedFile, type ParsedDoc, type ParsedFile } from './parsedFile.js';
import { fileValuesMessage } from './parseLimits.js';

export { DEFAULT_LIMITS, type ParseLimits } from './parseChunk.js';
export {
  positionAt,
  offsetAt,
  lineStart,
  charCodeAt,
  docAt,
  type ParsedDoc,
  type ParsedFile,
  type EmptyChunk,
  type FileChange,
} from './parsedFile.js';

/**
 * Parses a file after an editor's change to its previous text (offsets in it): what changed is
 * known, so the texts are not compared, and the new text is not even made until someone reads it.
 */
export function editFile(previous: ParsedFile, change: TextChange, limits: ParseLimits = DEFAULT_LIMITS, pool?: DocumentPool): ParsedFile {
  const length = previous.length + change.text.length - (change.end - change.start);
  if (length <= limits.maxFileSize && !previous.overLimit) return reparse(previous.uri, undefined, previous, limits, pool, change);
  const old = previous.text;
  return parseFile(previous.uri, old.slice(0, change.start) + change.text + old.slice(change.end), previous, limits, pool);
}

/**
 * Parses a file. With `previous`, only the documents around the changed text are split and
 * looked at again (and re-parsed when their text is new); the documents before it are kept as
 * they are and the ones after it are moved (in place: `previous` is not current any more). With a
 * `pool`, syntax trees of documents not recently used are dropped and rebuilt on demand.
 */
export function parseFile(
  uri: string,
  text: string,
  previous?: ParsedFile,
  limits: ParseLimits = DEFAULT_LIMITS,
  pool?: DocumentPool,
): ParsedFile {
  if (text.length > limits.maxFileSize) {
    const size = `${(text.length / 1048576).toFixed(1)} MB, over the ${(limits.maxFileSize / 1048576).toFixed(0)} MB limit`;
    return refusedFile(uri, text, `File is ${size}: not analysed. Split it into smaller files.`);
  }
  if (previous && !previous.overLimit) return reparse(uri, text, previous, limits, pool);
  const { chunks, lineCount } = split(text);
  const cores = parseChunks(
    chunks.map((ch) => text.slice(ch.start, ch.end)),
    limits,
    pool,
    limits.maxValues,
  );
  if (!cores) return refusedFile(uri, text, fileValuesMessage(limits));
  const file: ParsedFile = {
    uri,
    text,
    length: text.length,
    docs: [],
    empties: [],
    findings: [],
    problems: [],
    lineCount,
    reparsed: 0,
    yamlCost: 0,
  };
  const end: Position = { line: lineCount - 1, character: text.length - (text.lastIndexOf('\n') + 1) };
  // A file's first parse keeps views into its text (held by the ParsedFile anyway); only
  // documents parsed on a later edit get their own copy (see detached).
  chunks.forEach((ch, k) => {
    const endPos = k + 1 < chunks.length ? { line: chunks[k + 1].line, character: 0 } : end;
    addChunk(file, ch.start, ch.end, ch.line, endPos, cores[k]);
    file.reparsed++;
  });
  file.findings = problemFindings(file);
  return file;
}

export interface Located {
  doc: ParsedDoc;
  /** JSON pointer of the deepest node at the position ('' for the document root). */
  pointer: string;
  /** True when the position is on a mapping key (then `pointer` is that key's path). */
  onKey: boolean;
  keyName?: string;
  node: Node | null;
}

/** What is at a position: the document and the deepest key or value under it. */
export function locate(file: ParsedFile, pos: Position): Located | undefined {
  const doc = docAt(file, pos);
  if (!doc || !doc.doc || !doc.doc.contents) return doc ? { doc, pointer: '', onKey: false, node: null } : undefined;
  const off = doc.core.offset(pos.line - doc.startLine, pos.character);
  let node: Node | null = doc.doc.contents as Node;
  let pointer = '';
  let keyName: string | undefined;
  for (;;) {
    if (isMap(node)) {
      let next: Node | null | undefined;
      for (const p of node.items as Pair[]) {
        const k = p.key as Node | null;
        if (!isScalar(k) || !k.range) continue;
        const name = String(k.value);
        if (off >= k.range[0] && off <= k.range[1]) {
          return { doc, pointer: pointer + '/' + escapeSegment(name), onKey: true, keyName: name, node: k };
        }
        const v = p.value as Node | null;
        if (v && v.range && off >= v.range[0] && off <= v.range[1]) {
          pointer += '/' + escapeSegment(name);
          keyName = name;
          next = v;
          break;
        }
      }
      if (next === undefined) break;
      node = next;
    } else if (isSeq(node)) {
      const idx = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range;
        return !isPair(it) && !!r && off >= r[0] && off <= r[1];
      });
      if (idx < 0) break;
      pointer += '/' + idx;
      keyName = undefined;
      node = node.items[idx] as Node;
    } else break;
  }
  return { doc, pointer, onKey: false, keyName, node };
}
