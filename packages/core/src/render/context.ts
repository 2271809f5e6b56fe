// The state of one rendering: what it read, what went wrong, and the origin book of its objects.
// Every file access goes through here so that the set of inputs (what a later edit must
// re-render) is complete, missing files included.
import type { Range, SourceMap } from '../model.js';
import { parseFile } from '../parse.js';
import type { RenderHost, RenderIssue, SourceDocument } from './model.js';
import { OriginBook } from './origins.js';

export class RenderContext {
  readonly book = new OriginBook();
  readonly issues: RenderIssue[] = [];
  readonly inputs = new Set<string>();
  readonly folders = new Set<string>();
  readonly patchFiles = new Set<string>();
  readonly resourceFiles = new Set<string>();
  opaque = false;

  constructor(readonly host: RenderHost) {}

  issue(severity: RenderIssue['severity'], code: string, message: string, doc: SourceDocument, pointer: string, opaque = false): void {
    if (opaque) this.opaque = true;
    if (this.issues.some((i) => i.code === code && i.doc.uri === doc.uri && i.pointer === pointer && i.message === message)) return;
    this.issues.push({ severity, code, message, doc, pointer, ...(opaque ? { opaque } : {}) });
  }

  documents(uri: string): SourceDocument[] | undefined {
    this.inputs.add(uri);
    return this.host.documents(uri);
  }

  text(uri: string): string | undefined {
    this.inputs.add(uri);
    return this.host.text(uri);
  }

  yamlFilesUnder(dir: string): string[] {
    this.folders.add(dir);
    return this.host.yamlFilesUnder(dir);
  }

  /**
   * Documents of YAML text written inside a kustomization (an inline patch). When the text is a
   * block scalar, positions map line by line into the kustomization; otherwise every position is
   * the whole value.
   */
  inlineDocuments(text: string, host: SourceDocument, pointer: string): SourceDocument[] {
    const parsed = parseFile(`${host.uri}#${pointer}`, text);
    const value = host.ranges.get(pointer)?.value ?? host.range;
    const shift = this.blockShift(host.uri, value, text);
    return parsed.docs
      .filter((d) => d.value !== undefined && d.value !== null)
      .map((d) => ({
        uri: host.uri,
        docIndex: host.docIndex,
        value: d.value,
        ranges: shift ? new ShiftedSourceMap(d.sourceMap, shift.line, shift.column) : new ConstantSourceMap(value),
        range: value,
      }));
  }

  /** Where line 0 of a block scalar's text sits in the file, when its lines are the file's lines. */
  private blockShift(uri: string, value: Range, text: string): { line: number; column: number } | undefined {
    const file = this.host.text(uri);
    if (file === undefined) return undefined;
    const lines = file.split('\n');
    const first = text.split('\n')[0];
    for (const line of [value.start.line + 1, value.start.line]) {
      const l = lines[line];
      if (l === undefined || first === '') continue;
      const col = l.indexOf(first);
      if (col >= 0 && l.slice(col).replace(/\r$/, '') === first) return { line, column: col };
    }
    return undefined;
  }
}

/** Ranges of an inline document moved to where its text sits in the file. */
class ShiftedSourceMap implements SourceMap {
  constructor(
    private readonly inner: SourceMap,
    private readonly line: number,
    private readonly column: number,
  ) {}

  get(pointer: string): { key?: Range; value: Range } | undefined {
    const r = this.inner.get(pointer);
    if (!r) return undefined;
    return { key: r.key ? this.move(r.key) : undefined, value: this.move(r.value) };
  }

  pointers(): Iterable<string> {
    return this.inner.pointers();
  }

  private move(r: Range): Range {
    return {
      start: { line: r.start.line + this.line, character: r.start.character + this.column },
      end: { line: r.end.line + this.line, character: r.end.character + this.column },
    };
  }
}

/** Every pointer answers with one range (inline text whose positions cannot be mapped). */
class ConstantSourceMap implements SourceMap {
  constructor(private readonly range: Range) {}
  get(): { value: Range } {
    return { value: this.range };
  }
  pointers(): Iterable<string> {
    return [];
  }
}
