// The one place that relies on yaml's internals (its package is pinned to an exact version for
// that reason; test/yamlInternals.test.ts holds both pieces to yaml's own behaviour on the test
// corpus, so an upgrade that changes them fails there first):
// - QuietParser: yaml's Parser with `next` copied minus a per-token process.env read;
// - scalarTags(): the scalar tags of a schema, in the order yaml tries them, for the fast reader;
// - LinearKeysComposer: yaml's Composer with its duplicate-key check in linear time;
// - indexAliases(): a document's aliases resolved in constant time each.
import {
  Alias,
  CST,
  Composer,
  Document,
  Parser,
  isAlias,
  isCollection,
  isScalar,
  visit,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

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
export class QuietParser extends Parser {
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

/** A scalar tag as yaml's schema holds it (the fields the fast reader uses). */
export interface ScalarTag {
  test?: RegExp;
  default?: boolean | 'key';
  collection?: string;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

/** The plain-scalar tags of the schema `options` select, in yaml's order, and the options they resolve with. */
export function scalarTags(options: DocumentOptions & SchemaOptions): { tags: ScalarTag[]; options: object } {
  const doc = new Document(null, options);
  const tags = (doc.schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test && !t.collection);
  return { tags, options: doc.options };
}

/** The member of yaml's Composer that every composing step reports errors through (private in its typings). */
interface ComposerState {
  onError: (source: unknown, code: string, message: string, warning?: boolean) => void;
}

/**
 * yaml's Composer with the same duplicate-key errors, found in linear time. yaml compares each key
 * of a mapping with every key before it (`items.some(pair => uniqueKeys(pair.key, key))`): a
 * 170,000-key mapping took nine minutes. Its comparison is asked first about the mapping's first
 * key, so this one answers there, for the whole mapping, from a set of the key values seen so far
 * (kept per mapping, under its first key), and always says "equal" to end yaml's scan; the
 * DUPLICATE_KEY error that follows is passed on only when the key was in the set. Keys compare as
 * yaml's default does: scalars by value (===, so NaN never repeats), other nodes never.
 */
export class LinearKeysComposer extends Composer {
  constructor(options: ParseOptions & DocumentOptions & SchemaOptions) {
    const seen = new WeakMap<object, Set<unknown>>();
    let duplicate = false;
    const uniqueKeys = (first: unknown, key: unknown): boolean => {
      let values = seen.get(first as object);
      if (!values) {
        values = new Set();
        if (isScalar(first)) values.add(first.value);
        seen.set(first as object, values);
      }
      const value = isScalar(key) ? key.value : undefined;
      duplicate = isScalar(key) && !Number.isNaN(value) && values.has(value);
      if (isScalar(key)) values.add(value);
      return true;
    };
    super({ ...options, uniqueKeys });
    const state = this as unknown as ComposerState;
    const report = state.onError;
    state.onError = (source, code, message, warning) => {
      if (code === 'DUPLICATE_KEY' && !duplicate) return;
      report(source, code, message, warning);
    };
  }
}

/** What yaml's Alias.resolve reads of its context: the anchors and aliases of the document, in order. */
interface AliasContext {
  aliasResolveCache?: Node[];
}

/**
 * Makes each alias of a composed document resolve in constant time. yaml's Alias.resolve scans the
 * document's anchors and aliases up to the alias for the last anchor of its name (and walks the
 * whole document when asked without a context, as its alias count does for aliases inside an
 * anchored node): 60,000 anchors and aliases took minutes. The anchor each alias means is found
 * here in one walk, in the order yaml's scan uses, and the alias's own `resolve` hands yaml's a
 * list holding only that anchor, so that yaml still does everything else (the alias-bomb count,
 * the anchor's value).
 */
export function indexAliases(doc: Document): void {
  const last = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) resolveTo(node, last.get(node.source));
      else if ((isScalar(node) || isCollection(node)) && node.anchor) last.set(node.anchor, node);
    },
  });
}

function resolveTo(alias: Alias, target: Node | undefined): void {
  const own = (doc: Document, ctx?: AliasContext): unknown => {
    if (!ctx) return target;
    const saved = ctx.aliasResolveCache;
    ctx.aliasResolveCache = target ? [target] : [];
    try {
      return (Alias.prototype.resolve as (this: Alias, doc: Document, ctx: AliasContext) => unknown).call(alias, doc, ctx);
    } finally {
      ctx.aliasResolveCache = saved;
    }
  };
  Object.defineProperty(alias, 'resolve', { value: own, configurable: true, writable: true });
}
