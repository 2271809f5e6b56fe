// The API's wire behaviour, request by request: Status errors and their codes, preconditions,
// dry run, pagination, discovery negotiation, watch (bookmarks, selector transitions, 410
// Expired, timeouts) and fault injection.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Harness } from './harness.js';
import { http, startHarness, watchStream } from './harness.js';

let h: Harness;
const CM = '/api/v1/namespaces/default/configmaps';

before(async () => {
  h = await startHarness({ bookmarkIntervalMs: 50 });
});
after(async () => h.stop());

describe('errors', () => {
  test('401 without a valid token, 403 with the RBAC message, 404 with details', async () => {
    const none = await http(h, 'GET', CM, { token: '' });
    assert.equal(none.status, 401);
    assert.equal(none.json().reason, 'Unauthorized');
    const alice = await http(h, 'GET', `${CM}/x`, { token: 'tok-alice' });
    assert.equal(alice.status, 403);
    assert.equal(
      alice.json().message,
      'configmaps "x" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default"',
    );
    assert.deepEqual(alice.json().details, { name: 'x', kind: 'configmaps' });
    const missing = await http(h, 'GET', '/apis/agent.flokoa.ai/v1alpha1/namespaces/default/agents/nope');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'agents.agent.flokoa.ai "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'agent.flokoa.ai', kind: 'agents' },
      code: 404,
    });
    const cluster = await http(h, 'GET', '/api/v1/namespaces', { token: 'tok-bob' });
    assert.match(cluster.json().message, /cannot list resource "namespaces" in API group "" at the cluster scope/);
    assert.equal((await http(h, 'GET', '/apis/nope.example/v1/things')).status, 404);
  });

  test('409 AlreadyExists and Conflict on a stale resourceVersion; 422 with causes', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: '1' } };
    const created = await http(h, 'POST', CM, { body });
    assert.equal(created.status, 201);
    const dup = await http(h, 'POST', CM, { body });
    assert.equal(dup.status, 409);
    assert.equal(dup.json().reason, 'AlreadyExists');
    const rv = created.json().metadata.resourceVersion;
    const upd = await http(h, 'PUT', `${CM}/c1`, { body: { ...created.json(), data: { a: '2' } } });
    assert.equal(upd.status, 200);
    assert.ok(Number(upd.json().metadata.resourceVersion) > Number(rv));
    const stale = await http(h, 'PUT', `${CM}/c1`, { body: { ...created.json(), data: { a: '3' } } });
    assert.equal(stale.status, 409);
    assert.equal(stale.json().reason, 'Conflict');
    assert.equal(
      stale.json().message,
      'Operation cannot be fulfilled on configmaps "c1": the object has been modified; please apply your changes to the latest version and try again',
    );
    const bad = await http(h, 'POST', '/apis/agent.flokoa.ai/v1alpha1/namespaces/default/models', {
      body: { apiVersion: 'agent.flokoa.ai/v1alpha1', kind: 'Model', metadata: { name: 'm' }, spec: { parameters: { maxTokens: 'many' } } },
    });
    assert.equal(bad.status, 422);
    const s = bad.json();
    assert.equal(s.reason, 'Invalid');
    assert.deepEqual(
      s.details.causes.map((c: any) => [c.reason, c.field]),
      [
        ['FieldValueRequired', 'spec.model'],
        ['FieldValueRequired', 'spec.providerRef'],
        ['FieldValueTypeInvalid', 'spec.parameters.maxTokens'],
      ],
    );
    assert.match(
      s.message,
      /^Model.agent.flokoa.ai "m" is invalid: \[spec.model: Required value, spec.providerRef: Required value, spec.parameters.maxTokens: Invalid value: "string": spec.parameters.maxTokens in body must be of type integer: "string"\]$/,
    );
  });

  test('unknown fields are pruned (with a warning) and generation follows the spec', async () => {
    const r = await http(h, 'POST', '/apis/agent.flokoa.ai/v1alpha1/namespaces/default/agenttools', {
      body: {
        apiVersion: 'agent.flokoa.ai/v1alpha1',
        kind: 'AgentTool',
        metadata: { name: 't' },
        spec: { type: 'openapi', description: 'd', colour: 'red' },
      },
    });
    assert.equal(r.status, 201);
    assert.equal(r.json().spec.colour, undefined);
    assert.match(String(r.headers.warning), /unknown field \\"spec.colour\\"/);
    assert.equal(r.json().metadata.generation, 1);
    const p = await http(h, 'PATCH', '/apis/agent.flokoa.ai/v1alpha1/namespaces/default/agenttools/t', {
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(p.json().metadata.generation, 1);
    const q = await http(h, 'PATCH', '/apis/agent.flokoa.ai/v1alpha1/namespaces/default/agenttools/t', {
      body: { spec: { description: 'e' } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(q.json().metadata.generation, 2);
  });

  test('the status subresource: PUT /status changes only status, the main resource never changes status', async () => {
    // A CRD of our own: no simulated controller writes its status behind the test's back.
    const crd = await http(h, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: { type: 'object', properties: { type: { type: 'string' }, description: { type: 'string' } } },
                    status: { type: 'object', properties: { phase: { type: 'string' } } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    assert.equal(crd.status, 201);
    const base = '/apis/example.com/v1/namespaces/default/widgets';
    const created = (
      await http(h, 'POST', base, {
        body: {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'st' },
          spec: { type: 'openapi', description: 'd' },
          status: { phase: 'Bogus' },
        },
      })
    ).json();
    assert.equal(created.status, undefined, 'status in a create is dropped');
    const viaStatus = (
      await http(h, 'PUT', `${base}/st/status`, {
        body: { ...created, spec: { type: 'openapi', description: 'changed' }, status: { phase: 'Ready' } },
      })
    ).json();
    assert.equal(viaStatus.status.phase, 'Ready');
    assert.equal(viaStatus.spec.description, 'd');
    assert.equal(viaStatus.metadata.generation, 1);
    const viaMain = (
      await http(h, 'PUT', `${base}/st`, { body: { ...viaStatus, spec: { type: 'openapi', description: 'e' }, status: { phase: 'Nope' } } })
    ).json();
    assert.equal(viaMain.status.phase, 'Ready');
    assert.equal(viaMain.spec.description, 'e');
    assert.equal(viaMain.metadata.generation, 2);
    const patched = (
      await http(h, 'PATCH', `${base}/st/status`, { body: { status: { phase: 'Failed' } }, contentType: 'application/merge-patch+json' })
    ).json();
    assert.equal(patched.status.phase, 'Failed');
    assert.equal((await http(h, 'DELETE', `${base}/st`)).json().status, 'Success');
    assert.equal((await http(h, 'PUT', `${base}`, { body: {} })).status, 405);
    await http(h, 'POST', base, { body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2' } } });
    assert.equal((await http(h, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')).status, 200);
    assert.equal(h.sim.store.count('example.com/widgets'), 0, 'deleting a CRD deletes its objects');
    assert.equal((await http(h, 'GET', base)).status, 404);
  });

  test('dryRun=All validates and returns the result but stores nothing', async () => {
    const r = await http(h, 'POST', `${CM}?dryRun=All`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } } });
    assert.equal(r.status, 201);
    assert.equal(r.json().metadata.name, 'dry');
    assert.equal((await http(h, 'GET', `${CM}/dry`)).status, 404);
  });
});

describe('reads', () => {
  test('aggregated discovery when asked for, legacy otherwise', async () => {
    const agg = await http(h, 'GET', '/apis', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const flokoa = agg.json().items.find((i: any) => i.metadata.name === 'agent.flokoa.ai');
    const agents = flokoa.versions[0].resources.find((r: any) => r.resource === 'agents');
    assert.deepEqual(
      agents.subresources.map((s: any) => s.subresource),
      ['status'],
    );
    const legacy = await http(h, 'GET', '/apis/agent.flokoa.ai/v1alpha1');
    assert.equal(legacy.json().kind, 'APIResourceList');
    assert.ok(legacy.json().resources.some((r: any) => r.name === 'agents/status'));
    assert.equal((await http(h, 'GET', '/version', { token: '' })).json().gitVersion.startsWith('v1.32'), true);
  });

  test('list pagination with limit and continue', async () => {
    for (let i = 0; i < 5; i++)
      await http(h, 'POST', CM, {
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `page-${i}`, labels: { page: 'yes' } } },
      });
    const first = (await http(h, 'GET', `${CM}?labelSelector=page%3Dyes&limit=2`)).json();
    assert.equal(first.items.length, 2);
    assert.equal(first.metadata.remainingItemCount, 3);
    const names = first.items.map((o: any) => o.metadata.name);
    let cont = first.metadata.continue;
    while (cont) {
      const next = (await http(h, 'GET', `${CM}?labelSelector=page%3Dyes&limit=2&continue=${cont}`)).json();
      names.push(...next.items.map((o: any) => o.metadata.name));
      cont = next.metadata.continue;
    }
    assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
  });
});

describe('watch', () => {
  test('resumes from a resourceVersion, sends bookmarks, and DELETED when an object leaves the selector', async () => {
    const start = (await http(h, 'GET', CM)).json().metadata.resourceVersion;
    await http(h, 'POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', labels: { watch: 'me' } } } });
    const w = watchStream(h, `${CM}?watch=1&resourceVersion=${start}&labelSelector=watch%3Dme&allowWatchBookmarks=true`);
    try {
      const added = await w.next((e) => e.type === 'ADDED');
      assert.equal(added.object.metadata.name, 'w1');
      const bm = await w.next((e) => e.type === 'BOOKMARK');
      assert.equal(bm.object.kind, 'ConfigMap');
      assert.ok(Number(bm.object.metadata.resourceVersion) >= Number(added.object.metadata.resourceVersion));
      await http(h, 'PATCH', `${CM}/w1`, { body: { metadata: { labels: { watch: 'no' } } }, contentType: 'application/merge-patch+json' });
      const gone = await w.next((e) => e.type === 'DELETED');
      assert.equal(gone.object.metadata.labels.watch, 'no');
    } finally {
      w.close();
    }
  });

  test('a named watch with fieldSelector, ending after timeoutSeconds', async () => {
    const w = watchStream(h, `${CM}?watch=true&fieldSelector=metadata.name%3Dw1&timeoutSeconds=1`);
    const first = await w.next();
    assert.equal(first.type, 'ADDED');
    await w.ended;
    assert.ok(w.events.every((e) => e.object.metadata.name === 'w1'));
  });

  test('410 Expired when the resourceVersion is no longer in the history', async () => {
    const rv = (await http(h, 'GET', CM)).json().metadata.resourceVersion;
    await http(h, 'POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-rv' } } });
    h.sim.expireResourceVersions();
    const w = watchStream(h, `${CM}?watch=1&resourceVersion=${rv}`);
    const e = await w.next();
    assert.equal(e.type, 'ERROR');
    assert.equal(e.object.code, 410);
    assert.equal(e.object.reason, 'Expired');
    await w.ended;
  });
});

