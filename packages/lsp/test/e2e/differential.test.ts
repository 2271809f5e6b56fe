// The server's cached diagnostics against a fresh analysis: random edits (ranges, several changes in
// one notification, whole texts; names other files resolve, lines, documents, suppression
// comments; LF and CRLF files) go to the built server over stdio, and after each one every open
// file's last published diagnostics must equal what core finds in a fresh workspace of the same
// texts, converted as the server converts them. Files whose diagnostics did not change are not
// published again, so this also checks that nothing that changed was left out.
// FLOKOA_DIFFERENTIAL_SEED / FLOKOA_DIFFERENTIAL_STEPS widen the search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { Workspace } from '@flokoa/core';
import { toDiagnostic } from '../../src/convert.js';
import { ruleLinks } from '../../src/ruleLinks.js';
import { TestClient, RULES_DOC_URL } from '../client.js';
import { seededRandom } from '@flokoa/cluster-sim';

const SEED = Number(process.env.FLOKOA_DIFFERENTIAL_SEED ?? 4242);
const STEPS = Number(process.env.FLOKOA_DIFFERENTIAL_STEPS ?? 80);

const model = (name: string, ns: string): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  model: gpt-4o\n  providerRef:\n    name: openai\n`;
const agent = (name: string, ns: string, modelName: string, modelNs: string): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  framework: langchain\n  model:\n    name: ${modelName}\n    namespace: ${modelNs}\n  runtime:\n    type: standard\n    spec:\n      replicas: 2\n      container:\n        name: agent\n        image: ghcr.io/example/${name}:latest\n`;
const provider = (ns: string): string =>
  `apiVersion: agent.flokoa.ai/v1alpha1\nkind: ModelProvider\nmetadata:\n  name: openai\n  namespace: ${ns}\nspec:\n  apiKeySecretRef:\n    name: key\n    key: api-key\n  openai: {}\n`;

const FILES: Record<string, string> = {
  'models.yaml': [provider('shared'), model('gpt-4o', 'shared'), model('gpt-4o-mini', 'shared'), model('llama', 'lab')].join('---\n'),
  'agents.yaml': [
    agent('planner', 'app', 'gpt-4o', 'shared'),
    agent('writer', 'app', 'gpt-4o-mini', 'shared'),
    agent('tester', 'lab', 'llama', 'lab'),
  ].join('---\n'),
  'crlf.yaml': [agent('reviewer', 'app', 'gpt-4', 'shared'), provider('lab'), model('gpt-4', 'app')].join('---\n').replace(/\n/g, '\r\n'),
};
const NAMES = ['gpt-4o', 'gpt-4o-mini', 'gpt-4', 'llama', 'openai'];
const INSERTS = ['', 'x', '\n', '# flokoa-ignore\n', '# flokoa-ignore image-latest\n', '---\n', '  extra: 1\n', ': ', '-', 'name: gpt-4'];

/** The position of an offset, as the LSP counts it ('\r\n' is one line break). */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A random edit of `text` as a ranged change: a name swapped, or something inserted or cut. */
function randomChange(text: string, rnd: () => number): TextDocumentContentChangeEvent {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const names = [...text.matchAll(/name: (\S+?)\r?$/gm)];
  if (names.length > 0 && rnd() < 0.4) {
    const m = pick(names);
    const start = m.index! + 'name: '.length;
    return { range: { start: positionOf(text, start), end: positionOf(text, start + m[1].length) }, text: pick(NAMES) };
  }
  const at = Math.floor(rnd() * (text.length + 1));
  // Never inside a \r\n pair: the LSP has no position there.
  const start = text[at - 1] === '\r' && text[at] === '\n' ? at - 1 : at;
  let end = Math.min(text.length, start + (rnd() < 0.5 ? 0 : Math.floor(rnd() * 30)));
  if (text[end - 1] === '\r' && text[end] === '\n') end--;
  return { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: pick(INSERTS) };
}

function expected(c: TestClient, uris: string[]): Map<string, unknown> {
  const ws = new Workspace();
  for (const u of uris) ws.setFile(u, c.text(u));
  return new Map(uris.map((u) => [u, ws.analyze(u).map((f) => toDiagnostic(f, ruleLinks(RULES_DOC_URL)))]));
}

test(`pushed diagnostics equal a fresh analysis after every edit (seed ${SEED}, ${STEPS} steps)`, { timeout: 300_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'flokoa-differential-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(root, name), text);
  const c = await TestClient.start({ root });
  try {
    await c.indexReady();
    const uris: string[] = [];
    for (const name of Object.keys(FILES)) uris.push(await c.open(name));
    for (const u of uris) await c.currentDiagnostics(u);
    const rnd = seededRandom(SEED);
    for (let step = 0; step < STEPS; step++) {
      const uri = uris[Math.floor(rnd() * uris.length)];
      const roll = rnd();
      const text = c.text(uri);
      let changes: TextDocumentContentChangeEvent[];
      if (roll < 0.15) {
        // A whole text, as some clients send it.
        changes = [{ text: applyLocally(text, randomChange(text, rnd)) }];
      } else if (roll < 0.3) {
        const first = randomChange(text, rnd);
        changes = [first, randomChange(applyLocally(text, first), rnd)];
      } else changes = [randomChange(text, rnd)];
      await c.change(uri, changes);
      await c.currentDiagnostics(uri);
      // Everything published for this edit was written before the answer to a later request.
      await c.request('workspace/symbol', { query: 'zzz' });
      const want = expected(c, uris);
      for (const u of uris) {
        assert.deepEqual(
          c.diagnostics.get(u)?.diagnostics,
          want.get(u),
          `step ${step}: ${u} after ${JSON.stringify(changes)}\n${c.text(u)}`,
        );
      }
    }
  } finally {
    await c.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});

function applyLocally(text: string, change: TextDocumentContentChangeEvent): string {
  if (!('range' in change)) return change.text;
  const offset = (p: Position): number => {
    let at = 0;
    for (let l = 0; l < p.line; l++) at = text.indexOf('\n', at) + 1;
    return at + p.character;
  };
  return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
}
