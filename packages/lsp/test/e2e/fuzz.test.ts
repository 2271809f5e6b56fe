// Fuzz: mutated and hostile YAML through didOpen/didChange and every request type. The server
// must answer every request (a per-request deadline is the hang signal), never exit, and never
// log an uncaught exception. Seeded: FLOKOA_FUZZ_SEED=<n> reproduces a failure; FLOKOA_FUZZ_ITERATIONS
// widens the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { TestClient, FIXTURES } from '../client.js';
import { seededRandom } from '@flokoa/cluster-sim';

const SEED = Number(process.env.FLOKOA_FUZZ_SEED ?? 20261123);
const ITERATIONS = Number(process.env.FLOKOA_FUZZ_ITERATIONS ?? 120);
const REQUEST_DEADLINE_MS = 15_000;

function corpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yaml')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}

/** Inputs no mutation is likely to reach: the issue's hostile YAML. */
function hostile(): string[] {
  const flokoa =
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: m\nspec:\n  model: x\n  providerRef:\n    name: p\n';
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 1; i < 12; i++)
    bomb += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
      .fill(`*${String.fromCharCode(96 + i)}`)
      .join(',')}]\n`;
  let block = flokoa + '  parameters:\n    extraBody:\n';
  for (let i = 0; i < 3000; i++) block += ' '.repeat(6 + i * 2) + `k${i}:\n`;
  return [
    flokoa + '  parameters:\n    extraBody: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n',
    flokoa + '  parameters:\n    extraBody: ' + '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000) + '\n',
    block,
    flokoa + '  parameters:\n    extraBody:\n' + bomb.replace(/^/gm, '      '),
    bomb,
    flokoa.replace('name: m', `name: ${'m'.repeat(2_000_000)}`),
    flokoa + `  description: "${'\\uD800'.repeat(1000)}"\n` + 'x: \uD800\uDC00\uDFFF\uD800 lone\n',
    flokoa.repeat(1).replace(/x/g, '\uD83D') + '\u0000\u0007\uFEFF',
    Array(5000).fill('---').join('\n'),
    Array(300).fill(flokoa).join('---\n'),
    '%YAML 1.2\n%TAG ! tag:x,2000:\n--- !foo &a *a\n',
    '? [' + 'a,'.repeat(10_000) + ']\n: value\n',
    '- ' + '- '.repeat(4_000) + 'x\n',
    'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: *missing\nspec: !!binary "%%%"\n',
  ];
}

const NOISE = [
  ':',
  '-',
  ' ',
  '\n',
  '\t',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '<<: *a',
  '|',
  '>',
  '"',
  "'",
  '#',
  '---',
  '\uD800',
  '\uDFFF',
  '\u0000',
  'namespace: ',
  'name: ',
  '!!str',
  '? ',
];

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  let t = text;
  const rounds = 1 + Math.floor(rnd() * 6);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(rnd() * (t.length + 1));
    const lines = t.split('\n');
    const li = Math.floor(rnd() * lines.length);
    switch (Math.floor(rnd() * 8)) {
      case 0:
        t = t.slice(0, at) + pick(NOISE) + t.slice(at);
        break;
      case 1:
        t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 40));
        break;
      case 2:
        t = t.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x10000)) + t.slice(at + 1);
        break;
      case 3:
        lines.splice(li, 0, lines[li] ?? '');
        t = lines.join('\n');
        break;
      case 4:
        lines[li] = ' '.repeat(Math.floor(rnd() * 12)) + (lines[li] ?? '').trimStart();
        t = lines.join('\n');
        break;
      case 5:
        lines.splice(li, 1 + Math.floor(rnd() * 5));
        t = lines.join('\n');
        break;
      case 6:
        t = t.slice(0, at);
        break;
      default: {
        const other = lines[Math.floor(rnd() * lines.length)] ?? '';
        lines.splice(li, 0, other);
        t = lines.join('\n');
      }
    }
  }
  return t;
}

function within<T>(what: string, p: Promise<T>, exited: Promise<number | null>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${REQUEST_DEADLINE_MS} ms (seed ${SEED})`)), REQUEST_DEADLINE_MS);
  });
  const died = exited.then((code) => {
    throw new Error(`${what}: server exited with ${code} (seed ${SEED})`);
  });
  return Promise.race([p, deadline, died]).finally(() => clearTimeout(timer));
}

function randomPosition(text: string, rnd: () => number): Position {
  const lines = text.split('\n');
  const line = Math.floor(rnd() * (lines.length + 2)) - 1; // sometimes outside the document
  const len = lines[Math.max(0, Math.min(line, lines.length - 1))]?.length ?? 0;
  return { line: Math.max(0, line), character: Math.floor(rnd() * (len + 3)) };
}

test(
  `fuzz: mutated and hostile YAML never crash or hang the server (seed ${SEED}, ${ITERATIONS} iterations)`,
  { timeout: 600_000 },
  async () => {
    const rnd = seededRandom(SEED);
    const seeds = corpus();
    const inputs = [...hostile(), ...Array.from({ length: ITERATIONS }, () => mutate(seeds[Math.floor(rnd() * seeds.length)], rnd))];
    const c = await TestClient.start({ fixture: 'broken' });
    const exited = c.exit();
    try {
      await within('index', c.indexReady(), exited);
      const opened = new Set<string>();
      for (let i = 0; i < inputs.length; i++) {
        const uri = c.uri(`fuzz-${i % 7}.yaml`);
        const text = inputs[i];
        if (i % 3 === 0 || !opened.has(uri)) {
          if (opened.has(uri)) await c.close(uri);
          await c.open(uri, text);
          opened.add(uri);
        } else {
          // An incremental edit from the previous text to this one.
          const prev = c.text(uri);
          const start = randomPosition(prev, rnd);
          await c.change(uri, [{ range: { start, end: start }, text: mutate(text.slice(0, 200), rnd) }]);
        }
        const cur = c.text(uri);
        const pos = randomPosition(cur, rnd);
        const td = { textDocument: { uri }, position: pos };
        const label = `input ${i}`;
        await within(`${label} completion`, c.request('textDocument/completion', td), exited);
        await within(`${label} hover`, c.request('textDocument/hover', td), exited);
        await within(`${label} definition`, c.request('textDocument/definition', td), exited);
        await within(`${label} references`, c.request('textDocument/references', { ...td, context: { includeDeclaration: true } }), exited);
        await within(
          `${label} prepareRename`,
          c.request('textDocument/prepareRename', td).catch(() => null),
          exited,
        );
        await within(`${label} documentSymbol`, c.request('textDocument/documentSymbol', { textDocument: { uri } }), exited);
        await within(`${label} codeLens`, c.request('textDocument/codeLens', { textDocument: { uri } }), exited);
        await within(
          `${label} codeAction`,
          c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } }),
          exited,
        );
        await within(
          `${label} inlayHint`,
          c.request('textDocument/inlayHint', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } },
          }),
          exited,
        );
        await within(`${label} diagnostics`, c.currentDiagnostics(uri), exited);
      }
      await within('workspace/symbol', c.request('workspace/symbol', { query: 'a' }), exited);
      const uncaught = c.logs.filter((l) => /uncaught|unhandled/i.test(l.message));
      assert.deepEqual(uncaught, [], `seed ${SEED}`);
      const failed = c.logs.filter((l) => / failed on /.test(l.message));
      assert.deepEqual(
        failed.map((l) => l.message.split('\n')[0]),
        [],
        `features threw (seed ${SEED})`,
      );
    } finally {
      await c.shutdown();
    }
  },
);
