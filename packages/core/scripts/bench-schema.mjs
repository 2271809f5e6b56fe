#!/usr/bin/env node
// Figures for the schema layer (not a test: prints, never asserts). Run after `pnpm build`:
//   node packages/core/scripts/bench-schema.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { SchemaStore, validate, prune, crdFromSchemas, jsonSchemaFiles } from '../out/src/schema/index.js';
import { apiById } from '../out/src/api/index.js';

// The fixtures are written for the January 2026 API (the documented one).
const JAN = apiById('2026-01');

const fixtures = fileURLToPath(new URL('../test/fixtures/schema/', import.meta.url));
const docs = ['valid.yaml', 'invalid.yaml'].flatMap((f) => parseAllDocuments(readFileSync(fixtures + f, 'utf8')).map((d) => d.toJS()));
const store = new SchemaStore();
const schemaOf = (d) => store.schemaFor('agent.flokoa.ai', String(d.apiVersion).split('/')[1], d.kind, JAN).schema;

function time(label, n, fn) {
  for (let i = 0; i < Math.min(n, 200); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${((ms / n) * 1000).toFixed(1).padStart(8)} µs/op  (${n} ops, ${ms.toFixed(0)} ms)`);
}

const n = 20_000;
time(`validate (${docs.length} fixture docs, round robin)`, n, (i) => validate(docs[i % docs.length], schemaOf(docs[i % docs.length])));
time('validate + schemaFor, 1,000 documents', 20, () => {
  for (let i = 0; i < 1000; i++) validate(docs[i % docs.length], schemaOf(docs[i % docs.length]));
});
time('prune (stored form)', n, (i) => prune(docs[i % docs.length], schemaOf(docs[i % docs.length])));
time('new SchemaStore()', 2_000, () => new SchemaStore());
const crds = crdFromSchemas(JAN.kinds);
time(`setCrds(workspace, ${crds.length} CRDs, with their verdicts)`, 2_000, () => store.setCrds('workspace', crds));
console.log(
  `CRDs: ${JSON.stringify(crds).length} bytes for ${crds.length} kinds; JSON Schemas: ${JSON.stringify(jsonSchemaFiles(JAN.kinds)).length} bytes`,
);
