// The guard on yaml's internals that core relies on (src/yamlInternals.ts): our copy of its
// parser's `next` must produce yaml's own tokens and documents, and the scalar tags we read off its
// schema must resolve plain scalars as yaml does. Run over every YAML file of the repository and
// seeded mutations of it, so a yaml upgrade that changes either fails here, not in a user's editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, parseDocument, type CST, type Document } from 'yaml';
import { QuietParser, scalarTags } from '../src/yamlInternals.js';
import { YAML_OPTIONS, parseYamlDocument } from '../src/yamlDocument.js';
import { rng } from './rng.js';
import { documents, repositoryYaml } from './corpus.js';

const FILES = repositoryYaml();

/** Seeded edits that reach the parser's less travelled states: flow collections, tabs, markers, block scalars. */
function mutations(texts: string[], seed: number, count: number): string[] {
  const next = rng(seed);
  const pieces = [
    '[',
    ']',
    '{',
    '}',
    ',',
    ': ',
    '- ',
    '\t',
    '---\n',
    '...\n',
    '|\n',
    '>-\n',
    '&a ',
    '*a',
    '!!str ',
    '? ',
    '#',
    '"',
    "'",
    '\r\n',
    '%YAML 1.1\n',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = texts[Math.floor(next() * texts.length)];
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(next() * (t.length + 1));
      t = t.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + t.slice(at);
    }
    out.push(t);
  }
  return out;
}

const CORPUS = [...FILES, ...mutations(FILES, 15, 400)];

