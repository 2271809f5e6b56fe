// What package.json promises a user of the .vsix: settings that list what they accept and that
// point at nothing the package does not contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> } };
};

test("the flokoa.rules setting lists exactly core's rules, each with the severities", () => {
  const r = spawnSync(process.execPath, [`${pkgDir}scripts/rules-setting.mjs`, '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rules = manifest.contributes.configuration.properties['flokoa.rules'] as unknown as {
    properties: Record<string, { enum: string[] }>;
    propertyNames: { enum: string[] };
  };
  assert.deepEqual(rules.properties['image-latest'].enum, ['off', 'hint', 'info', 'warning', 'error']);
  assert.ok(rules.propertyNames.enum.includes('unresolved-reference'));
});

test('no setting description points at a file of the repository', () => {
  for (const [key, p] of Object.entries(manifest.contributes.configuration.properties)) {
    const text = `${p.markdownDescription ?? ''} ${p.description ?? ''}`;
    assert.doesNotMatch(text, /docs\/|\.md\b|repository/, key);
  }
});
