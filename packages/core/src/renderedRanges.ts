// Where a rendered object's fields are written: its own document for what the user wrote there,
// another file (a patch, a kustomization line) for the rest.
import type { FieldOrigin, Range, SourceDocument, SourceMap } from './model.js';
import type { RenderedObject } from './render/index.js';

/** A rendered object's ranges: its own document's for fields written there; `locate` for the rest. */
export class RenderedSourceMap implements SourceMap {
  constructor(
    private readonly object: RenderedObject,
    private readonly home: SourceDocument,
  ) {}

  get(pointer: string): { key?: Range; value: Range } | undefined {
    const o = this.object.originAt(pointer);
    if (!o || o.kind !== 'source' || o.doc.uri !== this.home.uri || o.doc.docIndex !== this.home.docIndex) return undefined;
    return o.doc.ranges.get(o.pointer);
  }

  locate(pointer: string): { uri: string; key?: Range; value: Range } | undefined {
    return locateOrigin(this.object.originAt(pointer));
  }

  pointers(): Iterable<string> {
    return [];
  }
}

/** The file and range an origin names. */
export function locateOrigin(o: FieldOrigin | undefined): { uri: string; key?: Range; value: Range } | undefined {
  if (!o) return undefined;
  const r = o.doc.ranges.get(o.pointer);
  return r ? { uri: o.doc.uri, ...r } : undefined;
}
