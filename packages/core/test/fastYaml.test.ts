// The fast reader against yaml, the parser of record (its public parseDocument, not our quiet copy
// of its parser): for every document it accepts, the value must equal yaml's toJS() and the span of every node must equal what spanAt reads off yaml's
// tree; and it must never accept a document yaml reports an error in. Run over every YAML file of
// the repository (fixtures, examples, benchmark shapes) and over seeded mutations of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, stringify } from 'yaml';
import { readFastYaml } from '../src/fastYaml.js';
import { fastSpanAt } from '../src/fastYamlSpans.js';
import { YAML_OPTIONS } from '../src/yamlDocument.js';
import { spanAt, allPointers } from '../src/yamlSpans.js';
import { splitPointer } from '../src/pointer.js';
import { rng } from './rng.js';
import { documents, repositoryYaml } from './corpus.js';

/** 'fast' when the fast reader took the document (and agreed with yaml), 'yaml' when it left it to yaml. */
function compare(text: string): 'fast' | 'yaml' {
  const fast = readFastYaml(text, 200);
  if (!fast) return 'yaml';
  const doc = parseDocument(text, YAML_OPTIONS);
  const where = `document:\n${text}`;
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
    `the fast reader accepted a document yaml rejects\n${where}`,
  );
  assert.equal(fast.hasContents, !!doc.contents, where);
  assert.deepEqual(fast.value, doc.toJS({ maxAliasCount: 100 }), `values differ\n${where}`);
  let count = 0;
  for (const pointer of allPointers(doc)) {
    count++;
    const expected = spanAt(doc, pointer);
    const actual = fastSpanAt(fast, text, splitPointer(pointer));
    assert.deepEqual(
      actual,
      expected && { key: expected.key, value: expected.value },
      `span of ${JSON.stringify(pointer)} differs\n${where}`,
    );
  }
  assert.equal(fast.nodes.length / 5, count, `node count differs\n${where}`);
  return 'fast';
}

const CORPUS = repositoryYaml().flatMap(documents);
/** The same documents as a Windows checkout has them. */
const CRLF = CORPUS.filter((_, i) => i % 4 === 0).map((d) => d.replaceAll('\n', '\r\n'));

test('the fast reader agrees with yaml on every document of the repository, and takes most of them', () => {
  let fast = 0;
  for (const d of CORPUS) if (compare(d) === 'fast') fast++;
  assert.ok(CORPUS.length > 300, `corpus of ${CORPUS.length} documents`);
  // Manifests are the subset it is for; a change that made it give up on them would be a silent slowdown.
  assert.ok(fast / CORPUS.length > 0.7, `fast reader took ${fast} of ${CORPUS.length} documents`);
});

test('Windows line breaks: the same answers, offsets counted with the \\r', () => {
  let fast = 0;
  for (const d of CRLF) if (compare(d) === 'fast') fast++;
  assert.ok(fast / CRLF.length > 0.7, `fast reader took ${fast} of ${CRLF.length} CRLF documents`);
  assert.equal(compare('a: 1\r\nb: 2\n'), 'yaml', 'mixed line breaks are left to yaml');
});

