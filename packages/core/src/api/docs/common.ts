// Our own one-line descriptions of fields that are the same in every generation (or appear in
// several places): model settings, the A2A card, ModelProvider, Instruction, AgentTrigger and the
// status the operator writes. Keys are digest paths relative to where they are mounted (`under`).

export type Docs = Record<string, string>;

/** Mounts relative docs (`/x/y`) under a prefix (`/spec/settings`). */
export function under(prefix: string, docs: Docs): Docs {
  return Object.fromEntries(Object.entries(docs).map(([k, v]) => [`${prefix}${k}`, v]));
}

/** Status fields by name: written by the operator, shown in hover only. */
export const STATUS_DOCS: Readonly<Record<string, string>> = {
  phase: 'Lifecycle phase the operator reports.',
  observedGeneration: 'The metadata.generation the operator last acted on.',
  conditions: 'Latest observations of the object (Ready, Available, ...).',
  replicas: 'Pods the Deployment currently has.',
  availableReplicas: 'Pods that are ready and available.',
  url: 'Endpoint of the agent inside the cluster.',
  ready: 'Whether the operator considers the object usable.',
};

/** Sampling and request settings of a model call: Model.spec.settings, an Agent's modelSettings, the earlier Model.spec.parameters. */
export const MODEL_SETTINGS_DOCS: Docs = {
  '': 'Sampling and request settings sent with every model call.',
  '/temperature': 'Sampling temperature as a decimal string, e.g. "0.7".',
  '/maxTokens': 'Most tokens one response may generate.',
  '/topP': 'Nucleus sampling probability as a decimal string from "0" to "1".',
  '/topK': 'Sample only from the K most likely tokens.',
  '/presencePenalty': 'Presence penalty as a decimal string from "-2" to "2".',
  '/frequencyPenalty': 'Frequency penalty as a decimal string from "-2" to "2".',
  '/seed': 'Seed for repeatable sampling where the provider supports it.',
  '/stopSequences': 'Sequences that end generation.',
  '/extraHeaders': 'Extra HTTP headers sent to the provider with every request.',
  '/logitBias': 'Bias added to the likelihood of token ids.',
  '/parallelToolCalls': 'Whether the model may call several tools in one turn.',
};

/** The A2A agent card an Agent publishes. */
export const CARD_DOCS: Docs = {
  '': 'The A2A agent card the operator publishes for this agent.',
  '/name': 'Name shown to callers of the agent.',
  '/description': 'What the agent does, for callers and other agents.',
  '/version': 'Version of the agent, e.g. "1.0.0".',
  '/defaultInputModes': 'MIME types the agent accepts by default.',
  '/defaultOutputModes': 'MIME types the agent answers with by default.',
  '/capabilities': 'Optional A2A protocol features the agent supports.',
  '/capabilities/streaming': 'The agent streams responses.',
  '/capabilities/pushNotifications': 'The agent can push results to a callback URL.',
  '/capabilities/stateTransitionHistory': 'The agent keeps the history of task state changes.',
  '/capabilities/extensions': 'A2A protocol extensions the agent supports.',
  '/capabilities/extensions/[]/uri': 'URI that identifies the extension.',
  '/capabilities/extensions/[]/description': 'What the extension adds.',
  '/capabilities/extensions/[]/required': 'Callers must support the extension.',
  '/capabilities/extensions/[]/params': 'Extension-specific settings.',
  '/skills': 'What the agent can be asked to do, one entry per skill.',
  '/skills/[]/id': 'Unique id of the skill.',
  '/skills/[]/name': 'Human-readable name of the skill.',
  '/skills/[]/description': 'What the skill does.',
  '/skills/[]/tags': 'Keywords for finding the skill.',
  '/skills/[]/examples': 'Sample requests that use the skill.',
  '/skills/[]/inputModes': 'MIME types this skill accepts, instead of the card defaults.',
  '/skills/[]/outputModes': 'MIME types this skill answers with, instead of the card defaults.',
  '/skills/[]/security': 'Security schemes the skill needs; entries are alternatives, schemes in one entry apply together.',
};

export const PROVIDER_DOCS: Docs = {
  '/spec': 'Endpoint and credentials of one LLM provider: exactly one provider block.',
  '/spec/apiKeySecretRef': 'Secret key holding the provider API key.',
  '/spec/openai': 'Use the OpenAI API or an OpenAI-compatible endpoint.',
  '/spec/openai/baseURL': 'Endpoint override (proxies, gateways, compatible servers).',
  '/spec/anthropic': 'Use the Anthropic API.',
  '/spec/anthropic/baseURL': 'Endpoint override for the Anthropic API.',
  '/spec/google': 'Use Google Vertex AI or Gemini.',
  '/spec/google/project': 'Google Cloud project id.',
  '/spec/google/location': 'Google Cloud region, e.g. us-central1.',
  '/spec/google/serviceAccountKeySecretRef': 'Secret key holding a service account JSON key.',
  '/spec/bedrock': 'Use Amazon Bedrock.',
  '/spec/bedrock/region': 'AWS region, e.g. us-east-1.',
  '/spec/tls': 'TLS settings for connections to the provider.',
  '/spec/tls/insecureSkipVerify': "Skip checking the provider's certificate (never in production).",
  '/spec/tls/caSecretRef': 'Secret key holding a PEM CA bundle to trust.',
  '/spec/tls/useSystemCAs': 'Also trust the system CA bundle.',
  '/spec/defaultHeaders': 'HTTP headers sent with every request to the provider.',
  '/status/provider': 'Which provider block the operator resolved.',
  '/status/secretHash': 'Hash of the credentials the operator last read.',
};

