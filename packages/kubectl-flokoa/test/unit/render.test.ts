import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderRefs, renderReverse } from '../../src/render/refs.js';
import { palette } from '../../src/cli/output.js';
import { colorAllowed } from '../../src/cli/output.js';
import { summarize, type RefNode, type RefsReport } from '../../src/refs/model.js';
import { grantManifests, missingGrants } from '../../src/refs/rbac.js';
import { table } from '../../src/render/table.js';
import { humanDuration } from '../../src/render/age.js';

const node = (over: Partial<RefNode>): RefNode => ({
  ref: 'agent-model',
  field: '/spec/model',
  group: 'agent.flokoa.ai',
  kind: 'Model',
  namespace: 'shared-models',
  name: 'gpt',
  state: 'ok',
  exists: true,
  ready: true,
  optional: false,
  crossNamespace: true,
  broken: false,
  children: [],
  ...over,
});

const roots = [
  {
    group: 'agent.flokoa.ai',
    kind: 'Agent',
    namespace: 'my-app',
    name: 'my-agent',
    ready: true,
    serviceAccount: 'my-agent-sa',
    references: [
      node({
        children: [
          node({
            ref: 'model-provider',
            field: '/spec/providerRef',
            kind: 'ModelProvider',
            namespace: 'shared-resources',
            name: 'openai',
            ready: false,
            state: 'not-ready',
            reason: 'SecretMissing: no key',
            children: [
              node({
                ref: 'provider-api-key',
                field: '/spec/apiKeySecretRef',
                group: '',
                kind: 'Secret',
                namespace: 'shared-resources',
                name: 'creds',
                ready: null,
                crossNamespace: false,
                key: { name: 'api-key', present: false },
                state: 'key-missing',
                broken: true,
                reason: 'Secret shared-resources/creds has no key "api-key" (keys: other)',
              }),
            ],
          }),
        ],
        rbac: [
          { subject: 'system:serviceaccount:my-app:my-agent-sa', verb: 'get', allowed: true },
          { subject: 'system:serviceaccount:my-app:my-agent-sa', verb: 'list', allowed: false },
        ],
      }),
      node({
        ref: 'agent-tool',
        field: '/spec/tools/0/toolRef',
        kind: 'AgentTool',
        namespace: 'my-app',
        name: 'wx',
        state: 'missing',
        exists: false,
        ready: null,
        crossNamespace: false,
        broken: true,
        reason: 'AgentTool my-app/wx not found; did you mean "weather"?',
      }),
      node({
        ref: 'agent-env-secret',
        field: '/spec/runtime/spec/container/env/0/valueFrom/secretKeyRef',
        group: '',
        kind: 'Secret',
        namespace: 'other',
        name: 's',
        state: 'forbidden',
        exists: null,
        ready: null,
        reason: 'forbidden',
      }),
    ],
  },
];
const report: RefsReport = { source: 'cluster://sim', roots, summary: summarize(roots) };

test('refs tree: every node with its state, key presence, RBAC answer and field; a summary line', () => {
  const out = renderRefs(report, 'tree', palette(false));
  const want = [
    'agent/my-agent (namespace my-app, serviceaccount my-agent-sa)  Ready',
    '├─ Model shared-models/gpt  Ready  rbac: get allowed, list DENIED for serviceaccount my-app:my-agent-sa  /spec/model',
    '│  └─ ModelProvider shared-resources/openai  NOT READY: SecretMissing: no key  /spec/providerRef',
    '│     └─ Secret shared-resources/creds  KEY MISSING: Secret shared-resources/creds has no key "api-key" (keys: other)  key "api-key" missing  /spec/apiKeySecretRef',
    '├─ AgentTool my-app/wx  MISSING: AgentTool my-app/wx not found; did you mean "weather"?  /spec/tools/0/toolRef',
    '└─ Secret other/s  FORBIDDEN: forbidden  /spec/runtime/spec/container/env/0/valueFrom/secretKeyRef',
    '',
    '1 root, 5 references: 2 broken (1 denied by RBAC), 1 forbidden, 1 not ready',
  ];
  assert.deepEqual(out.split('\n'), want);
  assert.ok(!out.includes('\x1b['), 'no colour when disabled');
  assert.ok(renderRefs(report, 'tree', palette(true)).includes('\x1b[31m'), 'broken in red with colour');
});

