// Lint: the architecture's arrows, promise hygiene and size limits, enforced by a tool instead of
// goodwill. `pnpm lint` runs it (CI does too). The layer table below is ARCHITECTURE.md's picture:
// which workspace packages each package's shipped code (src/) may import. Tests may import what
// their package.json lists as devDependencies (cluster-sim among them).
import { builtinModules } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Package folder -> the package folders its src/ may import. Everything else is forbidden. */
const LAYERS = {
  core: [],
  kube: ['core'],
  lsp: ['core', 'kube'],
  'kubectl-flokoa': ['core', 'kube'],
  'vscode-ext': ['lsp', 'kube', 'kubectl-flokoa'],
  'cluster-sim': ['core'],
};

/** Dependency internals are read in one adapter file per dependency, nowhere else. */
const DEEP_IMPORT_ADAPTERS = ['packages/kube/src/clientNode.ts'];

const packageName = (dir) => JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8')).name;
const folders = readdirSync('packages').filter((d) => existsSync(`packages/${d}/package.json`));
for (const d of folders) if (!(d in LAYERS)) throw new Error(`eslint.config.mjs: packages/${d} has no entry in LAYERS`);

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

function layerRules(dir, files = [`packages/${dir}/src/**/*.ts`], ignores = DEEP_IMPORT_ADAPTERS) {
  const allowed = LAYERS[dir];
  const forbidden = folders.filter((d) => d !== dir && !allowed.includes(d)).map(packageName);
  const patterns = [
    {
      group: forbidden.flatMap((n) => [n, `${n}/*`]),
      message: `ARCHITECTURE.md: packages/${dir} may import only ${LAYERS[dir].join(', ') || 'no other workspace package'}.`,
    },
  ];
  if (ignores.length > 0) {
    patterns.push({
      group: ['@kubernetes/client-node/dist/*', 'yaml/dist/*'],
      message: 'Dependency internals live in one adapter file per dependency.',
    });
  }
  if (dir === 'core') patterns.push({ group: NODE_BUILTINS, message: 'core is pure analysis: no I/O, no Node built-ins.' });
  return {
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/out/**', '**/dist/**', '**/.test-artifacts/**', '**/.bench/**', '**/test/fixtures/**'],
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/core-modules': ['vscode'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test runs what test()/describe() return itself.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'import-x/no-relative-packages': 'error',
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: ['packages/*/test/**', 'packages/*/bench/**'] }],
    },
  },
  {
    // Tests read JSON answers of servers they start (typing every one buys little) and match
    // terminal escape sequences.
    files: ['packages/*/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
  ...folders.map((d) => layerRules(d)),
  // The adapter files: the same arrows, deep imports allowed.
  ...DEEP_IMPORT_ADAPTERS.map((f) => layerRules(f.split('/')[1], [f], [])),
  {
    // Shipped code stays readable in one sitting: no file over 400 lines, no function over 80.
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
);
