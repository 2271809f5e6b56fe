// How every document is read: YAML 1.1 as Kubernetes reads it (yes/no are booleans, << merges)
// but without timestamps, which sigs.k8s.io/yaml leaves as strings.
import { Composer, CST, Parser, YAMLParseError, type Document, type Tags } from 'yaml';

export const YAML_OPTIONS = {
  version: '1.1' as const,
  prettyErrors: false,
  uniqueKeys: true,
  customTags: (tags: Tags): Tags => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

/** The members of yaml's Parser that its `next` step reads and writes (private in its typings). */
interface ParserState {
  source: string;
  atScalar: boolean;
  atNewLine: boolean;
  type: CST.TokenType;
  indent: number;
  offset: number;
  onNewLine?: (offset: number) => void;
  step(): Generator<CST.Token, void>;
  pop(error?: CST.Token): Generator<CST.Token, void>;
}

/**
 * yaml's Parser, minus one thing: its `next` reads `process.env.LOG_TOKENS` for every token, and a
 * process.env read is a call into the runtime (about a tenth of the parse time of an index of
 * 10,000 documents). The body is yaml 2.x's own, without the debug logging.
 */
class QuietParser extends Parser {
  override *next(source: string): Generator<CST.Token, void> {
    const p = this as unknown as ParserState;
    p.source = source;
    if (p.atScalar) {
      p.atScalar = false;
      yield* p.step();
      p.offset += source.length;
      return;
    }
    const type = CST.tokenType(source);
    if (!type) {
      yield* p.pop({ type: 'error', offset: p.offset, message: `Not a YAML token: ${source}`, source });
      p.offset += source.length;
    } else if (type === 'scalar') {
      p.atNewLine = false;
      p.atScalar = true;
      p.type = 'scalar';
    } else {
      p.type = type;
      yield* p.step();
      switch (type) {
        case 'newline':
          p.atNewLine = true;
          p.indent = 0;
          if (p.onNewLine) p.onNewLine(p.offset + source.length);
          break;
        case 'space':
          if (p.atNewLine && source[0] === ' ') p.indent += source.length;
          break;
        case 'explicit-key-ind':
        case 'map-value-ind':
        case 'seq-item-ind':
          if (p.atNewLine) p.indent += source.length;
          break;
        case 'doc-mode':
        case 'flow-error-end':
          return;
        default:
          p.atNewLine = false;
      }
      p.offset += source.length;
    }
  }
}

/** yaml's parseDocument (one document; a second one is an error), on the QuietParser. */
export function parseYamlDocument(text: string): Document {
  const composer = new Composer(YAML_OPTIONS);
  let doc: Document | undefined;
  for (const d of composer.compose(new QuietParser().parse(text), true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          [d.range[0], d.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  return doc!;
}

/**
 * Keeps the syntax trees of the most recently used documents. A tree weighs about twenty times
 * its text, so a workspace holds values for every document and trees only for the ones in use
 * (open files, ranges being reported); the others are parsed again on demand.
 */
export class DocumentPool {
  private readonly live = new Map<{ release(): void }, true>();
  // Enough for the documents being edited and browsed; every tree kept beyond that is ~20x its
  // text of heap that the collector keeps walking during an index (a tree is rebuilt in < 1 ms).
  constructor(readonly max = 256) {}

  touch(core: { release(): void }): void {
    if (this.live.has(core)) this.live.delete(core);
    this.live.set(core, true);
    if (this.live.size > this.max) {
      const oldest = this.live.keys().next().value!;
      this.live.delete(oldest);
      oldest.release();
    }
  }
}
