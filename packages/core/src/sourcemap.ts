// Source ranges for JSON pointers, computed on demand from a document's parse (docCore.ts).
// Nothing is precomputed per pointer: a 10,000-resource workspace would pay for maps nobody reads.
// Ranges are relative to the document's first line and shifted on the way out.
import type { Range, SourceMap } from './model.js';
import type { DocCore } from './docCore.js';
import { allPointers } from './yamlSpans.js';

/** The SourceMap of one document, `lineShift` lines down its file. */
export class DocSourceMap implements SourceMap {
  constructor(
    readonly core: DocCore,
    /** Moves with the document (see Doc.moveBy). */
    public lineShift: number,
  ) {}

  get(pointer: string): { key?: Range; value: Range } | undefined {
    const s = this.core.span(pointer);
    if (!s) return undefined;
    return {
      key: s.key ? this.core.range(s.key[0], s.key[1], this.lineShift) : undefined,
      value: this.core.range(s.value[0], s.value[1], this.lineShift),
    };
  }

  pointers(): Iterable<string> {
    return allPointers(this.core.doc);
  }

  /** The same document seen from another line (e.g. line 0 for position-independent caching). */
  shifted(lineShift: number): DocSourceMap {
    return new DocSourceMap(this.core, lineShift);
  }
}

/** A SourceMap for objects that have no source (cluster objects). */
export const EMPTY_SOURCE_MAP: SourceMap = {
  get: () => undefined,
  pointers: () => [],
};
