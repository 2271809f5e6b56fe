import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, REFERENCE_SPECS, referencesOf, specsTo, type Reference } from '../src/index.js';
import { fixture } from './fixtures.js';

function refs(): Reference[] {
  const ws = new Workspace();
  const f = fixture('refs/all-kinds.yaml');
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

test('the table has unique ids, and every Flokoa reference may name a namespace', () => {
  assert.equal(new Set(REFERENCE_SPECS.map((s) => s.id)).size, REFERENCE_SPECS.length);
  for (const s of REFERENCE_SPECS) if (s.toGroup === 'agent.flokoa.ai') assert.equal(s.hasNamespace, true, s.id);
  assert.deepEqual(
    specsTo('agent.flokoa.ai', 'Model').map((s) => s.id),
    ['agent-model'],
  );
  assert.ok(specsTo('', 'Secret').length >= 5);
});
