// Writes the `flokoa.rules` setting of package.json from core's rule registry (ALL_RULES): every
// rule id as a property with its severity enum and rationale, unknown ids refused, so the settings
// editor completes and checks them. Run by scripts/package.mjs before packaging; `--check` only
// compares (the extension's unit test runs it: the setting cannot drift from the rules).
// Usage: node scripts/rules-setting.mjs [--check]   (after the build: it reads core's compiled output)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(pkgDir, 'package.json');
const { ALL_RULES } = await import(pathToFileURL(join(pkgDir, '..', 'core', 'out', 'src', 'index.js')).href);

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

function rulesSetting(rules) {
  const ids = rules.map((r) => r.id);
  return {
    type: 'object',
    default: {},
    markdownDescription:
      'Severity per rule id: `off`, `hint`, `info`, `warning` or `error`, e.g. `{ "image-latest": "error", "missing-probe": "off" }`. The rule id is the code each diagnostic shows; clicking it opens the rule\'s documentation. Edit in `settings.json` to have the ids completed.',
    properties: Object.fromEntries(
      rules.map((r) => [
        r.id,
        { type: 'string', enum: SEVERITIES, markdownDescription: `${r.rationale} (default: \`${r.defaultSeverity}\`)` },
      ]),
    ),
    propertyNames: { enum: ids },
    additionalProperties: false,
  };
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const props = manifest.contributes.configuration.properties;
const want = rulesSetting(ALL_RULES);
if (process.argv.includes('--check')) {
  if (!isDeepStrictEqual(props['flokoa.rules'], want)) {
    console.error(
      "error: package.json's flokoa.rules setting differs from core's rules; run: node packages/vscode-ext/scripts/rules-setting.mjs",
    );
    process.exit(1);
  }
} else {
  props['flokoa.rules'] = want;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}
