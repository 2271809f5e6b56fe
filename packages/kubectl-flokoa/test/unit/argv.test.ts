import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgv } from '../../src/cli/argv.js';
import { COMMANDS, GLOBAL_FLAGS } from '../../src/cli/commands.js';

const parse = (line: string) => parseArgv(line.split(' ').filter(Boolean), COMMANDS, GLOBAL_FLAGS);
const flagsOf = (line: string) => Object.fromEntries(parse(line).flags);

test('argv: commands, positionals and flags in pflag style', () => {
  const cases: [string, string, string[], Record<string, string | string[]>][] = [
    ['refs', 'refs', [], {}],
    ['refs my-agent -n my-app', 'refs', ['my-agent'], { namespace: 'my-app' }],
    ['-n my-app refs my-agent', 'refs', ['my-agent'], { namespace: 'my-app' }],
    ['refs -nmy-app -A', 'refs', [], { namespace: 'my-app', 'all-namespaces': 'true' }],
    ['refs --namespace=x -o json', 'refs', [], { namespace: 'x', output: 'json' }],
    ['refs -ojson', 'refs', [], { output: 'json' }],
    ['refs -f a.yaml -f dir -R', 'refs', [], { filename: ['a.yaml', 'dir'], recursive: 'true' }],
    ['refs -AR', 'refs', [], { 'all-namespaces': 'true', recursive: 'true' }],
    ['patch-image a img:v1 --dry-run=server', 'patch-image', ['a', 'img:v1'], { 'dry-run': 'server' }],
    ['patch-image a img:v1 --dry-run', 'patch-image', ['a', 'img:v1'], { 'dry-run': 'client' }],
    ['patch-image a img:v1 -w --timeout 2m', 'patch-image', ['a', 'img:v1'], { watch: 'true', timeout: '2m' }],
    ['rollout status a --watch=false', 'rollout status', ['a'], { watch: 'false' }],
    ['rollout undo a --to-revision 3', 'rollout undo', ['a'], { 'to-revision': '3' }],
    ['rollout', 'rollout', [], {}],
    [
      'refs --kubeconfig /k --context c --cluster cl --user u -s https://h --token t --request-timeout 5s',
      'refs',
      [],
      {
        kubeconfig: '/k',
        context: 'c',
        cluster: 'cl',
        user: 'u',
        server: 'https://h',
        token: 't',
        'request-timeout': '5s',
      },
    ],
    ['refs -- -weird-name', 'refs', ['-weird-name'], {}],
  ];
  for (const [line, cmd, positionals, flags] of cases) {
    const p = parse(line);
    assert.equal(p.command?.path.join(' '), cmd, line);
    assert.deepEqual(p.positionals, positionals, line);
    assert.deepEqual(flagsOf(line), flags, line);
  }
});

test('argv: errors say what is wrong in one line', () => {
  const cases: [string, RegExp][] = [
    ['refs --nope', /unknown flag: --nope/],
    ['refs -z', /unknown shorthand flag: 'z'/],
    ['refs -o xml', /invalid argument "xml" for "-o" flag: must be one of tree\|wide\|name\|json\|yaml\|jsonpath=\|jsonpath-file=/],
    ['refs -n', /flag needs an argument/],
    ['refs --namespace', /flag needs an argument: --namespace/],
    ['refs --check-rbac=maybe', /expected true or false/],
    ['rollout undo a --to-revision x', /expected an integer/],
    ['refs --dry-run=server', /unknown flag: --dry-run for "kubectl flokoa refs"/],
    ['patch-image a b --dry-run=both', /must be one of none\|server\|client/],
  ];
  for (const [line, want] of cases) assert.throws(() => parse(line), want, line);
});

test('argv: help anywhere, unknown commands reported', () => {
  assert.equal(parse('refs --help').help, true);
  assert.equal(parse('rollout status -h').command?.path.join(' '), 'rollout status');
  assert.equal(parse('frobnicate').unknownCommand, 'frobnicate');
});