test('refs wide, json and yaml', () => {
  const wide = renderRefs(report, 'wide', palette(false)).split('\n');
  assert.match(wide[0], /^NAMESPACE\s+ROOT\s+FIELD\s+TARGET\s+TARGET-NAMESPACE\s+STATE\s+READY\s+KEY\s+RBAC\s+REASON$/);
  assert.equal(wide.length, 6);
  assert.match(wide[3], /secret\/creds\s+shared-resources\s+KEY MISSING\s+-\s+api-key:missing/);
  const json = JSON.parse(renderRefs(report, 'json', palette(false)));
  assert.equal(json.roots[0].references[0].children[0].children[0].key.present, false);
  assert.deepEqual(json.summary, { references: 5, broken: 2, forbidden: 1, notReady: 1, rbacDenied: 1 });
  assert.deepEqual(parse(renderRefs(report, 'yaml', palette(false))), json);
});

test('reverse tree', () => {
  const out = renderReverse(
    {
      source: 'files',
      target: { group: '', kind: 'Secret', namespace: 'shared', name: 'creds', exists: true },
      forbidden: [],
      dependents: [
        {
          group: 'agent.flokoa.ai',
          kind: 'ModelProvider',
          namespace: 'shared',
          name: 'p',
          field: '/spec/apiKeySecretRef',
          ref: 'provider-api-key',
          key: 'api-key',
          ready: null,
          children: [
            {
              group: 'agent.flokoa.ai',
              kind: 'Model',
              namespace: 'models',
              name: 'm',
              field: '/spec/providerRef',
              ref: 'model-provider',
              ready: true,
              children: [],
            },
          ],
        },
      ],
    },
    'tree',
    palette(false),
  );
  assert.deepEqual(out.split('\n'), [
    'secret/creds (namespace shared)  exists',
    '└─ ModelProvider shared/p  via /spec/apiKeySecretRef key "api-key"',
    '   └─ Model models/m  Ready  via /spec/providerRef',
  ]);
});

test('fix-rbac: one Role per kind and namespace, one RoleBinding per service account', () => {
  const grants = missingGrants(roots);
  assert.deepEqual(grants, [
    { namespace: 'shared-models', group: 'agent.flokoa.ai', resource: 'models', kind: 'Model', saNamespace: 'my-app', sa: 'my-agent-sa' },
  ]);
  const [role, binding] = grantManifests([...grants, { ...grants[0], sa: 'second-sa' }]).slice(0, 2);
  assert.deepEqual((role as { rules: unknown }).rules, [{ apiGroups: ['agent.flokoa.ai'], resources: ['models'], verbs: ['get', 'list'] }]);
  assert.deepEqual((binding as { subjects: unknown }).subjects, [{ kind: 'ServiceAccount', name: 'my-agent-sa', namespace: 'my-app' }]);
  assert.equal(grantManifests([...grants, { ...grants[0], sa: 'second-sa' }]).length, 3);
});

test('colour only on a TTY, never with NO_COLOR or TERM=dumb; tables and ages as kubectl prints them', () => {
  assert.equal(colorAllowed({ isTTY: true }, {}), true);
  assert.equal(colorAllowed({ isTTY: false }, {}), false);
  assert.equal(colorAllowed({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorAllowed({ isTTY: true }, { TERM: 'dumb' }), false);
  assert.equal(
    table(
      ['A', 'LONGER'],
      [
        ['xx', 'y'],
        ['z', ''],
      ],
    ),
    'A    LONGER\nxx   y\nz',
  );
  assert.deepEqual([5_000, 150_000, 700_000, 3 * 3600_000 + 60_000, 30 * 3600_000, 9 * 86400_000].map(humanDuration), [
    '5s',
    '2m30s',
    '11m',
    '3h1m',
    '30h',
    '9d',
  ]);
});