describe('fault injection', () => {
  test('throttling answers 429 with Retry-After, errors answer 500, latency delays', async () => {
    h.sim.faults = { throttleRate: 1, retryAfterSeconds: 3 };
    const t = await http(h, 'GET', CM);
    assert.equal(t.status, 429);
    assert.equal(t.headers['retry-after'], '3');
    assert.equal(t.json().details.retryAfterSeconds, 3);
    assert.equal((await http(h, 'GET', '/api')).status, 200, 'discovery is spared');
    h.sim.faults = { errorRate: 1 };
    const e = await http(h, 'GET', CM);
    assert.equal(e.status, 500);
    assert.equal(e.json().reason, 'InternalError');
    h.sim.faults = { watchTimeoutSeconds: 0.05 };
    const w = watchStream(h, `${CM}?watch=1`);
    await w.ended;
    h.sim.faults = {};
    assert.equal((await http(h, 'GET', CM)).status, 200);
  });

  test('requests are counted by verb and resource', async () => {
    h.sim.requests.reset();
    await http(h, 'GET', CM);
    await http(h, 'GET', `${CM}/w1`);
    assert.equal(h.sim.requests.count, 2);
    assert.deepEqual(h.sim.requests.byVerb, { list: 1, get: 1 });
    assert.equal(h.sim.requests.byResource['list configmaps'], 1);
    await http(h, 'GET', '/apis');
    assert.equal(h.sim.requests.count, 3);
    assert.equal(h.sim.requests.resourceCount, 2, 'discovery is not a resource request');
    assert.deepEqual(
      h.sim.requests.log.map((r) => [r.verb, r.resource ?? r.path, r.code]),
      [
        ['list', 'configmaps', 200],
        ['get', 'configmaps', 200],
        ['get', '/apis', 200],
      ],
    );
  });
});
