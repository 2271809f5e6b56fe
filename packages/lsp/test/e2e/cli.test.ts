// The flokoa-lsp bin end to end: the BUILT dist/flokoa-lsp.js run as a process on fixture folders
// and on the repository's examples/, checking exit codes, the three report formats, the schema
// export and that bad input ends as one error line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { JsonFinding } from '../../src/cli/format-json.js';

const BIN = fileURLToPath(new URL('../../../dist/flokoa-lsp.js', import.meta.url));
const PKG = fileURLToPath(new URL('../../../', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
const FIXTURES = join(PKG, 'test', 'fixtures', 'cli');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = FIXTURES): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LINE = /^(\S+):(\d+):(\d+) (error|warning|info|hint) ([a-z0-9-]+) (\S.*)$/;

interface Line {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

function parseLines(stdout: string): Line[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = LINE.exec(l);
      assert.ok(m, `not a finding line: ${JSON.stringify(l)}`);
      return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], rule: m[5], message: m[6] };
    });
}

/** Bad input contract: one `error:` line on stderr, nothing on stdout, exit 2, no stack trace. */
function assertUsageError(r: Run, mentions: string): void {
  assert.equal(r.code, 2, `exit code for ${mentions}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line expected, got: ${r.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.ok(lines[0].includes(mentions), `"${lines[0]}" should mention ${mentions}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  for (const word of ['--stdio', 'check', 'schema --out', '--format', '--default-namespace', '--rule']) {
    assert.ok(help.stdout.includes(word), `help mentions ${word}`);
  }
  const version = run(['--version']);
  assert.equal(version.code, 0);
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout, pkg.version + '\n');
});

test('bad usage is one error line and exit 2', () => {
  const cases: [string[], string][] = [
    [[], 'missing command'],
    [['lint'], 'unknown command: lint'],
    [['--bogus'], '--bogus'],
    [['check', '--format', 'xml', 'clean'], '"xml"'],
    [['check', '--format'], '--format needs a value'],
    [['check', '--rule', 'no-equals-sign'], '--rule expects id=severity'],
    [['check', '--rule', 'image-tag=loud', 'clean'], '"loud"'],
    [['check', '--rule', 'no-such-rule=off', 'clean'], 'unknown rule "no-such-rule"'],
    [['check', '--rule', 'image-lates=off', 'clean'], 'did you mean image-latest?'],
    [['check', '--default-namespace', 'Not_A_Namespace', 'clean'], 'Not_A_Namespace'],
    [['check', '--wat', 'clean'], '--wat'],
    [['check', 'does-not-exist'], 'no such file or directory: does-not-exist'],
    [['schema'], 'schema needs --out'],
    [['schema', '--out'], '--out needs a value'],
  ];
  for (const [args, mentions] of cases) assertUsageError(run(args), mentions);
});

test('check on a correct folder: exit 0, no output, summary on stderr', () => {
  const r = run(['check', 'clean']);
  assert.equal(r.stdout, '', r.stdout);
  assert.equal(r.stderr, 'no problems in 2 files\n');
  assert.equal(r.code, 0);
});

