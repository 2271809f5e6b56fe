// References read off a CRD no generation describes: held to the declared tables (what the
// heuristic finds in the known generations), and tried on a "next release" CRD end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_GENERATIONS, apiById, crdFromSchemas, inferReferences, targetKind, Workspace, type KnownKind } from '../src/index.js';
import { operatorKinds } from '../src/api/build.js';

const G = 'agent.flokoa.ai';
const CORE: KnownKind[] = ['Secret', 'ConfigMap', 'Service', 'ServiceAccount'].map((kind) => ({ group: '', kind }));
const KINDS: KnownKind[] = [
  ...CORE,
  ...['Agent', 'Model', 'ModelProvider', 'AgentTool', 'Instruction', 'Capability'].map((kind) => ({ group: G, kind })),
];

/** [field, description, expected kind]. */
const names: [string, string | undefined, string | undefined][] = [
  ['modelRef', undefined, 'Model'],
  ['providerRef', undefined, 'ModelProvider'],
  ['instructionRefs', undefined, 'Instruction'],
  ['tools', undefined, 'AgentTool'],
  ['capabilities', undefined, 'Capability'],
  ['apiKeySecretRef', undefined, 'Secret'],
  ['configMapKeyRef', undefined, 'ConfigMap'],
  ['serviceAccountName', undefined, 'ServiceAccount'],
  ['serviceRef', undefined, 'Service'],
  ['credentialsRef', 'References a Secret holding the credentials.', 'Secret'],
  ['targetRef', 'The Agent or the Model to call.', undefined],
  ['eventSource', undefined, undefined],
];
for (const [field, description, kind] of names) {
  test(`infer: ${field}${description ? ' (with its docs)' : ''} → ${kind ?? 'unclear'}`, () => {
    assert.equal(targetKind(field, description, KINDS)?.kind, kind);
  });
}

// What the heuristic cannot know (a list named for its items' role, a name that is not a Ref).
const NOT_INFERRED = new Set([
  'agent-tool',
  'workflow-agent',
  'trigger-agent',
  'agent-tool-template-schema-configmap',
  'tool-schema-configmap',
]);

for (const api of API_GENERATIONS) {
  test(`infer: on the ${api.title} API's own schemas it finds the declared references`, () => {
    const known = [...CORE, ...api.kinds.map((k) => ({ group: k.group, kind: k.kind }))];
    for (const k of api.kinds) {
      const found = inferReferences(k.group, k.kind, k.schema, known).specs;
      for (const declared of api.references.filter((r) => r.fromKind === k.kind)) {
        if (NOT_INFERRED.has(declared.id) || declared.path.includes('|')) continue;
        const hit = found.find((f) => f.path === declared.path);
        assert.ok(hit, `${api.id} ${k.kind} ${declared.id} ${declared.path}`);
        assert.equal(`${hit.toGroup}/${hit.toKind}`, `${declared.toGroup}/${declared.toKind}`, declared.id);
      }
    }
  });
}

test('infer: a next release (June 2026 plus spec.memoryRef and spec.routerRef) gets the June table, memoryRef by name, and one notice', () => {
  const next = crdFromSchemas(operatorKinds(apiById('2026-06')!)).map((c) => structuredClone(c) as any);
  const agentCrd = next.find((c) => c.spec.names.kind === 'Agent');
  const spec = agentCrd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
  spec.properties.memoryRef = {
    type: 'object',
    properties: { name: { type: 'string' }, namespace: { type: 'string' } },
    required: ['name'],
  };
  spec.properties.routerRef = { type: 'string' };
  // As the operator's CRD words it: the description names no kind.
  spec.properties.capabilities.items.properties.ref.description = 'A resource, by name and optional namespace.';
  const memoryCrd = structuredClone(next.find((c) => c.spec.names.kind === 'Instruction'));
  memoryCrd.metadata.name = 'memories.agent.flokoa.ai';
  Object.assign(memoryCrd.spec.names, { kind: 'Memory', plural: 'memories', singular: 'memory', listKind: 'MemoryList' });
  const ws = new Workspace();
  ws.setFile('file:///crds.yaml', [...next, memoryCrd].map((c) => JSON.stringify(c)).join('\n---\n'));
  ws.setFile(
    'file:///agent.yaml',
    `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata: {name: a, namespace: ns}
spec:
  card: {name: a, description: a, version: "1", skills: []}
  modelRef: {name: missing-model}
  memoryRef: {name: missing-memory}
  routerRef: fast
`,
  );
  const findings = ws.analyze('file:///agent.yaml');
  const ids = findings.map((f) => f.ruleId).sort();
  assert.deepEqual(ids, ['unknown-api', 'unresolved-reference', 'unresolved-reference']);
  const notice = findings.find((f) => f.ruleId === 'unknown-api')!;
  assert.equal(notice.severity, 'info');
  assert.match(notice.message, /not exactly an API generation these tools know \(nearest: June 2026\)/);
  assert.match(notice.message, /recognised by name: spec\.memoryRef → Memory/);
  // Only what is really unchecked: spec.capabilities[].ref names no kind, but the June table checks it.
  assert.match(notice.message, /not checked \(target kind unclear\): spec\.routerRef\.$/);
  assert.ok(findings.some((f) => /Memory 'missing-memory' not found/.test(f.message)));
  // The HA rules still know the pod: the nearest generation's layout.
  assert.equal(ws.resourcesIn('file:///agent.yaml')[0]!.api?.api?.id, '2026-06');
});
