// Building blocks of the reference tables: one line per reference field, shared by the
// generations where the operator's CRDs agree. A generation's table is the list its module
// assembles from these (api/generation-*.ts).
import { FLOKOA_GROUP } from './group.js';
import type { RefSpec } from './types.js';

export const F = FLOKOA_GROUP;

type Opts = Pick<RefSpec, 'hasNamespace' | 'hasKey' | 'optional'>;

/** `{ id, from, path } → { to, nameField }`: one reference field. */
export function ref(id: string, fromKind: string, path: string, to: string, nameField = 'name', opts: Opts = {}): RefSpec {
  const [toGroup, toKind] = to.includes('/') ? (to.split('/') as [string, string]) : [F, to];
  return { id, fromGroup: F, fromKind, path, toGroup, toKind, nameField, ...opts };
}

/** A `{name, namespace?}` reference to another Flokoa object. */
export const objectRef = (id: string, from: string, path: string, to: string): RefSpec =>
  ref(id, from, path, to, 'name', { hasNamespace: true });
/** A Secret key selector (`{name, key, optional?}`), always in the referrer's namespace. */
export const secretKey = (id: string, from: string, path: string, optional = false): RefSpec =>
  ref(id, from, path, '/Secret', 'name', { hasKey: true, ...(optional ? { optional } : {}) });

/** References a container's env and envFrom make (`env` and `envFrom` under `container`). */
export function containerRefs(prefix: string, from: string, container: string, envFrom = true): RefSpec[] {
  return [
    ref(`${prefix}-env-secret`, from, `${container}/env/*/valueFrom/secretKeyRef`, '/Secret', 'name', { hasKey: true, optional: true }),
    ref(`${prefix}-env-configmap`, from, `${container}/env/*/valueFrom/configMapKeyRef`, '/ConfigMap', 'name', {
      hasKey: true,
      optional: true,
    }),
    ...(envFrom
      ? [
          ref(`${prefix}-envfrom-secret`, from, `${container}/envFrom/*/secretRef`, '/Secret', 'name', { optional: true }),
          ref(`${prefix}-envfrom-configmap`, from, `${container}/envFrom/*/configMapRef`, '/ConfigMap', 'name', { optional: true }),
        ]
      : []),
  ];
}

/** References of an Agent's pod-level settings (`pod` is a pointer pattern such as `/spec/runtime`). */
export function podRefs(pod: string, volumes: boolean): RefSpec[] {
  return [
    ...(volumes
      ? [
          ref('agent-volume-secret', 'Agent', `${pod}/volumes/*/secret`, '/Secret', 'secretName', { optional: true }),
          ref('agent-volume-configmap', 'Agent', `${pod}/volumes/*/configMap`, '/ConfigMap', 'name', { optional: true }),
        ]
      : []),
    ref('agent-image-pull-secret', 'Agent', `${pod}/imagePullSecrets/*`, '/Secret'),
    ref('agent-service-account', 'Agent', `${pod}/serviceAccountName`, '/ServiceAccount', ''),
  ];
}

/** Model and ModelProvider: the same in every generation so far. */
export const MODEL_REFS: readonly RefSpec[] = [
  objectRef('model-provider', 'Model', '/spec/providerRef', 'ModelProvider'),
  secretKey('provider-api-key', 'ModelProvider', '/spec/apiKeySecretRef'),
  secretKey('provider-google-key', 'ModelProvider', '/spec/google/serviceAccountKeySecretRef'),
  secretKey('provider-tls-ca', 'ModelProvider', '/spec/tls/caSecretRef'),
];

/** AgentTrigger: the Agent an event invokes and the one its results are pushed to. */
export const TRIGGER_REFS: readonly RefSpec[] = [
  objectRef('trigger-agent', 'AgentTrigger', '/spec/agent', 'Agent'),
  objectRef('trigger-push-agent', 'AgentTrigger', '/spec/pushNotification/agentRef', 'Agent'),
  secretKey('trigger-push-credentials', 'AgentTrigger', '/spec/pushNotification/authentication/credentialsRef'),
  secretKey('trigger-push-token', 'AgentTrigger', '/spec/pushNotification/tokenRef'),
];

const TASKS = '/spec/tasks/*';

/** AgentWorkflow steps: the Agents they call, and what their agent tasks, HTTP calls and containers name. */
export function workflowRefs(toolTemplate: RefSpec[]): RefSpec[] {
  return [
    objectRef('workflow-agent', 'AgentWorkflow', `${TASKS}/agent`, 'Agent'),
    objectRef('workflow-task-model', 'AgentWorkflow', `${TASKS}/agentTask/model`, 'Model'),
    objectRef('workflow-task-agent-model', 'AgentWorkflow', `${TASKS}/agentTask/agent/model`, 'Model'),
    objectRef('workflow-task-instruction', 'AgentWorkflow', `${TASKS}/agentTask/instruction/instructionRef`, 'Instruction'),
    objectRef('workflow-task-tool', 'AgentWorkflow', `${TASKS}/agentTask/tools/*/toolRef`, 'AgentTool'),
    ...toolTemplate,
    ...containerRefs('workflow-task', 'AgentWorkflow', `${TASKS}/agentTask`, false),
    ref('workflow-http-secret', 'AgentWorkflow', `${TASKS}/http/headers/*/valueFrom/secretKeyRef`, '/Secret', 'name', {
      hasKey: true,
      optional: true,
    }),
    ref('workflow-http-configmap', 'AgentWorkflow', `${TASKS}/http/headers/*/valueFrom/configMapKeyRef`, '/ConfigMap', 'name', {
      hasKey: true,
      optional: true,
    }),
    ...containerRefs('workflow-container', 'AgentWorkflow', `${TASKS}/container`, false),
    ref('workflow-service-account', 'AgentWorkflow', '/spec/serviceAccountName', '/ServiceAccount', ''),
  ];
}

/** References an AgentTool (or an inline tool template at `base`) makes in the June 2026 shape. */
export function mcpToolRefs(prefix: string, from: string, base: string): RefSpec[] {
  return [
    ref(`${prefix}-service`, from, `${base}/serviceRef`, '/Service', 'name', { hasNamespace: true }),
    secretKey(`${prefix}-header-secret`, from, `${base}/headerSecrets/*/secretRef`),
  ];
}

/** References an AgentTool (or an inline tool template at `base`) makes in the January 2026 OpenAPI shape. */
export function openApiToolRefs(prefix: string, from: string, base: string): RefSpec[] {
  return [
    ref(`${prefix}-service`, from, `${base}/openApi/serviceRef`, '/Service', 'name', { hasNamespace: true }),
    ref(`${prefix}-schema-configmap`, from, `${base}/openApi/openApiSchema/valueFrom`, '/ConfigMap', 'name', { hasKey: true }),
  ];
}
