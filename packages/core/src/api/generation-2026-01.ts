// The January 2026 API, the one the Flokoa docs describe (operator up to b348b61, the parent of
// c9e2537): an Agent names its Model (`spec.model`), its tools (`tools[].toolRef`) and runs either
// your container (`runtime.type: standard`) or the operator runtime (`runtime.type: template`).
// The docs write the standard pod settings under `runtime.spec`; the operator's CRD reads
// `runtime.standard` (and requires `spec.card`): without a CRD both forms are accepted here; the
// operator's CRD in the workspace or cluster decides for real (card missing, runtime.spec dropped).
import digestJson from './digests/2026-01.json' with { type: 'json' };
import { buildKinds } from './build.js';
import { FLOKOA_VERSION } from './group.js';
import type { ApiDigest } from './digest.js';
import { CARD_DOCS, INSTRUCTION_DOCS, MODEL_DOCS, PROVIDER_DOCS, TRIGGER_DOCS, under } from './docs/common.js';
import { AGENT_2026_01_DOCS, OPENAPI_TOOL_DOCS, POD_DOCS } from './docs/agents.js';
import { MODEL_PARAMETERS_DOCS } from './docs/modelParameters.js';
import { WORKFLOW_DOCS } from './docs/workflow.js';
import {
  AGENT_POD_LABELS,
  RUNTIME_PORT,
  servicePorts,
  exactlyOneOf,
  K8S_AGENT_DOCS,
  PROVIDER_ADMISSION,
  SNIPPETS_COMMON,
  TRIGGER_ADMISSION,
  WORKFLOW_K8S,
} from './shared.js';
import { containerRefs, F, MODEL_REFS, objectRef, openApiToolRefs, podRefs, TRIGGER_REFS, workflowRefs } from './refs.js';
import type { ApiDescription, ApiOverlay, ContainerField, RefSpec } from './types.js';
import type { JsonSchema } from '../schema/types.js';

const digest = digestJson as unknown as ApiDigest;

/** The image of `runtime.type: template` (internal/infra/builder DefaultTemplateRuntimeImage at the digest's commit). */
export const TEMPLATE_RUNTIME_IMAGE = 'ghcr.io/danielnyari/flokoa-cli:0.1.0';

/** `spec` is the documented name of what the CRD calls `standard`. */
const STANDARD = '/spec/runtime/spec|standard';

const REFERENCES: RefSpec[] = [
  objectRef('agent-model', 'Agent', '/spec/model', 'Model'),
  objectRef('agent-instruction', 'Agent', '/spec/instruction/instructionRef', 'Instruction'),
  objectRef('agent-tool', 'Agent', '/spec/tools/*/toolRef', 'AgentTool'),
  ...openApiToolRefs('agent-tool-template', 'Agent', '/spec/tools/*/template'),
  ...containerRefs('agent', 'Agent', `${STANDARD}/container`),
  ...containerRefs('agent-template', 'Agent', '/spec/runtime/template', false),
  ...podRefs(STANDARD, true),
  ...podRefs('/spec/runtime/template', false).map((r) => ({ ...r, id: `${r.id}-template` })),
  ...MODEL_REFS,
  ...openApiToolRefs('tool', 'AgentTool', '/spec'),
  ...TRIGGER_REFS,
  ...workflowRefs(openApiToolRefs('workflow-tool', 'AgentWorkflow', '/spec/tasks/*/agentTask/tools/*/template')),
];

const OPENAPI_ADMISSION = (base: string): Record<string, JsonSchema> => ({
  [`${base}/openApi`]: { oneOf: exactlyOneOf('url', 'serviceRef') },
  [`${base}/openApi/openApiSchema`]: { oneOf: exactlyOneOf('value', 'valueFrom', 'endpointPath') },
  [`${base}/openApi/serviceRef`]: { oneOf: exactlyOneOf('port', 'portName') },
});

