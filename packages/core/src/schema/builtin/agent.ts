// Agent: a deployable AI agent; the operator turns it into a Deployment + Service of the same name.
import { k8s } from '../k8s.js';
import type { JsonSchema } from '../types.js';
import { arr, baseStatus, int, obj, objectRef, resourceSchema, str, stringMap } from './common.js';

export const AGENT_FRAMEWORKS = ['pydantic-ai', 'langchain', 'crewai', 'autogen', 'a2a'];

const podSpec = obj('Pod-level settings of the Deployment the operator creates.', {
  replicas: int('Number of agent pods; the operator copies it to the Deployment.', { minimum: 0, format: 'int32', default: 1 }),
  container: k8s('io.k8s.api.core.v1.Container', 'The agent container: image, ports, env, resources and probes.'),
  affinity: k8s('io.k8s.api.core.v1.Affinity', 'Scheduling constraints, e.g. pod anti-affinity to spread replicas over nodes.'),
  nodeSelector: stringMap('Node labels the pods must match to be scheduled.'),
  tolerations: arr('Taints the pods tolerate.', k8s('io.k8s.api.core.v1.Toleration')),
  serviceAccountName: str('ServiceAccount the pods run as.'),
  imagePullSecrets: arr('Secrets in this namespace used to pull the image.', k8s('io.k8s.api.core.v1.LocalObjectReference')),
  securityContext: k8s('io.k8s.api.core.v1.PodSecurityContext', 'Pod-level security attributes (runAsUser, fsGroup, seccomp ...).'),
  volumes: arr('Volumes the container can mount.', k8s('io.k8s.api.core.v1.Volume')),
});

const spec = obj('Desired state of the Agent.', {
  framework: str('Agent framework the container is built with.', { enum: AGENT_FRAMEWORKS }),
  model: objectRef('Model', "The Model this agent uses; namespace defaults to the Agent's."),
  tools: arr(
    'AgentTools this agent may call.',
    obj('One tool attached to the agent.', { toolRef: objectRef('AgentTool', "The AgentTool; namespace defaults to the Agent's.") }, [
      'toolRef',
    ]),
  ),
  runtime: obj(
    'How the agent runs.',
    {
      type: str('Runtime flavour: standard (operator-managed Deployment) or template.', { enum: ['standard', 'template'] }),
      spec: podSpec,
    },
    ['type'],
  ),
});

const status: JsonSchema = baseStatus({
  replicas: int('Pods the Deployment currently has.', { format: 'int32' }),
  availableReplicas: int('Pods that are ready and available.', { format: 'int32' }),
  url: str("In-cluster URL of the agent's Service."),
});

export const agentSchema: JsonSchema = resourceSchema(
  'Agent',
  'Agent is a deployable AI agent backed by a Model and optional AgentTools.',
  spec,
  status,
);