test('hand-picked shapes: what it takes and what it leaves to yaml', () => {
  const taken = [
    "a: 1\nb: yes\nc: ~\nd:\ne: \"x\\ty\"\nf: 'it''s'\ng: 0x1F\nh: 1.50\ni: .inf\nj: 012\nk: 1:30\n",
    'list:\n- a\n- b: 1\n  c: [1, "2", {x: y z}]\n-\n- - nested\n  - again\n',
    '---\n# comment\nkey: |\n  line 1\n\n  line 2\nnext: |-\n  stripped\nlast: {}\nempty: []\n',
    'a:\n  b: 1  # trailing\n  c:\n    - x\n    - k: 2\n      z: 3\n# between\n\nd: text, with commas # comment\n',
    '"quoted key": 1\n\'single\': 2\nurl: http://example.com:8080/x\nimage: ghcr.io/a/b:v1.2.3\n',
    // Where trailing comments end up in yaml's ranges (they decide a collection's end).
    'a:\n  b: 1\n    # deeper\n  # same\n# outer\n',
    'a:\n  b:\n  # after an empty value\n',
    'a:\n  - 1\n  # c\n\n# d\nb: 1\n',
    'x:\n  a:\n    b: 1\n   # between\n',
    'a:\n  b: [1]\n    # c\n\n  # d\n',
    'a:\n  b:\n    c: 1\n # shallower first\n    # then deeper: the inner mapping keeps both\n',
  ];
  const leftToYaml = [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: >\n  folded\n',
    'a: plain\n  continued\n',
    'a: "two\n  lines"\n',
    'a: 1\na: 2\n',
    '1: one\n',
    '<<: {a: 1}\n',
    'a:\tb\n',
    'a: [1,\n  2]\n',
    'a: b: c\n',
    '%YAML 1.1\n---\na: 1\n',
    'a: 1\n...\n',
    'a: |+\n  keep\n\n',
    'just a scalar\n',
    'rules: [-]\n',
  ];
  for (const t of taken) assert.equal(compare(t), 'fast', t);
  for (const t of leftToYaml) assert.equal(compare(t), 'yaml', t);
});

const PIECES = [
  '\n  # c\n',
  '\n# c\n',
  '    # c\n',
  '\r\n',
  '\r',
  ': ',
  ':',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  ' #',
  '\n',
  '  ',
  ' ',
  '|',
  '|-',
  '>',
  'yes',
  'no',
  '~',
  '0x1',
  '012',
  '1.0',
  '.nan',
  'null',
  '&a ',
  '*a',
  '!',
  '? ',
  '<<',
  '\\',
  '\\n',
  '---',
  '...',
  'key: value\n',
  '  - item\n',
];

function mutate(text: string, next: () => number): string {
  let t = text;
  const rounds = 1 + Math.floor(next() * 3);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(next() * (t.length + 1));
    switch (Math.floor(next() * 4)) {
      case 0:
        t = t.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + t.slice(at);
        break;
      case 1:
        t = t.slice(0, at) + t.slice(at + 1 + Math.floor(next() * 6));
        break;
      case 2: {
        const lines = t.split('\n');
        const i = Math.floor(next() * lines.length);
        lines[i] = ' '.repeat(Math.floor(next() * 8)) + lines[i].trimStart();
        t = lines.join('\n');
        break;
      }
      default:
        t = t.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + t.slice(at + 1);
    }
  }
  return t;
}

test('mutated documents: whatever the fast reader accepts, yaml reads the same way', () => {
  // FAST_YAML_SEED / FAST_YAML_ROUNDS run a longer search locally; CI runs the fixed seed.
  const next = rng(Number(process.env.FAST_YAML_SEED ?? 20261123));
  const rounds = Number(process.env.FAST_YAML_ROUNDS ?? 12);
  const sample = [...CORPUS, ...CRLF].filter((_, i) => rounds > 12 || i % 3 === 0);
  let fast = 0;
  let total = 0;
  for (const d of sample) {
    for (let k = 0; k < rounds; k++) {
      total++;
      if (compare(mutate(d, next)) === 'fast') fast++;
    }
  }
  // Most mutations break the document; enough must survive for the comparison to mean something.
  assert.ok(fast > total / 10, `fast reader took ${fast} of ${total} mutated documents`);
});