export const INSTRUCTION_DOCS: Docs = {
  '/spec': 'A system prompt that agents can share.',
  '/spec/content': "The prompt text that shapes the agent's behaviour.",
  '/status/configMapName': 'ConfigMap the operator wrote the prompt into.',
};

export const MODEL_DOCS: Docs = {
  '/spec': 'A model configuration served by a ModelProvider.',
  '/spec/model': 'Provider-side model name, e.g. "gpt-4o".',
  '/spec/providerRef': 'The ModelProvider that serves this model.',
  '/status/resolvedProvider': 'The ModelProvider the operator resolved.',
  '/status/resolvedProvider/provider': 'Provider type of the resolved ModelProvider.',
};

export const TRIGGER_DOCS: Docs = {
  '/spec': 'Invokes an Agent when an Argo Events event arrives.',
  '/spec/agent': 'The Agent each matching event invokes.',
  '/spec/eventSource': 'Argo Events EventSource (in this namespace) and event to consume.',
  '/spec/eventSource/name': 'Name of the EventSource.',
  '/spec/eventSource/eventName': 'Name of the event within the EventSource.',
  '/spec/eventBus': 'A non-default Argo Events EventBus; the namespace default is used when omitted.',
  '/spec/eventBus/name': 'Name of the EventBus.',
  '/spec/filter': 'Conditions an event must meet to invoke the agent.',
  '/spec/filter/data': 'Comparisons on fields of the event payload; all must hold.',
  '/spec/filter/data/[]/path': 'Path of the payload field, e.g. body.action.',
  '/spec/filter/data/[]/type': 'How the field is compared.',
  '/spec/filter/data/[]/value': 'Values the field may have.',
  '/spec/filter/data/[]/comparator': 'Comparison operator (= when omitted).',
  '/spec/filter/exprs': 'Expressions over payload fields; all must hold.',
  '/spec/filter/exprs/[]/expr': 'Boolean expression over the variables in fields.',
  '/spec/filter/exprs/[]/fields': 'Variable name to payload path.',
  '/spec/task': 'How events become agent tasks.',
  '/spec/task/sessionKeyFrom': 'Payload path whose value groups events into one conversation.',
  '/spec/task/metadata': 'Metadata added to every task this trigger creates.',
  '/spec/limits': 'Safety limits on invocations and token use.',
  '/spec/limits/maxConcurrentTasks': 'Most tasks running at once (0: no limit).',
  '/spec/limits/maxInvocationsPerHour': 'Most invocations per hour (0: no limit).',
  '/spec/limits/tokenBudgetPerEvent': 'Most tokens one event may use (0: no limit).',
  '/spec/limits/tokenBudgetPerHour': 'Most tokens per hour (0: no limit).',
  '/spec/limits/deadLetterSink': 'Where events that could not be delivered go.',
  '/spec/limits/deadLetterSink/uri': 'HTTP(S) URL of the dead-letter sink.',
  '/spec/pushNotification': 'Where the agent delivers asynchronous results: another Agent or a URL.',
  '/spec/pushNotification/agentRef': 'An Agent that receives the results.',
  '/spec/pushNotification/url': 'HTTPS URL that receives the results.',
  '/spec/pushNotification/authentication': 'How the agent authenticates to the receiver.',
  '/spec/pushNotification/authentication/schemes': 'Authentication schemes, e.g. Bearer.',
  '/spec/pushNotification/authentication/credentialsRef': 'Secret key holding the credentials.',
  '/spec/pushNotification/tokenRef': 'Secret key holding a token sent with every notification.',
  '/status/sensorName': 'The Argo Events Sensor the operator created.',
  '/status/agentEndpoint': "The Agent's endpoint the trigger calls.",
  '/status/invocations': 'How many times the trigger invoked the agent.',
};

export const CAPABILITY_DOCS: Docs = {
  '/spec': 'A packaged agent capability that Agents attach with configuration.',
  '/spec/artifact': 'OCI artifact of the capability, pinned by sha256 digest.',
  '/spec/version': 'Version of the capability.',
  '/spec/entrypoint': 'Python entry point, module:Class.',
  '/spec/serializationName': 'Name the capability has in the compiled agent spec.',
  '/spec/configSchema': 'JSON Schema that configuration from Agents must satisfy.',
  '/spec/schemaPolicy': 'strict: configuration needs a schema; permissive: accepted without one.',
  '/spec/requires': 'Runtime versions the capability needs.',
  '/spec/requires/python': 'Python version, e.g. 3.12.',
  '/spec/requires/pydanticAI': 'pydantic-ai version range.',
  '/spec/requires/flokoaRunner': 'Flokoa runner version range.',
  '/spec/dependencies': 'Python packages pinned with ==.',
  '/spec/provenance': 'Where the artifact comes from.',
  '/spec/provenance/signatureRef': 'Reference to the signature of the artifact.',
};
