// `-o name` and `-o jsonpath=…` of `kubectl flokoa refs`, and the JSONPath dialect itself checked
// against the real kubectl's: the same template on the same object list must print the same text, or
// fail with the same first line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileJsonPath, JsonPathError } from '@flokoa/core';
import { flokoa, run } from './kubectl.js';
import { startTestCluster, type TestCluster } from './sim.js';

let c: TestCluster;
before(async () => {
  c = await startTestCluster();
  for (const [obj, ns] of [
    ['model/shared-gpt-4o', 'shared-models'],
    ['agenttool/weather-api', 'my-app'],
  ]) {
    const w = await run(['wait', '--for=condition=Ready', obj, '-n', ns, '--timeout=60s'], { env: c.env });
    assert.equal(w.code, 0, w.stderr);
  }
});
after(() => c?.stop());

const TEMPLATES = [
  '{.items[*].metadata.name}',
  '.items',
  'names: {.items[*].metadata.name}!',
  '{.kind} {.apiVersion}',
  '{.items[0].spec.tools}',
  '{.items[0].spec.tools[*]}',
  '{.items[0].nope.deeper}',
  '{.nope[0]}',
  '{.items[?(@.metadata.name=="good-agent")].metadata.namespace}',
  "{.items[?(@.status.phase=='Failed')].metadata.name}",
  '{.items[?(@.metadata.name<"h")].metadata.name}',
  '{.items[?(@.metadata.generation>=1)].metadata.name}',
  '{.items[?(@.kind!="Agent")].kind}',
  '{range .items[*]}{.metadata.name}{"\\t"}{.spec.model.name}{"\\n"}{end}',
  '{range .items[*]}[{.metadata.name}]{end}',
  '{range .items[*]}{range .spec.tools[*]}{.toolRef.name},{end};{end}',
  '{range .items}{.metadata.name};{end}',
  '{range .items[*]}{$.kind};{end}',
  '{.items[0:2].metadata.name}',
  '{.items[-1:].metadata.name}',
  '{.items[1:3:1].metadata.name} {.items[::2].metadata.name}',
  '{.items[0,2].metadata.name}',
  '{.items[-1].kind}',
  "{.items[0].metadata['name','namespace']}",
  '{.items[0]..kind}',
  '{.items[0].metadata.generation}{.items[0].metadata.generation}',
  '{"a"}{"b"}{true}',
  '{"x\\"y\\\\z\\u00e9"}',
  '{ .kind }',
  '{.items[0].metadata.name}}',
  '{.items[*].metadata.name}{.items[*].kind}',
  '{.items[0].spec}',
  // Errors: the first line of kubectl's message.
  '{.items[9]}',
  '{.items[-9]}',
  '{.items[0:9].metadata.name}',
  '{.items[3:1].kind}',
  '{.items[0].metadata[0]}',
  '{.items[0].kind[0]}',
  '{.items[?(@.metadata.generation=="1")].kind}',
  '{.items[*].metadata.name',
  '{.items[}',
  '{.items[',
  '{.items[?(@.x}',
  '{.items["}',
  '{.items[0].metadata[name,namespace]}',
  '{.items[?(@.x]}',
  '{{.kind}}',
  '{end}',
];

test('the JSONPath dialect prints what kubectl prints for the same template and objects', async () => {
  const objects = async (): Promise<unknown> => {
    const list = await run(['get', 'agents', '-n', 'my-app', '-o', 'json'], { env: c.env });
    assert.equal(list.code, 0, list.stderr);
    return JSON.parse(list.stdout);
  };
  const ours = (template: string, data: unknown): string => {
    try {
      return compileJsonPath(template)(data);
    } catch (e) {
      assert.ok(e instanceof JsonPathError, `${template}: ${String(e)}`);
      return `error: ${e.message}`;
    }
  };
  let data = await objects();
  for (const template of TEMPLATES) {
    const real = await run(['get', 'agents', '-n', 'my-app', '-o', `jsonpath=${template}`], { env: c.env });
    const expected = real.code === 0 ? real.stdout : real.stderr.split('\n')[0].replace(/\. Printing more information.*$/, '');
    // The operator may have updated a status between the two reads: then compare with the objects now.
    if (ours(template, data) !== expected) data = await objects();
    assert.equal(ours(template, data), expected, `template ${template}`);
  }
});

