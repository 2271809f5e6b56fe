import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/errors.js';
import { applyJsonPatch } from '../../src/patch/json-patch.js';
import { applyMergePatch } from '../../src/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../../src/patch/strategic-merge.js';

const DOC = { spec: { image: 'a:v1', list: [1, 2], nested: { x: 1 } } };

test('JSON patch operations (RFC 6902)', () => {
  const cases: [string, unknown[], unknown][] = [
    ['replace', [{ op: 'replace', path: '/spec/image', value: 'a:v2' }], { spec: { ...DOC.spec, image: 'a:v2' } }],
    [
      'test then replace',
      [
        { op: 'test', path: '/spec/image', value: 'a:v1' },
        { op: 'replace', path: '/spec/image', value: 'b' },
      ],
      { spec: { ...DOC.spec, image: 'b' } },
    ],
    ['add to a list end', [{ op: 'add', path: '/spec/list/-', value: 3 }], { spec: { ...DOC.spec, list: [1, 2, 3] } }],
    ['insert in a list', [{ op: 'add', path: '/spec/list/0', value: 0 }], { spec: { ...DOC.spec, list: [0, 1, 2] } }],
    ['remove', [{ op: 'remove', path: '/spec/nested' }], { spec: { image: 'a:v1', list: [1, 2] } }],
    ['move', [{ op: 'move', from: '/spec/image', path: '/spec/old' }], { spec: { list: [1, 2], nested: { x: 1 }, old: 'a:v1' } }],
    ['copy', [{ op: 'copy', from: '/spec/nested', path: '/spec/n2' }], { spec: { ...DOC.spec, n2: { x: 1 } } }],
    ['escaped keys', [{ op: 'add', path: '/spec/a~1b', value: 1 }], { spec: { ...DOC.spec, 'a/b': 1 } }],
  ];
  for (const [name, patch, want] of cases) assert.deepEqual(applyJsonPatch(DOC, patch), want, name);
  assert.deepEqual(DOC.spec.list, [1, 2], 'the input is not mutated');
});

test('JSON patch failures are 422 without detail, as the API server answers', () => {
  const failing: unknown[][] = [
    [{ op: 'test', path: '/spec/image', value: 'other' }],
    [{ op: 'replace', path: '/spec/missing/deeper', value: 1 }],
    [{ op: 'replace', path: '/spec/missing', value: 1 }],
    [{ op: 'remove', path: '/spec/list/5' }],
    [{ op: 'nope', path: '/spec' }],
  ];
  for (const patch of failing) {
    assert.throws(
      () => applyJsonPatch(DOC, patch),
      (e: unknown) =>
        e instanceof ApiError &&
        e.code === 422 &&
        e.message === 'the server rejected our request due to an error in our request' &&
        !e.details?.causes,
      JSON.stringify(patch),
    );
  }
  assert.throws(
    () => applyJsonPatch(DOC, { op: 'add' }),
    (e: unknown) => e instanceof ApiError && e.code === 400,
  );
});

test('merge patch (RFC 7386)', () => {
  assert.deepEqual(applyMergePatch(DOC, { spec: { image: null, nested: { y: 2 }, list: [9] } }), {
    spec: { list: [9], nested: { x: 1, y: 2 } },
  });
});

test('strategic merge patch: lists merge by their patch merge key', () => {
  const dep = {
    metadata: { finalizers: ['a'] },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'a:v1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, name: 'http' }] },
            { name: 'side', image: 's:v1' },
          ],
          volumes: [{ name: 'v', emptyDir: {} }],
          tolerations: [{ key: 'x' }],
        },
      },
    },
  };
  const cases: [string, unknown, (o: any) => unknown, unknown][] = [
    [
      'container merged by name',
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'a:v2' }] } } } },
      (o) => o.spec.template.spec.containers.map((c: any) => [c.name, c.image, c.env?.length]),
      [
        ['app', 'a:v2', 1],
        ['side', 's:v1', undefined],
      ],
    ],
    [
      'env merged by name',
      { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }] }] } } } },
      (o) => o.spec.template.spec.containers[0].env,
      [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    ],
    [
      'ports by containerPort',
      { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } } } },
      (o) => o.spec.template.spec.containers[0].ports,
      [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
    ],
    [
      '$patch: delete removes an item',
      { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } },
      (o) => o.spec.template.spec.containers.map((c: any) => c.name),
      ['app'],
    ],
    [
      'lists without a key are replaced',
      { spec: { template: { spec: { tolerations: [{ key: 'y' }] } } } },
      (o) => o.spec.template.spec.tolerations,
      [{ key: 'y' }],
    ],
    [
      '$setElementOrder reorders',
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }] } } } },
      (o) => o.spec.template.spec.containers.map((c: any) => c.name),
      ['side', 'app'],
    ],
    ['finalizers merge as a set', { metadata: { finalizers: ['b', 'a'] } }, (o) => o.metadata.finalizers, ['a', 'b']],
    ['$deleteFromPrimitiveList', { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, (o) => o.metadata.finalizers, []],
    ['null deletes a key', { spec: { template: { spec: { volumes: null } } } }, (o) => o.spec.template.spec.volumes, undefined],
    [
      '$patch: replace on a map',
      { spec: { template: { spec: { $patch: 'replace', containers: [{ name: 'only', image: 'o' }] } } } },
      (o) => Object.keys(o.spec.template.spec),
      ['containers'],
    ],
  ];
  for (const [name, patch, pick, want] of cases) assert.deepEqual(pick(applyStrategicMergePatch('Deployment', dep, patch)), want, name);
  const svc = applyStrategicMergePatch(
    'Service',
    { spec: { ports: [{ port: 80, name: 'a' }] } },
    { spec: { ports: [{ port: 443, name: 'b' }] } },
  ) as any;
  assert.deepEqual(
    svc.spec.ports.map((p: any) => p.port),
    [80, 443],
  );
});