const OVERLAY: ApiOverlay = {
  Agent: {
    docs: {
      ...AGENT_2026_01_DOCS,
      ...under('/spec/card', CARD_DOCS),
      ...under('/spec/runtime/standard', POD_DOCS),
      ...under('/spec/runtime/template', POD_DOCS),
      ...under('/spec/tools/[]/template', OPENAPI_TOOL_DOCS),
    },
    k8s: {
      ...K8S_AGENT_DOCS('/spec/runtime/standard'),
      ...K8S_AGENT_DOCS('/spec/runtime/template'),
      '/spec/runtime/standard/container': 'io.k8s.api.core.v1.Container',
      '/spec/runtime/standard/volumes/[]': 'io.k8s.api.core.v1.Volume',
      '/spec/runtime/template/env/[]': 'io.k8s.api.core.v1.EnvVar',
      '/spec/runtime/template/resources': 'io.k8s.api.core.v1.ResourceRequirements',
    },
    // The documented spelling; copied after the docs above, so it carries them.
    documentedAliases: { '/spec/runtime/spec': '/spec/runtime/standard' },
    documentedOptional: { '/spec': ['card'] },
  },
  Model: { docs: { ...MODEL_DOCS, ...MODEL_PARAMETERS_DOCS } },
  ModelProvider: { docs: PROVIDER_DOCS, admission: PROVIDER_ADMISSION },
  AgentTool: { docs: under('/spec', OPENAPI_TOOL_DOCS), admission: OPENAPI_ADMISSION('/spec') },
  Instruction: { docs: INSTRUCTION_DOCS },
  AgentTrigger: { docs: TRIGGER_DOCS, admission: TRIGGER_ADMISSION },
  AgentWorkflow: {
    docs: { ...WORKFLOW_DOCS, ...under('/spec/tasks/[]/agentTask/tools/[]/template', OPENAPI_TOOL_DOCS) },
    k8s: WORKFLOW_K8S,
  },
};

const ALL_FIELDS: readonly ContainerField[] = ['image', 'env', 'envFrom', 'resources', 'ports', 'probes', 'volumeMounts'];
const STANDARD_SELECTED = { pointer: '/spec/runtime/type', value: 'standard', isDefault: true };

const AGENT_SNIPPET =
  '  framework: ${3|pydantic-ai,langchain,crewai,autogen,a2a|}\n  model:\n    name: ${4:model}\n  runtime:\n    type: standard\n    spec:\n      replicas: ${5:2}\n      container:\n        name: agent\n        image: ${6:registry.example.com/agent:v1.0.0}\n        ports:\n          - containerPort: ${7:8080}\n        resources:\n          requests:\n            cpu: 250m\n            memory: 256Mi\n          limits:\n            cpu: "1"\n            memory: 1Gi\n        livenessProbe:\n          httpGet:\n            path: /health\n            port: ${7:8080}\n        readinessProbe:\n          httpGet:\n            path: /ready\n            port: ${7:8080}\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                labelSelector:\n                  matchLabels:\n                    flokoa.ai/agent: ${1:name}\n                topologyKey: kubernetes.io/hostname$0';

export const API_2026_01: ApiDescription = {
  id: '2026-01',
  title: 'January 2026',
  hallmarks: 'spec.model, spec.framework, tools[].toolRef and runtime.type with runtime.spec|standard|template',
  group: F,
  version: FLOKOA_VERSION,
  digest,
  kinds: buildKinds(digest, OVERLAY, F, REFERENCES),
  overlay: OVERLAY,
  references: REFERENCES,
  agent: {
    layouts: [
      {
        pod: '/spec/runtime/standard',
        container: '/spec/runtime/standard/container',
        containerFields: ALL_FIELDS,
        selectedBy: STANDARD_SELECTED,
      },
      {
        pod: '/spec/runtime/spec',
        container: '/spec/runtime/spec/container',
        containerFields: ALL_FIELDS,
        selectedBy: STANDARD_SELECTED,
        documentedOnly: true,
      },
      {
        pod: '/spec/runtime/template',
        container: '/spec/runtime/template',
        containerFields: ['env', 'resources'],
        operatorPorts: [RUNTIME_PORT],
        selectedBy: { pointer: '/spec/runtime/type', value: 'template' },
        defaultImage: () => TEMPLATE_RUNTIME_IMAGE,
      },
    ],
    podLabels: AGENT_POD_LABELS,
    selectorLabels: Object.keys(AGENT_POD_LABELS('x')),
    containerName: 'agent',
    services: (name, ports) => [{ name, ports: servicePorts(ports) }],
    url: (name, namespace) => `http://${name}.${namespace}.svc.cluster.local`,
  },
  snippets: {
    ...SNIPPETS_COMMON,
    Agent: AGENT_SNIPPET,
    Model: '  model: ${3:gpt-4o}\n  providerRef:\n    name: ${4:provider}\n  parameters:\n    temperature: "${5:0.7}"$0',
    AgentTool:
      '  type: openapi\n  description: ${3:What the tool does}\n  openApi:\n    url: ${4:https://api.example.com}\n    openApiSchema:\n      endpointPath: ${5:/openapi.json}$0',
  },
  drift: [
    {
      kind: 'Agent',
      pointer: '/spec/runtime/spec',
      type: 'documented-only',
      note: "the operator's CRD of this generation reads runtime.standard and drops runtime.spec",
    },
    { kind: 'Agent', pointer: '/spec/card', type: 'required-in-crd', note: "the operator's CRD of this generation requires spec.card" },
  ],
};
