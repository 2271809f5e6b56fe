// The June 2026 API (operator commit c9e2537 "composition root" and later): an Agent composes a
// Model, Instructions, AgentTools (MCP endpoints) and Capabilities by reference, and runs the
// operator's generic runner (or `runtime.image`) with a flat `runtime` block.
import digestJson from './digests/2026-06.json' with { type: 'json' };
import { buildKinds } from './build.js';
import { FLOKOA_VERSION } from './group.js';
import type { ApiDigest } from './digest.js';
import {
  CAPABILITY_DOCS,
  CARD_DOCS,
  INSTRUCTION_DOCS,
  MODEL_DOCS,
  MODEL_SETTINGS_DOCS,
  PROVIDER_DOCS,
  TRIGGER_DOCS,
  under,
} from './docs/common.js';
import { AGENT_2026_06_DOCS, MCP_TOOL_DOCS, POD_DOCS } from './docs/agents.js';
import { WORKFLOW_DOCS } from './docs/workflow.js';
import {
  AGENT_POD_LABELS,
  RUNTIME_PORT,
  exactlyOneOf,
  K8S_AGENT_DOCS,
  PROVIDER_ADMISSION,
  SNIPPETS_COMMON,
  TRIGGER_ADMISSION,
  WORKFLOW_K8S,
} from './shared.js';
import { containerRefs, F, mcpToolRefs, MODEL_REFS, objectRef, podRefs, secretKey, TRIGGER_REFS, workflowRefs } from './refs.js';
import type { ApiDescription, ApiOverlay, RefSpec } from './types.js';

const digest = digestJson as unknown as ApiDigest;

/** The operator's generic runner and the release it pins (internal/spec DefaultRunnerVersion at the digest's commit). */
export const RUNNER_IMAGE_REPOSITORY = 'ghcr.io/danielnyari/flokoa-runner';
export const DEFAULT_RUNNER_VERSION = '0.2.0';

const REFERENCES: RefSpec[] = [
  objectRef('agent-model', 'Agent', '/spec/modelRef', 'Model'),
  objectRef('agent-instruction', 'Agent', '/spec/instructionRefs/*', 'Instruction'),
  objectRef('agent-tool', 'Agent', '/spec/tools/*', 'AgentTool'),
  objectRef('agent-capability', 'Agent', '/spec/capabilities/*/ref', 'Capability'),
  secretKey('agent-secret-ref', 'Agent', '/spec/secretRefs/{}', true),
  ...containerRefs('agent', 'Agent', '/spec/runtime', false),
  ...podRefs('/spec/runtime', false),
  ...MODEL_REFS,
  ...mcpToolRefs('tool', 'AgentTool', '/spec'),
  ...TRIGGER_REFS,
  ...workflowRefs(mcpToolRefs('workflow-tool', 'AgentWorkflow', '/spec/tasks/*/agentTask/tools/*/template')),
];

const SETTINGS_EXTRA = {
  '/timeoutSeconds': 'Request timeout in seconds.',
  '/extra': 'Further provider settings passed through; keys with a typed field are refused.',
};

const OVERLAY: ApiOverlay = {
  Agent: {
    docs: {
      ...AGENT_2026_06_DOCS,
      ...under('/spec/card', CARD_DOCS),
      ...under('/spec/runtime', POD_DOCS),
      ...under('/spec/spec/modelSettings', { ...MODEL_SETTINGS_DOCS, ...SETTINGS_EXTRA }),
    },
    k8s: {
      ...K8S_AGENT_DOCS('/spec/runtime'),
      '/spec/runtime/env/[]': 'io.k8s.api.core.v1.EnvVar',
      '/spec/runtime/resources': 'io.k8s.api.core.v1.ResourceRequirements',
    },
  },
  Model: { docs: { ...MODEL_DOCS, ...under('/spec/settings', { ...MODEL_SETTINGS_DOCS, ...SETTINGS_EXTRA }) } },
  ModelProvider: { docs: PROVIDER_DOCS, admission: PROVIDER_ADMISSION },
  AgentTool: {
    docs: under('/spec', MCP_TOOL_DOCS),
    admission: { '/spec': { oneOf: exactlyOneOf('url', 'serviceRef') }, '/spec/serviceRef': { oneOf: exactlyOneOf('port', 'portName') } },
  },
  Instruction: { docs: INSTRUCTION_DOCS },
  Capability: { docs: CAPABILITY_DOCS },
  AgentTrigger: { docs: TRIGGER_DOCS, admission: TRIGGER_ADMISSION },
  AgentWorkflow: { docs: { ...WORKFLOW_DOCS, ...under('/spec/tasks/[]/agentTask/tools/[]/template', MCP_TOOL_DOCS) }, k8s: WORKFLOW_K8S },
};

