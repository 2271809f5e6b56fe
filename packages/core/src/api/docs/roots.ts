// One line per kind: what hover shows on the document itself.
export const ROOT_DOCS: Readonly<Record<string, string>> = {
  Agent: 'An AI agent the Flokoa operator runs as a Deployment and Service of the same name.',
  Model: 'A model configuration served by a ModelProvider.',
  ModelProvider: 'The endpoint and credentials of one LLM provider.',
  AgentTool: 'A tool agents may call.',
  Instruction: 'A system prompt agents can share.',
  AgentWorkflow: 'A workflow of tasks that call agents, HTTP endpoints and containers.',
  AgentTrigger: 'Invokes an agent when an event arrives.',
  Capability: 'A packaged capability agents attach with their own configuration.',
};