/** The value, or the error toJS throws (an alias before its anchor, say): both must agree. */
function value(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

const tokens = (parser: Parser, text: string): CST.Token[] => [...parser.parse(text)];

test("QuietParser yields exactly yaml's Parser tokens, on the corpus and its mutations", () => {
  assert.ok(FILES.length > 100, `corpus of ${FILES.length} files`);
  for (const text of CORPUS) {
    assert.deepEqual(tokens(new QuietParser(), text), tokens(new Parser(), text), `tokens differ for:\n${text}`);
  }
});

test("QuietParser reports new lines where yaml's Parser does (onNewLine drives line positions)", () => {
  for (const text of CORPUS.slice(0, 200)) {
    const ours: number[] = [];
    const theirs: number[] = [];
    tokens(new QuietParser((o) => ours.push(o)), text);
    tokens(new Parser((o) => theirs.push(o)), text);
    assert.deepEqual(ours, theirs, text);
  }
});

test("parseYamlDocument reads a document as yaml's parseDocument does: value, errors and ranges", () => {
  for (const text of CORPUS) {
    // One document per call, as parseFile hands them over.
    for (const one of documents(text)) {
      const ours = parseYamlDocument(one);
      const theirs = parseDocument(one, YAML_OPTIONS);
      assert.deepEqual(
        ours.errors.map((e) => [e.code, e.pos]),
        theirs.errors.map((e) => [e.code, e.pos]),
        one,
      );
      assert.deepEqual(value(ours), value(theirs), one);
      assert.deepEqual(ours.range, theirs.range, one);
    }
  }
});

test('the scalar tags read off the schema resolve plain scalars as yaml does', () => {
  const { tags, options } = scalarTags(YAML_OPTIONS);
  assert.ok(tags.length > 5, 'yaml 1.1 has null, bool, int (several bases), float tags');
  const samples = [
    '~',
    'null',
    'yes',
    'No',
    'on',
    'true',
    '0x1F',
    '012',
    '0b101',
    '1_000',
    '1:30',
    '.inf',
    '-.Inf',
    '.nan',
    '1.5e3',
    '2001-12-14',
    'plain',
    '+1',
    '0o17',
  ];
  for (const s of samples) {
    const tag = tags.find((t) => t.test!.test(s));
    const ours = tag ? tag.resolve(s, () => assert.fail(`tag error on ${s}`), options) : s;
    const theirs = parseDocument(`v: ${s}`, YAML_OPTIONS).toJS().v;
    assert.deepEqual(typeof ours === 'object' && ours !== null && 'value' in ours ? (ours as { value: unknown }).value : ours, theirs, s);
  }
});

// Duplicate keys as yaml reports them (code and position), in every kind of mapping and with keys
// that are equal by value but not by spelling (YAML 1.1: yes/true, 1/0x1, ~/null), or never equal.
const DUPLICATES = [
  'a: 1\nb: 2\na: 3\n',
  'a: 1\na: 2\na: 3\nb: {x: 1, y: 2, x: 3}\n',
  'yes: 1\ntrue: 2\n~: 3\nnull: 4\n1: 5\n0x1: 6\n',
  '.nan: 1\n.nan: 2\n.inf: 3\n.Inf: 4\n',
  '? [a]\n: 1\n? [a]\n: 2\n*x : 3\n',
  '&k a: 1\n!!str a: 2\n"a": 3\n',
  'outer:\n  a: 1\n  a: 2\nother:\n  a: 1\nlist:\n  - {k: 1, k: 2}\n  - k: 1\n    k: 2\n',
  '<<: {a: 1}\n<<: {b: 2}\nc: 3\n',
  '[a: 1, a: 2]\n',
  'a:\nb:\na:\n',
  'a: 1\n a: 2\nb: [\na: 3\n',
];

test('duplicate keys: the linear check reports what yaml reports, where yaml reports it', () => {
  for (const one of DUPLICATES) {
    const ours = parseYamlDocument(one);
    const theirs = parseDocument(one, YAML_OPTIONS);
    assert.deepEqual(
      ours.errors.map((e) => [e.code, e.pos]),
      theirs.errors.map((e) => [e.code, e.pos]),
      one,
    );
    assert.deepEqual(value(ours), value(theirs), one);
  }
});

test('duplicate keys are checked in linear time: yaml compared each key with every key before it', () => {
  // Counts the steps of every Array.prototype.some while the document is composed: yaml's own check
  // takes n²/2 for a mapping of n keys (a 170,000-key mapping took nine minutes), ours one per key.
  const keys = 2000;
  const text = `!!map\n${Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join('\n')}\nk7: again\n`;
  const some = Array.prototype.some;
  let steps = 0;
  Array.prototype.some = function (this: unknown[], cb: (x: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown): boolean {
    return some.call(this, (x: unknown, i: number, a: unknown[]) => (steps++, cb.call(thisArg, x, i, a)));
  };
  let doc: Document;
  try {
    doc = parseYamlDocument(text);
  } finally {
    Array.prototype.some = some;
  }
  assert.deepEqual(
    doc.errors.map((e) => e.code),
    ['DUPLICATE_KEY'],
  );
  assert.ok(steps < keys * 3, `${steps} comparison steps for ${keys} keys`);
});

// Aliases as yaml resolves them: redefined anchors, an alias before its anchor, a recursive one,
// merge keys, aliases as keys and inside anchored nodes, and a bomb (its error, with the bound).
const ALIASES = [
  'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
  'a: *x\nb: &x 1\n',
  'a: &x [1, *x]\n',
  'base: &b {k: 1, j: 2}\nuse:\n  <<: *b\n  j: 3\nmany:\n  <<: [*b, {z: 1}]\n',
  '&k key: 1\n*k : 2\n',
  'a: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b, *a]\nd: [*c, *c, *c]\n',
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c]\n',
  'a: *nope\n',
];

const toJSWith = (doc: Document, maxAliasCount: number): unknown => {
  try {
    return doc.toJS({ maxAliasCount });
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
};

test('aliases indexed in one walk resolve as yaml resolves them, bombs included', () => {
  for (const one of ALIASES) {
    for (const bound of [-1, 100]) {
      assert.deepEqual(
        toJSWith(parseYamlDocument(one), bound),
        toJSWith(parseDocument(one, YAML_OPTIONS), bound),
        `${one} (bound ${bound})`,
      );
    }
  }
});

test('aliases resolve in linear time: yaml scanned every anchor before each alias', () => {
  // Counts the steps of every array iteration (for…of) while the value is made: yaml's own
  // resolution takes n² for n anchors and n aliases (60,000 of each took minutes), ours a few per alias.
  const n = 2000;
  const anchors = Array.from({ length: n }, (_, i) => `  - &a${i} x${i}`).join('\n');
  const aliases = Array.from({ length: n }, (_, i) => `  - *a${i}`).join('\n');
  const doc = parseYamlDocument(`a:\n${anchors}\nb:\n${aliases}\n`);
  const iterator = Object.getPrototypeOf([][Symbol.iterator]()) as { next: () => unknown };
  const next = iterator.next;
  let steps = 0;
  iterator.next = function (this: unknown) {
    steps++;
    return next.call(this);
  };
  let value: { b: string[] };
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as { b: string[] };
  } finally {
    iterator.next = next;
  }
  assert.equal(value.b[n - 1], `x${n - 1}`);
  assert.ok(steps < n * 10, `${steps} iteration steps for ${n} aliases`);
});
