// What the generations share beyond references: the labels the operator puts on agent pods, the
// Kubernetes types whose docs pod settings borrow, admission constraints of the kinds that did not
// change, and snippets of those kinds.
import type { K8sDefinitionName } from '../schema/k8s.js';
import type { JsonSchema } from '../schema/types.js';
import type { AgentService, ContainerPort } from './types.js';

/** The label the operator puts on an Agent's Deployment and pods, valued with the Agent's name (every generation). */
export const AGENT_LABEL = 'flokoa.ai/agent';

/** The operator's labels on every pod (and the Deployment's selector) of an Agent; both generations. */
export function AGENT_POD_LABELS(name: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'flokoa-operator',
    [AGENT_LABEL]: name,
  };
}

/** A structural "exactly one of these fields", as the operator's admission webhook enforces it. */
export const exactlyOneOf = (...fields: string[]): JsonSchema[] => fields.map((f) => ({ required: [f] }));

/** Kubernetes types of an Agent's pod-level settings under `pod`, and of every kind's status conditions. */
export function K8S_AGENT_DOCS(pod: string): Record<string, K8sDefinitionName> {
  return {
    [`${pod}/affinity`]: 'io.k8s.api.core.v1.Affinity',
    [`${pod}/tolerations/[]`]: 'io.k8s.api.core.v1.Toleration',
    [`${pod}/securityContext`]: 'io.k8s.api.core.v1.PodSecurityContext',
    [`${pod}/imagePullSecrets/[]`]: 'io.k8s.api.core.v1.LocalObjectReference',
  };
}

export const WORKFLOW_K8S: Record<string, K8sDefinitionName> = {
  '/spec/tasks/[]/container': 'io.k8s.api.core.v1.Container',
  '/spec/tasks/[]/agentTask/env/[]': 'io.k8s.api.core.v1.EnvVar',
  '/spec/tasks/[]/agentTask/resources': 'io.k8s.api.core.v1.ResourceRequirements',
};

export const PROVIDER_ADMISSION: Record<string, JsonSchema> = {
  '/spec': { oneOf: exactlyOneOf('openai', 'anthropic', 'google', 'bedrock') },
};

export const TRIGGER_ADMISSION: Record<string, JsonSchema> = {
  '/spec/pushNotification': { oneOf: exactlyOneOf('agentRef', 'url') },
};

/** Snippets of the kinds whose shape did not change between generations. */
export const SNIPPETS_COMMON: Readonly<Record<string, string>> = {
  ModelProvider:
    '  apiKeySecretRef:\n    name: ${3:provider-credentials}\n    key: ${4:api-key}\n  ${5|openai,anthropic,google,bedrock|}: {}$0',
  Instruction: '  content: |\n    ${3:You are a helpful assistant.}$0',
  AgentTrigger: '  eventSource:\n    name: ${3:webhook-events}\n    eventName: ${4:event}\n  agent:\n    name: ${5:agent}$0',
  AgentWorkflow: '  tasks:\n    - name: ${3:step}\n      agent:\n        name: ${4:agent}\n        text: ${5:What to do}$0',
};

/** The port the operator's own agent containers serve on, and its name. */
export const RUNTIME_PORT: ContainerPort = { name: 'http', containerPort: 8080, protocol: 'TCP' };

/** One Service per container port, or 80 → 8080 when the container declares none (both generations' builders). */
export function servicePorts(ports: readonly ContainerPort[]): AgentService['ports'] {
  const out = ports.map((p, i) => ({
    name: p.name ?? `port-${i}`,
    port: p.containerPort,
    targetPort: p.containerPort,
    protocol: p.protocol ?? 'TCP',
  }));
  return out.length ? out : [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }];
}