const AGENT_SNIPPET =
  '  modelRef:\n    name: ${3:model}\n  instructionRefs:\n    - name: ${4:instruction}\n  tools:\n    - name: ${5:tool}\n  card:\n    name: ${6:My agent}\n    description: ${7:What the agent does}\n    version: "1.0.0"\n    skills:\n      - id: ${8:main}\n        name: ${9:Main skill}\n        description: ${10:What the skill does}\n        tags: [${11:general}]\n  runtime:\n    replicas: 2\n    resources:\n      requests:\n        cpu: 250m\n        memory: 256Mi\n      limits:\n        cpu: "1"\n        memory: 1Gi\n    affinity:\n      podAntiAffinity:\n        preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n              labelSelector:\n                matchLabels:\n                  flokoa.ai/agent: ${1:name}\n              topologyKey: kubernetes.io/hostname$0';

export const API_2026_06: ApiDescription = {
  id: '2026-06',
  title: 'June 2026',
  hallmarks: 'spec.modelRef, instructionRefs, tools[].name, secretRefs and a flat runtime (runtime.image, runtime.replicas)',
  group: F,
  version: FLOKOA_VERSION,
  digest,
  kinds: buildKinds(digest, OVERLAY, F, REFERENCES),
  overlay: OVERLAY,
  references: REFERENCES,
  agent: {
    layouts: [
      {
        pod: '/spec/runtime',
        container: '/spec/runtime',
        containerFields: ['image', 'env', 'resources'],
        operatorPorts: [RUNTIME_PORT],
        defaultImage: (agent) => {
          const runtime = (agent.spec as { runtime?: { runnerVersion?: unknown } } | undefined)?.runtime;
          const version =
            typeof runtime?.runnerVersion === 'string' && runtime.runnerVersion ? runtime.runnerVersion : DEFAULT_RUNNER_VERSION;
          return `${RUNNER_IMAGE_REPOSITORY}:${version}`;
        },
      },
    ],
    podLabels: AGENT_POD_LABELS,
    selectorLabels: Object.keys(AGENT_POD_LABELS('x')),
    containerName: 'agent',
    // The published endpoint (80 → the runner's 8080) and the internal workload Service.
    services: (name) => [
      {
        name,
        labels: { 'flokoa.ai/endpoint': 'published' },
        ports: [{ name: 'http', port: 80, targetPort: RUNTIME_PORT.containerPort, protocol: 'TCP' }],
      },
      {
        name: `${name}-runtime`,
        labels: { 'flokoa.ai/endpoint': 'runtime' },
        ports: [{ name: 'http', port: 80, targetPort: RUNTIME_PORT.containerPort, protocol: 'TCP' }],
      },
    ],
    url: (name, namespace) => `http://${name}.${namespace}.svc.cluster.local:80/`,
    specConfigMap: (name) => `${name}-agent-spec`,
  },
  snippets: {
    ...SNIPPETS_COMMON,
    Agent: AGENT_SNIPPET,
    Model: '  model: ${3:gpt-4o}\n  providerRef:\n    name: ${4:provider}\n  settings:\n    temperature: "${5:0.7}"$0',
    AgentTool:
      '  type: mcp\n  description: ${3:What the tool does}\n  url: ${4:https://mcp.example.com/mcp}\n  transport: ${5|streamableHTTP,sse|}$0',
    Capability:
      '  artifact: ${3:ghcr.io/example/capability}@sha256:${4:digest}\n  version: ${5:1.0.0}\n  entrypoint: ${6:package.module:Capability}\n  requires:\n    python: "${7:3.12}"$0',
  },
  drift: [],
};
