// The CustomResourceDefinitions served for the Flokoa kinds when no fixture supplies its own.
// Placeholder until @flokoa/core's crdFromSchemas() lands: the documented shapes, with
// Kubernetes-owned sub-objects (container, affinity...) kept as preserved-unknown objects.

import type { KObject } from './object.js';

type Schema = Record<string, unknown>;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: 'object', properties, ...extra });
const free = (): Schema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
const ref = (withKey = false): Schema =>
  obj({ name: str({ minLength: 1 }), namespace: str(), ...(withKey ? { key: str() } : {}) }, { required: withKey ? ['name', 'key'] : ['name'] });

const condition = obj({
  type: str(),
  status: str(),
  reason: str(),
  message: str(),
  lastTransitionTime: str({ format: 'date-time' }),
  observedGeneration: int(),
});
const readyStatus = obj({ observedGeneration: int(), conditions: { type: 'array', items: condition } });

const runtimeSpec = obj({
  replicas: int({ minimum: 0 }),
  container: free(),
  affinity: free(),
  nodeSelector: { type: 'object', additionalProperties: str() },
  tolerations: { type: 'array', items: free() },
  serviceAccountName: str(),
  imagePullSecrets: { type: 'array', items: obj({ name: str() }) },
  securityContext: free(),
  volumes: { type: 'array', items: free() },
  strategy: free(),
});

const SCHEMAS: Record<string, { plural: string; spec: Schema; status: Schema; columns: Schema[]; shortNames: string[] }> = {
  Agent: {
    plural: 'agents',
    shortNames: ['ag'],
    spec: obj({
      framework: str({ enum: ['pydantic-ai', 'langchain', 'crewai', 'autogen', 'a2a'] }),
      model: ref(),
      tools: { type: 'array', items: obj({ toolRef: ref() }) },
      runtime: obj({ type: str({ enum: ['standard', 'template'] }), spec: runtimeSpec, standard: runtimeSpec }),
    }),
    status: obj({
      phase: str(),
      replicas: int(),
      availableReplicas: int(),
      url: str(),
      observedGeneration: int(),
      conditions: { type: 'array', items: condition },
    }),
    columns: [
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Replicas', type: 'integer', jsonPath: '.status.replicas' },
      { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
      { name: 'URL', type: 'string', jsonPath: '.status.url', priority: 1 },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  Model: {
    plural: 'models',
    shortNames: [],
    spec: obj(
      {
        model: str({ minLength: 1 }),
        providerRef: ref(),
        parameters: obj({
          temperature: str({ pattern: '^(0(\\.\\d+)?|1(\\.\\d+)?|2(\\.0+)?)$' }),
          maxTokens: int({ minimum: 1 }),
          topP: str({ pattern: '^(0(\\.\\d+)?|1(\\.0+)?)$' }),
          topK: int({ minimum: 1 }),
          presencePenalty: str(),
          frequencyPenalty: str(),
          timeOut: str(),
          parallelToolCalls: { type: 'boolean' },
          stopSequences: { type: 'array', items: str() },
          seed: int(),
          extraHeaders: { type: 'object', additionalProperties: str() },
          extraBody: free(),
        }),
      },
      { required: ['model', 'providerRef'] },
    ),
    status: readyStatus,
    columns: [
      { name: 'Model', type: 'string', jsonPath: '.spec.model' },
      { name: 'Provider', type: 'string', jsonPath: '.spec.providerRef.name' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  ModelProvider: {
    plural: 'modelproviders',
    shortNames: [],
    spec: obj({
      apiKeySecretRef: ref(true),
      openai: obj({ baseURL: str() }),
      anthropic: obj({ baseURL: str() }),
      google: obj({ project: str(), location: str(), serviceAccountKeySecretRef: ref(true) }),
      bedrock: obj({ region: str() }),
      tls: obj({ insecureSkipVerify: { type: 'boolean' }, caSecretRef: ref(true), useSystemCAs: { type: 'boolean' } }),
      defaultHeaders: { type: 'object', additionalProperties: str() },
    }),
    status: readyStatus,
    columns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  AgentTool: {
    plural: 'agenttools',
    shortNames: [],
    spec: obj(
      {
        type: str({ enum: ['openapi'] }),
        description: str({ minLength: 1 }),
        openApi: obj({
          url: str(),
          serviceRef: obj({ name: str(), namespace: str(), port: int(), portName: str() }, { required: ['name'] }),
          openApiSchema: obj({ value: str(), valueFrom: ref(true), endpointPath: str() }),
          timeoutSeconds: int({ minimum: 1, maximum: 300 }),
          headers: { type: 'object', additionalProperties: str() },
        }),
      },
      { required: ['type', 'description'] },
    ),
    status: readyStatus,
    columns: [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
};

export const FLOKOA_GROUP = 'agent.flokoa.ai';

export function defaultFlokoaCrds(): KObject[] {
  return Object.entries(SCHEMAS).map(([kind, s]) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${s.plural}.${FLOKOA_GROUP}` },
    spec: {
      group: FLOKOA_GROUP,
      scope: 'Namespaced',
      names: {
        kind,
        listKind: `${kind}List`,
        plural: s.plural,
        singular: kind.toLowerCase(),
        ...(s.shortNames.length ? { shortNames: s.shortNames } : {}),
        categories: ['flokoa'],
      },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: s.columns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec: s.spec, status: s.status },
            },
          },
        },
      ],
    },
  }));
}
