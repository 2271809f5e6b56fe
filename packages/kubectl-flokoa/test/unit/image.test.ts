import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageRepository, parseImageReference, validateImageReference } from '../../src/image.js';

const DIGEST = 'sha256:' + 'a'.repeat(64);

test('image references: the distribution grammar', () => {
  const cases: [string, { domain: string; path: string; tag?: string; digest?: string } | RegExp][] = [
    ['nginx:1.25', { domain: '', path: 'nginx', tag: '1.25' }],
    ['ghcr.io/example/my-agent:v1.0.0', { domain: 'ghcr.io', path: 'example/my-agent', tag: 'v1.0.0' }],
    ['localhost:5000/agent:dev_1', { domain: 'localhost:5000', path: 'agent', tag: 'dev_1' }],
    ['registry.example.com:443/team/a/b:1', { domain: 'registry.example.com:443', path: 'team/a/b', tag: '1' }],
    [`ghcr.io/x/y@${DIGEST}`, { domain: 'ghcr.io', path: 'x/y', digest: DIGEST }],
    [`ghcr.io/x/y:v2@${DIGEST}`, { domain: 'ghcr.io', path: 'x/y', tag: 'v2', digest: DIGEST }],
    ['[::1]:5000/img:v1', { domain: '[::1]:5000', path: 'img', tag: 'v1' }],
    ['my_org/my__img:v1', { domain: '', path: 'my_org/my__img', tag: 'v1' }],
    ['a--b/c:v1', { domain: '', path: 'a--b/c', tag: 'v1' }],
    ['', /empty/],
    ['Nginx:1', /lowercase/],
    ['ghcr.io/Example/agent:v1', /lowercase/],
    ['ghcr.io/x/:v1', /empty path component/],
    ['ghcr.io/x/y:', /invalid tag/],
    ['ghcr.io/x/y:-bad', /invalid tag/],
    ['ghcr.io/x/y:' + 'a'.repeat(129), /invalid tag/],
    ['ghcr.io/x/y@sha256:abc', /digest/],
    ['ghcr.io/x/y@sha256:' + 'a'.repeat(63), /digest/],
    ['-x/y:1', /invalid path component/],
    ['ghcr.io/x/y z:1', /whitespace/],
    ['host:port/x:1', /invalid registry port/],
    ['ghcr.io/x/y.:1', /invalid path component/],
    ['ghcr.io/x/' + 'a'.repeat(260) + ':1', /longer than 255/],
  ];
  for (const [input, want] of cases) {
    const got = parseImageReference(input);
    if (want instanceof RegExp) {
      assert.equal(got.ok, false, `${input} should be rejected`);
      if (!got.ok) assert.match(got.error, want, input);
    } else {
      assert.equal(got.ok, true, `${input}: ${!got.ok ? got.error : ''}`);
      if (got.ok) assert.deepEqual(got.ref, want, input);
    }
  }
});

test('image policy: latest and untagged are refused unless allowed; digests are pinned', () => {
  const cases: [string, boolean, boolean | RegExp][] = [
    ['ghcr.io/x/y:v1', false, true],
    ['ghcr.io/x/y:latest', false, /:latest tag/],
    ['ghcr.io/x/y', false, /has no tag/],
    ['localhost:5000/y', false, /has no tag/],
    [`ghcr.io/x/y@${DIGEST}`, false, true],
    [`ghcr.io/x/y:latest@${DIGEST}`, false, true],
    ['ghcr.io/x/y:latest', true, true],
    ['ghcr.io/x/y', true, true],
  ];
  for (const [input, allowLatest, want] of cases) {
    const got = validateImageReference(input, { allowLatest });
    if (want === true) assert.equal(got.ok, true, `${input}: ${!got.ok ? got.error : ''}`);
    else {
      assert.equal(got.ok, false, input);
      if (!got.ok && want instanceof RegExp) {
        assert.match(got.error, want);
        assert.match(got.error, /--allow-latest/);
      }
    }
  }
});

test('imageRepository: where an image comes from, as the runtime resolves short names', () => {
  assert.equal(imageRepository('my-agent:v1'), 'docker.io/library/my-agent');
  assert.equal(imageRepository('example/my-agent:v1'), 'docker.io/example/my-agent');
  assert.equal(imageRepository('index.docker.io/example/my-agent@sha256:' + 'a'.repeat(64)), 'docker.io/example/my-agent');
  assert.equal(imageRepository('ghcr.io/example/my-agent:v2'), 'ghcr.io/example/my-agent');
  assert.equal(imageRepository('localhost:5000/agent'), 'localhost:5000/agent');
  assert.equal(imageRepository('Not Valid'), undefined);
});
