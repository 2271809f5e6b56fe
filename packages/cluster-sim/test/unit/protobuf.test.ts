import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeKubernetesProtobuf } from '../../src/api/protobuf.js';
import { ApiError } from '../../src/errors.js';

// A minimal protobuf writer, enough to build the bodies kubectl's typed clients send.
type F = [no: number, v: string | number | boolean | Buffer | F[]];
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
function msg(fields: F[]): Buffer {
  return Buffer.concat(
    fields.map(([no, v]) => {
      if (typeof v === 'number' || typeof v === 'boolean') return Buffer.concat([varint(no << 3), varint(Number(v))]);
      const body = Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v) : msg(v);
      return Buffer.concat([varint((no << 3) | 2), varint(body.length), body]);
    }),
  );
}
function envelope(apiVersion: string, kind: string, raw: F[]): Buffer {
  return Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    msg([
      [
        1,
        [
          [1, apiVersion],
          [2, kind],
        ],
      ],
      [2, msg(raw)],
    ]),
  ]);
}

test('decodes the protobuf bodies of kubectl auth can-i and kubectl create', () => {
  const ssar = decodeKubernetesProtobuf(
    envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', [
      [1, []],
      [
        2,
        [
          [
            1,
            [
              [1, 'my-app'],
              [2, 'get'],
              [3, 'agent.flokoa.ai'],
              [5, 'agents'],
            ],
          ],
        ],
      ],
    ]),
  );
  assert.deepEqual(ssar, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: { resourceAttributes: { namespace: 'my-app', verb: 'get', group: 'agent.flokoa.ai', resource: 'agents' } },
  });
  const secret = decodeKubernetesProtobuf(
    envelope('v1', 'Secret', [
      [
        1,
        [
          [1, 's'],
          [3, 'ns'],
          [
            11,
            [
              [1, 'a'],
              [2, 'b'],
            ],
          ],
        ],
      ],
      [
        2,
        [
          [1, 'key'],
          [2, Buffer.from('value')],
        ],
      ],
      [3, 'Opaque'],
    ]),
  );
  assert.deepEqual(secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'ns', labels: { a: 'b' } },
    data: { key: Buffer.from('value').toString('base64') },
    type: 'Opaque',
  });
  const rb = decodeKubernetesProtobuf(
    envelope('rbac.authorization.k8s.io/v1', 'RoleBinding', [
      [1, [[1, 'rb']]],
      [
        2,
        [
          [1, 'Group'],
          [3, 'devs'],
        ],
      ],
      [
        2,
        [
          [1, 'ServiceAccount'],
          [3, 'sa'],
          [4, 'ns'],
        ],
      ],
      [
        3,
        [
          [1, 'rbac.authorization.k8s.io'],
          [2, 'ClusterRole'],
          [3, 'view'],
        ],
      ],
    ]),
  );
  assert.deepEqual(rb.subjects, [
    { kind: 'Group', name: 'devs' },
    { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' },
  ]);
  assert.deepEqual(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
});

test('anything else is 415, never a crash', () => {
  for (const body of [
    Buffer.from('{"json":true}'),
    envelope('v1', 'Pod', [[1, [[1, 'p']]]]),
    Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x0a, 0xff])]),
  ]) {
    assert.throws(
      () => decodeKubernetesProtobuf(body),
      (e: unknown) => e instanceof ApiError && e.code === 415,
    );
  }
});
