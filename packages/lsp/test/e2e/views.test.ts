// The views' model over LSP stdio (protocol.ts): flokoa/agents with reference chains and broken
// counts, flokoa/resourceAt, flokoa/referrers and flokoa/modelChanged, as any editor (the VS Code
// extension, Neovim, Helix) receives them from the built server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../client.js';
import {
  AGENTS_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  REFERRERS_REQUEST,
  RESOURCE_AT_REQUEST,
  type AgentsResult,
  type ChainLink,
  type ReferrersResult,
  type ResourceInfo,
} from '../../src/protocol.js';

const FLOKOA = 'agent.flokoa.ai';
const links = (chain: ChainLink[]): string[] =>
  chain.flatMap((l) => [
    `${l.target.kind} ${l.target.namespace}/${l.target.name}: ${l.status}${l.problem ? ` (${l.problem})` : ''}`,
    ...links(l.children),
  ]);

test(
  'flokoa/agents: every Agent with its chain, where each link is defined, and no problems when all resolve',
  { timeout: 60_000 },
  async () => {
    const lsp = await TestClient.start({ fixture: 'shared' });
    try {
      await lsp.indexReady();
      const { agents, cluster } = await lsp.request<AgentsResult>(AGENTS_REQUEST, {});
      assert.deepEqual(cluster, { state: 'disabled' });
      assert.deepEqual(
        agents.map((a) => `${a.key.namespace}/${a.key.name}`),
        ['my-app/my-agent', 'my-app/review-agent'],
      );
      const my = agents[0];
      assert.equal(my.definition.in, 'file');
      assert.match(my.definition.in === 'file' ? my.definition.location.uri : '', /app\/agents\.yaml$/);
      assert.equal(my.image, 'ghcr.io/example/my-agent:v1.0.0');
      assert.equal(my.live, false);
      assert.deepEqual(links(my.chain), [
        'Model shared-models/shared-gpt-4o: found',
        'ModelProvider shared-resources/openai-provider: found',
        'Secret shared-resources/openai-credentials: found',
        'AgentTool shared-tools/weather-api: found',
        'AgentTool shared-tools/inventory-check: found',
      ]);
      assert.equal(my.broken + my.unverified, 0);
      const model = my.chain[0];
      assert.equal(model.field, '/spec/model');
      assert.match(model.definition?.in === 'file' ? model.definition.location.uri : '', /shared-models\/models\.yaml$/);
      assert.equal(model.definition?.in === 'file' ? model.definition.location.range.start.line : -1, 3, "at the Model's name");
      assert.equal(model.written?.range.start.line, 8, 'where the Agent writes the name');
    } finally {
      await lsp.shutdown();
    }
  },
);

test(
  'an edit that breaks a reference: flokoa/modelChanged, then the Agent counts one broken link and says where the name exists',
  { timeout: 60_000 },
  async () => {
    const lsp = await TestClient.start({ fixture: 'shared', copy: true });
    try {
      await lsp.indexReady();
      const uri = await lsp.open('app/agents.yaml');
      const before = lsp.notifLog.filter((n) => n.method === MODEL_CHANGED_NOTIFICATION).length;
      // review-agent's Model: claude, moved to a namespace that does not hold it.
      await lsp.replace(uri, 'shared-models', 'my-app', 'name: shared-claude');
      await lsp.notification(
        MODEL_CHANGED_NOTIFICATION,
        () => lsp.notifLog.filter((n) => n.method === MODEL_CHANGED_NOTIFICATION).length > before,
      );
      const { agents } = await lsp.request<AgentsResult>(AGENTS_REQUEST, { uri });
      const review = agents.find((a) => a.key.name === 'review-agent');
      assert.ok(review);
      assert.equal(review.broken, 1);
      const model = review.chain[0];
      assert.deepEqual(
        { status: model.status, problem: model.problem, elsewhere: model.elsewhere, target: model.target },
        {
          status: 'missing',
          problem: 'broken',
          elsewhere: ['shared-models'],
          target: { group: FLOKOA, kind: 'Model', namespace: 'my-app', name: 'shared-claude' },
        },
      );
      assert.equal(model.definition, undefined);
      assert.equal(model.written?.uri, uri, 'a missing link still says where it is written');
      assert.equal(agents.find((a) => a.key.name === 'my-agent')?.broken, 0, 'the other Agent of the file is unaffected');
    } finally {
      await lsp.shutdown();
    }
  },
);

test(
  'flokoa/resourceAt and flokoa/referrers: the resource under the cursor, what it needs, and who uses it',
  { timeout: 60_000 },
  async () => {
    const lsp = await TestClient.start({ fixture: 'shared' });
    try {
      await lsp.indexReady();
      const models = await lsp.open('shared-models/models.yaml');
      const info = await lsp.request<ResourceInfo | null>(RESOURCE_AT_REQUEST, {
        textDocument: { uri: models },
        position: lsp.positionOf(models, 'claude-sonnet-4'),
      });
      assert.ok(info);
      assert.deepEqual(info.key, { group: FLOKOA, kind: 'Model', namespace: 'shared-models', name: 'shared-claude' });
      assert.equal((info.object.spec as { model: string }).model, 'claude-sonnet-4');
      assert.deepEqual(links(info.chain), [
        'ModelProvider shared-resources/anthropic-provider: found',
        'Secret shared-resources/anthropic-credentials: found',
      ]);
      const { referrers } = await lsp.request<ReferrersResult>(REFERRERS_REQUEST, { key: info.key });
      assert.deepEqual(
        referrers.map((r) => `${r.source.kind} ${r.source.namespace}/${r.source.name} ${r.field} ${r.definition.in}`),
        ['Agent my-app/review-agent /spec/model file'],
      );
      assert.match(referrers[0].written?.uri ?? '', /app\/agents\.yaml$/);
      const outside = await lsp.request<ResourceInfo | null>(RESOURCE_AT_REQUEST, {
        textDocument: { uri: lsp.uri('nowhere.yaml') },
        position: { line: 0, character: 0 },
      });
      assert.equal(outside, null);
    } finally {
      await lsp.shutdown();
    }
  },
);
