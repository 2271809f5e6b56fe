// The situations of the operator's own examples (test/fixtures/situations/*, files of our own),
// analysed without CRDs and with the operator's CRDs of the generation each is written for: exactly
// the marked findings, and refs -f's policy failing on exactly the linter's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiById, crdFromSchemas, referenceSeverity, resolve, Workspace, type Finding } from '../src/index.js';
import { operatorKinds } from '../src/api/build.js';
import { FIXTURES, fixtureDir } from './fixtures.js';

/** The generation each situation is written for: its operator's CRDs are the second run's. */
const GENERATION: Record<string, string> = {
  'january-docs': '2026-01',
  'january-samples': '2026-01',
  'june-docs': '2026-06',
  workflows: '2026-06',
};

function expected(files: { uri: string; text: string }[], withCrds: boolean): string[] {
  const out: string[] = [];
  for (const f of files) {
    f.text.split('\n').forEach((line, i) => {
      const m = /#\s*expect(-with-crds|-without-crds)?:\s*([\w-]+)/.exec(line);
      if (!m || (m[1] === '-with-crds' && !withCrds) || (m[1] === '-without-crds' && withCrds)) return;
      out.push(`${f.uri.split('/').pop()}:${i + 1}:${m[2]}`);
    });
  }
  return out.sort();
}

/** What the linter reports, without the info and hints a linter run shows anyway (unused objects). */
const shown = (f: Finding): boolean => f.severity !== 'info' || f.ruleId === 'unknown-api';

for (const name of readdirSync(join(FIXTURES, 'situations'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)) {
  for (const withCrds of [false, true]) {
    test(`situation ${name}, ${withCrds ? 'with' : 'without'} the operator's CRDs: exactly the real findings`, () => {
      const files = fixtureDir(join('situations', name));
      const ws = new Workspace();
      if (withCrds) {
        const crds = crdFromSchemas(operatorKinds(apiById(GENERATION[name]!)!));
        ws.setFile('file:///crds/operator.yaml', crds.map((c) => JSON.stringify(c)).join('\n---\n'));
      }
      for (const f of files) ws.setFile(f.uri, f.text);
      const findings = files.flatMap((f) => ws.analyze(f.uri)).filter(shown);
      assert.deepEqual(
        findings.map((f) => `${f.uri.split('/').pop()}:${f.range.start.line}:${f.ruleId}`).sort(),
        expected(files, withCrds),
        findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
      );
      // refs -f fails on a broken reference exactly when the linter reports it as an error.
      const errors = findings.filter((f) => f.severity === 'error' && f.ruleId.includes('reference')).length;
      const broken = files
        .flatMap((f) => ws.referencesIn(f.uri))
        .filter((ref) => !ref.optional && resolve(ref, ws).status !== 'found')
        .filter((ref) => referenceSeverity(ref.target, 'missing', ws.settings) === 'error').length;
      assert.equal(broken, errors);
    });
  }
}
