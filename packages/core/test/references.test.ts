import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, API_GENERATIONS, referencesOf, specsTo, type Reference } from '../src/index.js';
import { fixture } from './fixtures.js';

function refs(file = 'refs/all-kinds.yaml'): Reference[] {
  const ws = new Workspace();
  const f = fixture(file);
  ws.setFile(f.uri, f.text);
  return ws.resources({ uri: f.uri }).flatMap((r) => (r.producedBy ? [] : referencesOf(r)));
}

const line = (r: Reference): string =>
  `${r.spec.id} ${r.source.name} ${r.pointer} -> ${r.target.kind} ${r.target.namespace}/${r.target.name}${r.key !== undefined ? `#${r.key}` : ''}${r.namespaceExplicit ? ' explicit' : ''}${r.optional ? ' optional' : ''}`;

test('the table finds every kind of reference, with namespace defaulting to the referrer', () => {
  assert.deepEqual(refs().map(line), [
    'agent-model my-agent /spec/model -> Model shared-models/shared-gpt-4o explicit',
    'agent-tool my-agent /spec/tools/0/toolRef -> AgentTool shared-tools/weather-api explicit',
    'agent-tool my-agent /spec/tools/1/toolRef -> AgentTool my-app/local-tool',
    'agent-env-secret my-agent /spec/runtime/spec/container/env/0/valueFrom/secretKeyRef -> Secret my-app/agent-secrets#api-key',
    'agent-env-configmap my-agent /spec/runtime/spec/container/env/1/valueFrom/configMapKeyRef -> ConfigMap my-app/agent-config#log-level optional',
    'agent-envfrom-secret my-agent /spec/runtime/spec/container/envFrom/0/secretRef -> Secret my-app/bulk-secrets',
    'agent-envfrom-configmap my-agent /spec/runtime/spec/container/envFrom/1/configMapRef -> ConfigMap my-app/bulk-config',
    'agent-volume-secret my-agent /spec/runtime/spec/volumes/0/secret -> Secret my-app/agent-certs',
    'agent-image-pull-secret my-agent /spec/runtime/spec/imagePullSecrets/0 -> Secret my-app/registry-creds',
    'agent-service-account my-agent /spec/runtime/spec/serviceAccountName -> ServiceAccount my-app/my-agent-sa',
    'agent-env-secret drifted-agent /spec/runtime/standard/container/env/0/valueFrom/secretKeyRef -> Secret my-app/standard-secret#token',
    'model-provider shared-gpt-4o /spec/providerRef -> ModelProvider shared-resources/openai-provider explicit',
    'provider-api-key openai-provider /spec/apiKeySecretRef -> Secret shared-resources/openai-credentials#api-key',
    'provider-google-key openai-provider /spec/google/serviceAccountKeySecretRef -> Secret shared-resources/gcp-sa#key.json',
    'provider-tls-ca openai-provider /spec/tls/caSecretRef -> Secret shared-resources/corp-ca#ca.crt',
    'tool-service weather-api /spec/openApi/serviceRef -> Service weather-svc/weather explicit',
    'tool-schema-configmap weather-api /spec/openApi/openApiSchema/valueFrom -> ConfigMap shared-tools/weather-openapi#openapi.json',
  ]);
});

test('reference ranges point at the name, namespace and key values', () => {
  const all = refs();
  const model = all.find((r) => r.spec.id === 'agent-model')!;
  assert.deepEqual(model.nameRange, { start: { line: 8, character: 10 }, end: { line: 8, character: 23 } });
  assert.deepEqual(model.namespaceRange, { start: { line: 9, character: 15 }, end: { line: 9, character: 28 } });
  const secret = all.find((r) => r.spec.id === 'agent-env-secret')!;
  assert.deepEqual(secret.keyRange, { start: { line: 33, character: 21 }, end: { line: 33, character: 28 } });
  const sa = all.find((r) => r.spec.id === 'agent-service-account')!;
  assert.deepEqual(sa.nameRange, { start: { line: 18, character: 26 }, end: { line: 18, character: 37 } });
  const flow = all.find((r) => r.target.name === 'local-tool')!;
  assert.equal(flow.namespaceRange, undefined);
  assert.deepEqual(flow.nameRange, { start: { line: 14, character: 22 }, end: { line: 14, character: 32 } });
});

test("each generation's table has unique ids, and every Flokoa reference may name a namespace", () => {
  for (const api of API_GENERATIONS) {
    const ids = api.references.map((s) => `${s.fromKind} ${s.id}`);
    assert.equal(new Set(ids).size, ids.length, api.id);
    for (const s of api.references) if (s.toGroup === 'agent.flokoa.ai') assert.equal(s.hasNamespace, true, `${api.id} ${s.id}`);
  }
  assert.deepEqual([...new Set(specsTo('agent.flokoa.ai', 'Model').map((s) => `${s.fromKind} ${s.id}`))].sort(), [
    'Agent agent-model',
    'AgentWorkflow workflow-task-agent-model',
    'AgentWorkflow workflow-task-model',
  ]);
  assert.ok(specsTo('', 'Secret').length >= 5);
});

test('the June 2026 table: modelRef, instructionRefs, tools[].name, capabilities, secretRefs (a map), runtime, tools, triggers, workflows', () => {
  assert.deepEqual(refs('refs/all-kinds-2026-06.yaml').map(line), [
    'agent-model composed /spec/modelRef -> Model shared-models/sonnet explicit',
    'agent-instruction composed /spec/instructionRefs/0 -> Instruction team-a/tone',
    'agent-instruction composed /spec/instructionRefs/1 -> Instruction shared-prompts/policy explicit',
    'agent-tool composed /spec/tools/0 -> AgentTool team-a/search',
    'agent-tool composed /spec/tools/1 -> AgentTool shared-tools/tickets explicit',
    'agent-capability composed /spec/capabilities/0/ref -> Capability team-a/memory',
    'agent-secret-ref composed /spec/secretRefs/GITHUB_TOKEN -> Secret team-a/github#token',
    'agent-secret-ref composed /spec/secretRefs/SLACK -> Secret team-a/slack#webhook optional',
    'agent-env-secret composed /spec/runtime/env/0/valueFrom/secretKeyRef -> Secret team-a/env-secret#token',
    'agent-image-pull-secret composed /spec/runtime/imagePullSecrets/0 -> Secret team-a/registry',
    'agent-service-account composed /spec/runtime/serviceAccountName -> ServiceAccount team-a/composed-sa',
    'tool-service tickets /spec/serviceRef -> Service shared-tools/tickets-mcp',
    'tool-header-secret tickets /spec/headerSecrets/0/secretRef -> Secret shared-tools/tickets-auth#bearer',
    'trigger-agent on-issue /spec/agent -> Agent team-a/composed',
    'trigger-push-agent on-issue /spec/pushNotification/agentRef -> Agent team-b/notifier explicit',
    'trigger-push-token on-issue /spec/pushNotification/tokenRef -> Secret team-a/push-token#token',
    'workflow-agent triage /spec/tasks/0/agent -> Agent team-a/composed',
    'workflow-http-secret triage /spec/tasks/1/http/headers/0/valueFrom/secretKeyRef -> Secret team-a/hook-secret#token',
    'workflow-service-account triage /spec/serviceAccountName -> ServiceAccount team-a/workflows',
  ]);
});
