// The views' model with a live cluster, over LSP stdio against cluster-sim: the connection's state
// (flokoa/clusterStatus), Agents only the cluster has, what each Agent runs (its Deployment and
// pods, flokoa/liveState), live objects (flokoa/liveObject, Secrets as metadata only), live
// referrers, and the last state seen kept, marked stale, while the cluster is gone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClusterSim } from '@flokoa/cluster-sim';
import { FIXTURES, TestClient } from '../client.js';
import {
  AGENTS_REQUEST,
  CLUSTER_STATUS_NOTIFICATION,
  LIVE_OBJECT_REQUEST,
  LIVE_STATE_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  REFERRERS_REQUEST,
  type AgentsResult,
  type ChainLink,
  type ClusterStatus,
  type LiveObjectResult,
  type LiveStateResult,
  type ReferrersResult,
} from '../../src/protocol.js';

const fixtures = join(FIXTURES, 'cluster-server');
const FLOKOA = 'agent.flokoa.ai';
const key = (kind: string, name: string) => ({ group: kind === 'Secret' ? '' : FLOKOA, kind, namespace: 'shop', name });
const flat = (chain: ChainLink[]): ChainLink[] => chain.flatMap((l) => [l, ...flat(l.children)]);

/** Asks `ask` again after each flokoa/modelChanged until `ok` accepts the answer. */
async function until<T>(lsp: TestClient, ask: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const seen = lsp.notifLog.length;
    const v = await ask();
    if (ok(v)) return v;
    await lsp.notification(MODEL_CHANGED_NOTIFICATION, () => lsp.notifLog.length > seen);
  }
}