// Strings that some YAML form turns into something else, or that need quoting.
const WORDS = [
  'name',
  'a b',
  'yes',
  'No',
  'on',
  'y',
  '1',
  '-1',
  '0x1F',
  '012',
  '1e3',
  '1.50',
  '.inf',
  '~',
  'null',
  '',
  ' lead',
  'trail ',
  'a: b',
  'a:b',
  '#x',
  'x #y',
  "it's",
  '"q"',
  '-x',
  '- x',
  '[x]',
  '{x}',
  'a,b',
  'é✓',
  'back\\slash',
  'tab\there',
  'line\nbreak',
  '<<',
  '__proto__',
  '?x',
  '&a',
  '*a',
  '!t',
  '%p',
  '@a',
  '`b',
  '|',
  '>',
];

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.45) {
    const k = next();
    if (k < 0.55) return WORDS[Math.floor(next() * WORDS.length)];
    if (k < 0.75) return Math.floor(next() * 2000) - 500;
    if (k < 0.85) return Math.round(next() * 1000) / 100;
    if (k < 0.95) return next() < 0.5;
    return null;
  }
  const n = Math.floor(next() * 4);
  if (r < 0.7) return Array.from({ length: n }, () => randomValue(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) o[WORDS[Math.floor(next() * WORDS.length)]] = randomValue(next, depth + 1);
  return o;
}

test('documents yaml itself writes, in every style it has: the same answers', () => {
  const next = rng(Number(process.env.FAST_YAML_SEED ?? 7));
  const styles = [
    {},
    { collectionStyle: 'flow' as const },
    { indentSeq: false },
    { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const },
    { defaultStringType: 'QUOTE_SINGLE' as const },
    { defaultStringType: 'BLOCK_LITERAL' as const, lineWidth: 0 },
    { flowCollectionPadding: false, indent: 4 },
  ];
  let fast = 0;
  let total = 0;
  for (let i = 0; i < 700 * Math.max(1, Number(process.env.FAST_YAML_ROUNDS ?? 12) / 12); i++) {
    const value = { root: randomValue(next, 0), other: randomValue(next, 1) };
    const options = { version: '1.1' as const, ...styles[i % styles.length] };
    let text: string;
    try {
      text = stringify(value, options);
    } catch {
      continue;
    }
    total++;
    if (compare(text) === 'fast') fast++;
    if (compare('# leading comment\n' + text.replace(/\n(?=\S)/g, '\n# between\n')) === 'fast') fast++;
  }
  if (process.env.FAST_YAML_ROUNDS) console.log(`written: fast ${fast} of ${2 * total}`);
  assert.ok(fast > total / 4, `fast reader took ${fast} of ${2 * total} written documents`);
});

test('node tables: 2 bytes a number below 32,767 characters, 4 from there (and for Windows breaks that cross it)', () => {
  // `lines` entries of a `key-N: value` map, each padded so the text crosses the boundary where wanted.
  const doc = (lines: number, pad: number, eol = '\n'): string =>
    Array.from({ length: lines }, (_, i) => `key-${i}: ${'v'.repeat(pad)}-${i}`).join(eol) + eol;
  const small = doc(100, 50);
  assert.ok(small.length < 0x7fff);
  assert.equal(compare(small), 'fast');
  assert.ok(readFastYaml(small, 200)!.nodes instanceof Int16Array);
  const large = doc(1000, 60);
  assert.ok(large.length > 0x7fff);
  assert.equal(compare(large), 'fast');
  assert.ok(readFastYaml(large, 200)!.nodes instanceof Int32Array);
  // Below the boundary with \n, above it once every \n is \r\n: the offsets past it need 4 bytes.
  const lf = doc(1000, 18);
  const crlf = lf.replaceAll('\n', '\r\n');
  assert.ok(lf.length < 0x7fff && crlf.length > 0x7fff, `${lf.length} / ${crlf.length}`);
  assert.equal(compare(crlf), 'fast');
  assert.ok(readFastYaml(crlf, 200)!.nodes instanceof Int32Array);
  // A table larger than the shared one it is built in (which grows, then is let go), and a small one after it.
  const huge = doc(20_000, 2);
  assert.equal(compare(huge), 'fast');
  assert.equal(readFastYaml(huge, 200)!.nodes.length, 20_001 * 5);
  assert.equal(compare(small), 'fast');
});