test('check walks folders (default "."), skipping node_modules and .git', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-cli-'));
  try {
    cpSync(join(FIXTURES, 'clean'), dir, { recursive: true });
    for (const skipped of ['node_modules/pkg', '.git/refs']) {
      mkdirSync(join(dir, skipped), { recursive: true });
      writeFileSync(
        join(dir, skipped, 'broken.yaml'),
        'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata: {name: x}\nspec: {model: {name: none}}\n',
      );
    }
    const r = run(['check'], dir);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'no problems in 2 files\n');
    assert.equal(r.code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('text format: sorted file:line:col severity rule-id message lines, exit 1 on errors', () => {
  const r = run(['check', 'errors']);
  assert.equal(r.code, 1, r.stderr);
  const lines = parseLines(r.stdout);
  const missing = lines.find((l) => l.file === 'errors/agent.yaml' && l.line === 9 && l.column === 11);
  assert.ok(missing, `unresolved model reported at errors/agent.yaml:9:11:\n${r.stdout}`);
  assert.equal(missing.severity, 'error');
  assert.match(missing.message, /gpt-4o-typo/);
  const typo = lines.find((l) => l.file === 'errors/agent.yaml' && l.line === 13 && l.column === 7);
  assert.ok(typo, `unknown field reported at errors/agent.yaml:13:7:\n${r.stdout}`);
  assert.match(typo.message, /replicas/, 'says "did you mean replicas"');
  const sorted = [...lines].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  assert.deepEqual(
    lines.map((l) => `${l.file}:${l.line}:${l.column}`),
    sorted.map((l) => `${l.file}:${l.line}:${l.column}`),
  );
  assert.match(r.stderr, /^\d+ problems \(\d+ errors?[^)]*\) in 2 files\n$/);
});

test('paths are relative to the working directory', () => {
  const r = run(['check', '.'], join(FIXTURES, 'errors'));
  assert.equal(r.code, 1);
  assert.ok(
    parseLines(r.stdout).every((l) => l.file === 'agent.yaml' || l.file === 'providers.yaml'),
    r.stdout,
  );
  const abs = run(['check', join(FIXTURES, 'errors', 'agent.yaml'), join(FIXTURES, 'errors', 'providers.yaml')], REPO);
  assert.ok(
    parseLines(abs.stdout).every((l) => l.file.startsWith('packages/lsp/test/fixtures/cli/errors/')),
    abs.stdout,
  );
});

test('--rule overrides severities; off silences a rule', () => {
  const base = parseLines(run(['check', 'errors']).stdout);
  const unknownField = base.find((l) => l.line === 13)!;
  const reference = base.find((l) => l.line === 9)!;
  const off = run(['check', 'errors', '--rule', `${unknownField.rule}=off`, `--rule=${reference.rule}=warning`]);
  const lines = parseLines(off.stdout);
  assert.ok(!lines.some((l) => l.rule === unknownField.rule), off.stdout);
  assert.equal(lines.find((l) => l.rule === reference.rule)?.severity, 'warning');
  assert.equal(off.code, lines.some((l) => l.severity === 'error') ? 1 : 0);
});

test('--default-namespace decides where namespace-less documents live', () => {
  const unresolved = run(['check', 'default-namespace']);
  assert.equal(unresolved.code, 1, 'the Agent lands in "default", its Model is in "team"');
  assert.ok(parseLines(unresolved.stdout).some((l) => l.file === 'default-namespace/agent.yaml' && l.line === 8 && l.severity === 'error'));
  const resolved = run(['check', '--default-namespace', 'team', 'default-namespace']);
  assert.equal(resolved.stdout, '');
  assert.equal(resolved.code, 0, resolved.stderr);
});

test('a syntax error in one document is reported once; the other documents are still analysed', () => {
  const r = run(['check', 'syntax']);
  assert.equal(r.code, 1);
  const lines = parseLines(r.stdout);
  const syntax = lines.filter((l) => l.line >= 11 && l.line <= 14);
  assert.equal(syntax.length, 1, `one syntax finding in the broken document:\n${r.stdout}`);
  assert.ok(
    lines.some((l) => l.line === 9 && /nowhere/.test(l.message)),
    'first document analysed',
  );
  assert.ok(
    lines.some((l) => l.line === 24 && /nowhere-either/.test(l.message)),
    'third document analysed',
  );
});

test('# flokoa-ignore above a line silences that rule there, in the CLI as in the editor', () => {
  const r = run(['check', 'suppressed']);
  assert.equal(r.stdout, '', r.stdout);
  assert.equal(r.code, 0);
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-cli-'));
  try {
    cpSync(join(FIXTURES, 'suppressed'), dir, { recursive: true });
    const agent = join(dir, 'agent.yaml');
    writeFileSync(agent, readFileSync(agent, 'utf8').replace(/^\s*# flokoa-ignore.*\n/m, ''));
    const unsuppressed = parseLines(run(['check', '.'], dir).stdout);
    assert.ok(
      unsuppressed.some((l) => l.file === 'agent.yaml' && l.rule === 'image-latest'),
      'the same file without the comment is flagged',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('json format: the same findings with 1-based positions and 0-based LSP ranges', () => {
  const text = parseLines(run(['check', 'errors']).stdout);
  const r = run(['check', '--format', 'json', 'errors']);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.stdout) as JsonFinding[];
  assert.equal(findings.length, text.length);
  findings.forEach((f, i) => {
    assert.equal(f.file, text[i].file);
    assert.equal(f.line, text[i].line);
    assert.equal(f.column, text[i].column);
    assert.equal(f.ruleId, text[i].rule);
    assert.equal(f.severity, text[i].severity);
    assert.equal(f.range.start.line + 1, f.line);
    assert.equal(f.range.start.character + 1, f.column);
    assert.equal(f.range.end.line + 1, f.endLine);
    assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column));
  });
  assert.deepEqual(JSON.parse(run(['check', '-f', 'json', 'clean']).stdout), []);
});

const SARIF_LEVELS = ['none', 'note', 'warning', 'error'];

/** The properties SARIF 2.1.0 makes required (and the ones code-scanning UIs rely on), checked by hand. */
function assertSarif(log: any, expectedResults: number): void {
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run = log.runs[0];
  const driver = run.tool?.driver;
  assert.equal(typeof driver?.name, 'string');
  assert.ok(Array.isArray(driver.rules) && driver.rules.length > 0);
  const ids = new Set<string>();
  for (const rule of driver.rules) {
    assert.equal(typeof rule.id, 'string');
    assert.ok(!ids.has(rule.id), `rule ${rule.id} listed once`);
    ids.add(rule.id);
    assert.equal(typeof rule.shortDescription?.text, 'string');
    assert.ok(rule.shortDescription.text.length > 0);
    assert.ok(SARIF_LEVELS.includes(rule.defaultConfiguration?.level), `${rule.id} level`);
    if (rule.helpUri !== undefined) assert.match(rule.helpUri, /^[a-z]+:.*docs\/rules\.md#/);
  }
  assert.ok(Array.isArray(run.results));
  assert.equal(run.results.length, expectedResults);
  for (const r of run.results) {
    assert.equal(typeof r.message?.text, 'string');
    assert.ok(r.message.text.length > 0);
    assert.ok(SARIF_LEVELS.includes(r.level));
    assert.equal(driver.rules[r.ruleIndex]?.id, r.ruleId, 'ruleIndex points at the rule');
    assert.equal(r.locations.length, 1);
    const loc = r.locations[0].physicalLocation;
    assert.equal(typeof loc.artifactLocation.uri, 'string');
    if (loc.artifactLocation.uriBaseId) assert.ok(run.originalUriBaseIds[loc.artifactLocation.uriBaseId].uri.endsWith('/'));
    assert.ok(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1);
    assert.ok(Number.isInteger(loc.region.startColumn) && loc.region.startColumn >= 1);
    assert.ok(loc.region.endLine >= loc.region.startLine);
  }
}

test('sarif format: SARIF 2.1.0 with the rule registry and one result per finding', () => {
  const text = parseLines(run(['check', 'errors']).stdout);
  const r = run(['check', '--format=sarif', 'errors']);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  assertSarif(log, text.length);
  const results = log.runs[0].results;
  results.forEach((res: any, i: number) => {
    assert.equal(res.ruleId, text[i].rule);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, text[i].file);
    assert.equal(res.locations[0].physicalLocation.region.startLine, text[i].line);
    assert.equal(res.locations[0].physicalLocation.region.startColumn, text[i].column);
    assert.equal(res.level, text[i].severity === 'error' ? 'error' : text[i].severity === 'warning' ? 'warning' : 'note');
  });
  assertSarif(JSON.parse(run(['check', '--format', 'sarif', 'clean']).stdout), 0);
});

// ---- the shipped examples ----

const CORRECT_EXAMPLES = ['single-namespace', 'shared-resources', 'environments'];

for (const example of CORRECT_EXAMPLES) {
  test(`examples/${example} is clean`, () => {
    const r = run(['check', `examples/${example}`], REPO);
    assert.equal(r.stdout, '', `examples/${example} should have no findings:\n${r.stdout}`);
    assert.equal(r.code, 0);
  });
}

test("examples/tenancy: the quota'd dev namespace is clean; the org namespace lacks its registry Secret", () => {
  const r = run(['check', 'examples/tenancy'], REPO);
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  assert.match(
    lines[0],
    /^examples\/tenancy\/org\/crewai-org-4\/automation\.yaml:\d+:\d+ warning pull-secret-elsewhere .*exists in crewai/,
  );
});

/** What each file of examples/broken must be flagged for (its README says the same). */
const BROKEN: [file: string, rule: string, severity: string, message: RegExp][] = [
  ['missing-model.yaml', 'unresolved-reference', 'error', /gpt-5-turbo/],
  ['model-in-other-namespace.yaml', 'unresolved-reference', 'error', /add namespace: platform-models/],
  ['typo-field.yaml', 'schema-unknown-field', 'warning', /did you mean "replicas"/],
  ['latest-image.yaml', 'image-latest', 'warning', /:latest/],
  ['missing-probes.yaml', 'missing-probe', 'warning', /livenessProbe/],
  ['temperature-number.yaml', 'schema-type', 'error', /"0\.2"/],
  ['cross-environment.yaml', 'cross-environment-reference', 'warning', /staging/],
  ['literal-api-key.yaml', 'literal-secret-env', 'warning', /API_KEY/],
  ['duplicate.yaml', 'duplicate-resource', 'error', /team-model/],
  ['ha-mistakes.yaml', 'replicas-without-anti-affinity', 'warning', /crowded-agent/],
  ['ha-mistakes.yaml', 'probe-port-mismatch', 'warning', /9090/],
  ['ha-mistakes.yaml', 'anti-affinity-selector-mismatch', 'warning', /copied-agent/],
  ['quota-exceeded.yaml', 'quota-exceeded', 'error', /exceeded quota: team-b-quota, requested: requests\.cpu=500m/],
  // A kustomize + Flux tree: findings on what the overlays and the tenant render.
  [
    'gitops/apps/support/base/agent.yaml',
    'kustomize-name-reference',
    'error',
    /^in overlays\/prod \(team-a-prod\): Model 'team-model' was renamed/,
  ],
  ['gitops/apps/support/base/agent.yaml', 'missing-secret', 'hint', /^in overlays\/staging \(team-a-staging\): Secret 'support-secrets'/],
  [
    'gitops/apps/support/overlays/prod/kustomization.yaml',
    'kustomize-image-unused',
    'warning',
    /still runs 'ghcr\.io\/example\/support-agent:v2\.1\.0'/,
  ],
  ['gitops/clusters/prod/team-c.yaml', 'flux-source-namespace', 'warning', /flux-system/],
  ['gitops/clusters/prod/team-c.yaml', 'flux-service-account', 'warning', /serviceAccountName/],
  ['gitops/tenants/team-c/rbac.yaml', 'flux-tenant-cluster-scoped', 'error', /ClusterRole team-c-pod-reader/],
];

test('examples/: exit 1 only because of examples/broken, each mistake reported', () => {
  const r = run(['check', 'examples/'], REPO);
  assert.equal(r.code, 1);
  const lines = parseLines(r.stdout);
  // examples/tenancy shows one warning on purpose (its own test above).
  const outside = lines.filter(
    (l) => !l.file.startsWith('examples/broken/') && !(l.file.startsWith('examples/tenancy/') && l.rule === 'pull-secret-elsewhere'),
  );
  assert.deepEqual(outside, [], 'findings only in examples/broken (and the tenancy warning)');
  for (const [file, rule, severity, message] of BROKEN) {
    assert.ok(
      lines.some((l) => l.file === `examples/broken/${file}` && l.rule === rule && l.severity === severity && message.test(l.message)),
      `examples/broken/${file}: expected ${severity} ${rule} matching ${message}, got:\n${lines
        .filter((l) => l.file.endsWith(file))
        .map((l) => `${l.severity} ${l.rule} ${l.message}`)
        .join('\n')}`,
    );
  }
  const files = new Set(lines.map((l) => l.file));
  for (const f of readdirSync(join(REPO, 'examples', 'broken')).filter((n) => n.endsWith('.yaml'))) {
    if (f === 'namespaces.yaml' || f === 'providers.yaml') continue;
    assert.ok(files.has(`examples/broken/${f}`), `examples/broken/${f} is broken on purpose and must be flagged`);
  }
});

test('check on an overlay folder renders it: its base (outside the folder) is read and reported on', () => {
  const r = run(['check', 'examples/broken/gitops/apps/support/overlays/prod'], REPO);
  assert.equal(r.code, 1, r.stderr);
  const lines = parseLines(r.stdout);
  assert.ok(
    lines.some((l) => l.file === 'examples/broken/gitops/apps/support/base/agent.yaml' && l.rule === 'kustomize-name-reference'),
    r.stdout,
  );
  assert.ok(
    lines.some(
      (l) => l.file === 'examples/broken/gitops/apps/support/overlays/prod/kustomization.yaml' && l.rule === 'kustomize-image-unused',
    ),
  );
});

test('a literal secret value is never printed, in any format', () => {
  for (const format of ['text', 'json', 'sarif']) {
    const r = run(['check', '--format', format, 'examples/broken'], REPO);
    assert.ok(r.stdout.length > 0);
    assert.ok(!r.stdout.includes('placeholder-not-a-real-key'), `${format} output leaks the literal value`);
    assert.ok(!r.stderr.includes('placeholder-not-a-real-key'));
  }
});

// ---- schema --out ----

function walkJson(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walkJson(dir, join(base, e.name)) : [join(base, e.name)],
  );
}

test('schema --out writes strict JSON Schemas in the CRD catalog layout: the newest generation, or the one asked for', () => {
  const out = mkdtempSync(join(tmpdir(), 'flokoa-schema-'));
  try {
    const r = run(['schema', '--out', join(out, 'nested', 'dir')]);
    assert.equal(r.code, 0, r.stderr);
    const files = walkJson(join(out, 'nested', 'dir')).sort();
    assert.deepEqual(files, [
      'agent.flokoa.ai/agent_v1alpha1.json',
      'agent.flokoa.ai/agenttool_v1alpha1.json',
      'agent.flokoa.ai/agenttrigger_v1alpha1.json',
      'agent.flokoa.ai/agentworkflow_v1alpha1.json',
      'agent.flokoa.ai/capability_v1alpha1.json',
      'agent.flokoa.ai/instruction_v1alpha1.json',
      'agent.flokoa.ai/model_v1alpha1.json',
      'agent.flokoa.ai/modelprovider_v1alpha1.json',
    ]);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('wrote ')).length, 8);
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(out, 'nested', 'dir', f), 'utf8'));
      assert.equal(schema.type, 'object', f);
      assert.equal(schema.additionalProperties, false, `${f} is strict at the top`);
      assert.equal(schema.properties.spec.additionalProperties, false, `${f} is strict in spec`);
      assert.ok(schema.properties.apiVersion && schema.properties.kind && schema.properties.metadata, f);
    }
    const agent = JSON.parse(readFileSync(join(out, 'nested', 'dir', 'agent.flokoa.ai/agent_v1alpha1.json'), 'utf8'));
    assert.ok(agent.properties.spec.properties.modelRef, 'the June 2026 Agent');
    assert.equal(agent.properties.spec.properties.runtime.additionalProperties, false, 'a typo such as "replica" is rejected');

    const jan = run(['schema', '--api-generation', '2026-01', '--out', join(out, 'jan')]);
    assert.equal(jan.code, 0, jan.stderr);
    const janAgent = JSON.parse(readFileSync(join(out, 'jan', 'agent.flokoa.ai/agent_v1alpha1.json'), 'utf8'));
    const runtimeSpec = janAgent.properties.spec.properties.runtime.properties.spec;
    assert.ok(runtimeSpec.properties.replicas, 'runtime.spec.replicas is described');
    assert.equal(runtimeSpec.additionalProperties, false, 'a typo such as "replica" is rejected');
    assertUsageError(run(['schema', '--api-generation', '2025-12', '--out', out]), 'unknown API generation "2025-12"');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('schema --out onto a file is one error line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flokoa-schema-'));
  try {
    writeFileSync(join(dir, 'taken'), 'not a folder');
    assertUsageError(run(['schema', '--out', join(dir, 'taken')]), 'cannot write');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the server entry ----

test('--stdio starts the language server', async () => {
  const child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  try {
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
      capabilities: { hoverProvider?: unknown; completionProvider?: unknown };
      serverInfo?: { name: string };
    };
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(init.capabilities.completionProvider);
    await conn.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    child.kill();
  }
});