test('refs -o name: kind.group/name of the Agent and each object it reaches, once; reverse: the dependents', async () => {
  const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', 'name'], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'agent.agent.flokoa.ai/good-agent');
  for (const l of [
    'model.agent.flokoa.ai/shared-gpt-4o',
    'modelprovider.agent.flokoa.ai/openai-provider',
    'secret/openai-credentials',
    'agenttool.agent.flokoa.ai/weather-api',
    'service/weather-svc',
  ])
    assert.ok(lines.includes(l), `${l} in\n${r.stdout}`);
  assert.equal(new Set(lines).size, lines.length, 'each object once');
  // Names kubectl reads back: `kubectl get` takes each line.
  const got = await run(['get', lines[0], '-n', 'my-app', '-o', 'name'], { env: c.env });
  assert.equal(got.stdout, `${lines[0]}\n`);
  const rev = await flokoa(['refs', '--reverse', 'secret/agent-secrets', '-n', 'my-app', '-o', 'name'], { env: c.env });
  assert.equal(rev.code, 0, rev.stderr);
  assert.match(rev.stdout, /^(agent\.agent\.flokoa\.ai\/[\w-]+\n)+$/);
  assert.ok(rev.stdout.includes('agent.agent.flokoa.ai/good-agent\n'));
  // A user who may not list some kinds: the names, and on stderr where dependents may hide.
  const partial = await flokoa(['refs', '--reverse', 'secret/agent-secrets', '-n', 'my-app', '-o', 'name', '--context', 'alice'], {
    env: c.env,
  });
  assert.match(partial.stdout, /^(agent\.agent\.flokoa\.ai\/[\w-]+\n)+$/);
  assert.match(partial.stderr, /^warning: may not list agentworkflows in namespace "my-app": dependents there are not shown$/m);
  const none = await flokoa(['refs', '-n', 'default', '-o', 'name'], { env: c.env });
  assert.equal(none.stdout, '', 'no objects: nothing on stdout');
  assert.equal(none.stderr, 'No agents found in default namespace.\n');
});

test('refs -o jsonpath=… / jsonpath-file=…: the template over what -o json prints, no newline added', async () => {
  const tpl = '{range .roots[*].references[*]}{.kind}/{.name}={.state}{"\\n"}{end}';
  const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', `jsonpath=${tpl}`], { env: c.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Model\/shared-gpt-4o=ok\n/);
  assert.match(r.stdout, /AgentTool\/weather-api=ok\n/);
  const one = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', 'jsonpath={.roots[0].name}'], { env: c.env });
  assert.equal(one.stdout, 'good-agent');
  const file = join(mkdtempSync(join(tmpdir(), 'kf-jp-')), 'tpl.txt');
  writeFileSync(file, tpl);
  const fromFile = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', `jsonpath-file=${file}`], { env: c.env });
  assert.equal(fromFile.stdout, r.stdout);
  const broken = await flokoa(['refs', 'broken-agent', '-n', 'my-app', '-o', 'jsonpath={.summary.broken}'], { env: c.env });
  assert.match(broken.stdout, /^[1-9]\d*$/);
  assert.equal(broken.code, 1, 'a broken reference still fails, whatever the format');
});

test('refs -o: bad templates and formats are one line, exit 1, before any request', async () => {
  const before = c.requests();
  const cases: [string, string][] = [
    ['jsonpath={.roots[', 'error: error parsing jsonpath {.roots[, unterminated array\n'],
    ['jsonpath=', 'error: template format specified but no template given\n'],
    ['jsonpath-file=/nonexistent/tpl', 'error: error reading --template /nonexistent/tpl: no such file or directory\n'],
    ['table', 'error: invalid argument "table" for "-o" flag: must be one of tree|wide|name|json|yaml|jsonpath=|jsonpath-file=\n'],
  ];
  for (const [format, stderr] of cases) {
    const r = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', format], { env: c.env });
    assert.equal(r.code, 1, format);
    assert.equal(r.stderr, stderr);
    assert.equal(r.stdout, '');
  }
  assert.equal(c.requests(), before, 'nothing was sent');
  const late = await flokoa(['refs', 'good-agent', '-n', 'my-app', '-o', 'jsonpath={.roots[5]}'], { env: c.env });
  assert.equal(late.code, 1);
  assert.equal(
    late.stderr,
    'error: error executing jsonpath "{.roots[5]}": Error executing template: array index out of bounds: index 5, length 1\n',
  );
});
