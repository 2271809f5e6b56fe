// The renderer on damaged trees: kustomizations and patches with lines dropped, duplicated or
// mangled must give issues, never an exception (the editor renders on every keystroke).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, renderKustomization, type RenderHost, type SourceDocument } from '../../src/index.js';
import { fixtureDir } from '../fixtures.js';
import { rng } from '../rng.js';

const SEED = Number(process.env.RENDER_FUZZ_SEED ?? 9);
const ROUNDS = Number(process.env.RENDER_FUZZ_ROUNDS ?? 150);

function host(texts: Map<string, string>): RenderHost {
  return {
    documents: (uri) => {
      const t = texts.get(uri);
      return t === undefined
        ? undefined
        : parseFile(uri, t).docs.map((d): SourceDocument => ({
            uri,
            docIndex: d.index,
            value: d.value,
            ranges: d.sourceMap,
            range: d.range,
          }));
    },
    text: (uri) => texts.get(uri),
    yamlFilesUnder: (dir) => [...texts.keys()].filter((u) => u.startsWith(dir)).sort(),
  };
}

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(next() * lines.length);
  const roll = next();
  if (roll < 0.3) lines.splice(i, 1);
  else if (roll < 0.5) lines.splice(i, 0, lines[Math.floor(next() * lines.length)] ?? '');
  else if (roll < 0.7) lines[i] = (lines[i] ?? '').replace(/:.*/, ': ~');
  else if (roll < 0.85) lines[i] = (lines[i] ?? '').replace(/^(\s*)/, '$1  ');
  else lines[i] = `${lines[i] ?? ''} [`;
  return lines.join('\n');
}

test(`rendering damaged kustomize trees never throws (seed ${SEED}, ${ROUNDS} rounds)`, () => {
  const base = new Map(fixtureDir('render').map((f) => [f.uri, f.text]));
  const roots = [...base.keys()].filter((u) => u.endsWith('/kustomization.yaml')).map((u) => u.slice(0, u.lastIndexOf('/') + 1));
  const editable = [...base.keys()];
  const next = rng(SEED);
  for (let round = 0; round < ROUNDS; round++) {
    const texts = new Map(base);
    for (let k = 0; k < 3; k++) {
      const uri = editable[Math.floor(next() * editable.length)];
      texts.set(uri, mutate(texts.get(uri)!, next));
    }
    const dir = roots[Math.floor(next() * roots.length)];
    const result = renderKustomization(host(texts), dir);
    assert.ok(Array.isArray(result.objects) && Array.isArray(result.issues), `round ${round}: ${dir}`);
  }
});