describe('the views with a live cluster', () => {
  let work: string;
  let sim: { kubeconfig: string; stop(): Promise<void> };
  let lsp: TestClient;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'flokoa-ls-live-'));
    const kubeconfig = join(work, 'kubeconfig');
    const s = await startClusterSim({
      port: 0,
      kubeconfigPath: kubeconfig,
      fixtures: ['objects.yaml', 'live-agent.yaml', 'reviewer-agent.yaml'].map((f) => join(fixtures, 'cluster', f)),
      readyDelayMs: 200,
    });
    sim = { kubeconfig, stop: () => s.stop() };
    lsp = await TestClient.start({ root: join(fixtures, 'workspace'), settings: { cluster: { enabled: true, kubeconfig } } });
  });
  after(async () => {
    await lsp?.shutdown();
    await sim?.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  test('flokoa/clusterStatus says connecting, then connected with the context and server', async () => {
    const connected = (await lsp.notification(
      CLUSTER_STATUS_NOTIFICATION,
      (p) => (p as ClusterStatus).state === 'connected',
    )) as ClusterStatus;
    assert.equal(connected.state === 'connected' && connected.context, 'sim-admin');
    assert.match(connected.state === 'connected' ? connected.server : '', /^https:\/\/127\.0\.0\.1:\d+$/);
    const states = lsp.notifLog.filter((n) => n.method === CLUSTER_STATUS_NOTIFICATION).map((n) => (n.params as ClusterStatus).state);
    assert.deepEqual(states.slice(0, 2), ['connecting', 'connected']);
  });

  test('flokoa/agents: file Agents and the one only in the cluster; links found only in the cluster say so', async () => {
    const { agents } = await until(
      lsp,
      () => lsp.request<AgentsResult>(AGENTS_REQUEST, {}),
      (r) => r.agents.some((a) => a.key.name === 'reviewer') && r.agents.some((a) => a.live),
    );
    assert.deepEqual(
      agents.map((a) => `${a.key.name} ${a.definition.in}${a.live ? ' live' : ''}`),
      ['drafter file', 'planner file live', 'reviewer cluster live'],
    );
    const planner = agents.find((a) => a.key.name === 'planner')!;
    assert.equal(planner.image, 'ghcr.io/example/planner:v1.0.0', "the file's image, not the cluster's");
    const [model, provider, secret] = flat(planner.chain);
    assert.deepEqual(model.definition, { in: 'cluster', context: 'sim-admin' });
    assert.equal(provider.status, 'found');
    // The cluster was asked and has no such Secret: the pods would not start.
    assert.deepEqual([secret.target.name, secret.status, secret.problem], ['openai-credentials', 'missing', 'broken']);
    assert.equal(planner.broken, 1);
    const drafter = agents.find((a) => a.key.name === 'drafter')!;
    assert.equal(drafter.broken, 1, 'nowhere-model');
  });

  test('flokoa/liveState: the Agent, the Deployment the operator made and its pods, without container env values', async () => {
    const state = await until(
      lsp,
      () => lsp.request<LiveStateResult>(LIVE_STATE_REQUEST, { keys: [key('Agent', 'reviewer')] }),
      (s) => s.agents[0]?.pods.length === 2 && (s.agents[0].deployment?.status as { availableReplicas?: number })?.availableReplicas === 2,
    );
    assert.equal(state.context, 'sim-admin');
    assert.equal(state.stale, false);
    const reviewer = state.agents[0];
    assert.deepEqual(reviewer.key, key('Agent', 'reviewer'));
    assert.equal(reviewer.agent.metadata.managedFields, undefined);
    const template = (reviewer.deployment?.spec as { template: { spec: { containers: { image: string; env?: unknown }[] } } }).template;
    assert.equal(template.spec.containers[0].image, 'ghcr.io/example/reviewer:v2.0.0');
    for (const p of reviewer.pods) assert.equal((p.spec as { containers: { env?: unknown }[] }).containers[0].env, undefined);
  });

  test('flokoa/liveObject: a live object as the cluster has it; null for what the cluster does not have', async () => {
    const model = await lsp.request<LiveObjectResult | null>(LIVE_OBJECT_REQUEST, { key: key('Model', 'cluster-model') });
    assert.equal(model?.context, 'sim-admin');
    assert.equal((model?.object.spec as { model: string }).model, 'gpt-4o');
    assert.equal(await lsp.request(LIVE_OBJECT_REQUEST, { key: key('Model', 'nowhere-model') }), null);
  });

  test('flokoa/referrers: a live Agent no file defines is a referrer, from the cluster; one in a file is listed once', async () => {
    const { referrers } = await lsp.request<ReferrersResult>(REFERRERS_REQUEST, { key: key('Model', 'cluster-model') });
    assert.deepEqual(
      referrers.map((r) => `${r.source.name} ${r.definition.in}${r.written ? ' written' : ''}`),
      ['planner file written', 'reviewer cluster'],
    );
  });

  test('"used by N" counts live referrers and says so; a rename warns that they still use the old name', async () => {
    // A file now defines the Model that the cluster's reviewer (no file) and the file's planner use.
    const uri = await lsp.open(
      'models.yaml',
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Model\nmetadata:\n  name: cluster-model\n  namespace: shop\nspec:\n  model: gpt-4o\n  providerRef:\n    name: openai-provider\n',
    );
    const lenses = await until(
      lsp,
      () => lsp.request<{ command: { title: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } }),
      (l) => l.length === 1,
    );
    assert.equal(lenses[0].command.title, 'used by 2 (1 live)');
    const [, , locations, live] = lenses[0].command.arguments as [
      string,
      unknown,
      { uri: string }[],
      { key: { name: string }; context: string }[],
    ];
    assert.deepEqual(
      locations.map((l) => l.uri),
      [lsp.uri('agent.yaml')],
    );
    assert.deepEqual(
      live.map((l) => `${l.key.name}@${l.context}`),
      ['reviewer@sim-admin'],
    );
    const edit = await lsp.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', {
      textDocument: { uri },
      position: lsp.positionOf(uri, 'cluster-model'),
      newName: 'team-model',
    });
    assert.deepEqual(Object.keys(edit.changes).sort(), [lsp.uri('agent.yaml'), uri].sort());
    const warning = (await lsp.notification('window/showMessageRequest', (p) => /still use/.test((p as { message: string }).message))) as {
      message: string;
      type: number;
    };
    assert.equal(warning.type, 2, 'a warning');
    assert.match(warning.message, /1 object in cluster "sim-admin" still uses Model shop\/cluster-model: Agent shop\/reviewer\./);
    await lsp.close(uri);
  });

  test('the cluster gone: unavailable, and the last live state kept, marked stale', async () => {
    await sim.stop();
    const down = (await lsp.notification(
      CLUSTER_STATUS_NOTIFICATION,
      (p) => (p as ClusterStatus).state === 'unavailable',
    )) as ClusterStatus;
    assert.equal(down.state === 'unavailable' && down.context, 'sim-admin');
    const state = await lsp.request<LiveStateResult>(LIVE_STATE_REQUEST, {});
    assert.equal(state.stale, true);
    assert.deepEqual(state.cluster.state, 'unavailable');
    assert.deepEqual(state.agents.map((a) => a.key.name).sort(), ['planner', 'reviewer']);
    const { agents } = await until(
      lsp,
      () => lsp.request<AgentsResult>(AGENTS_REQUEST, {}),
      (r) => r.cluster.state === 'unavailable' && r.agents.every((a) => a.key.name !== 'planner' || a.chain[0].status === 'missing'),
    );
    assert.ok(
      agents.some((a) => a.key.name === 'reviewer' && a.definition.in === 'cluster'),
      'the Agent only the cluster has stays in view',
    );
  });
});
