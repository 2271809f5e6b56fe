// Skeletons of the four Flokoa kinds, offered at the top of an empty document.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';

const API = 'agent.flokoa.ai/v1alpha1';

function item(kind: string, body: string, doc: string): CompletionItem {
  return {
    label: `${kind} (Flokoa)`,
    filterText: kind,
    kind: CompletionItemKind.Snippet,
    detail: `New ${kind} (${API})`,
    documentation: doc,
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: `apiVersion: ${API}\nkind: ${kind}\nmetadata:\n  name: \${1:name}\n  namespace: \${2:namespace}\nspec:\n${body}`,
  };
}

export const RESOURCE_SNIPPETS: CompletionItem[] = [
  item(
    'Agent',
    '  framework: ${3|pydantic-ai,langchain,crewai,autogen,a2a|}\n  model:\n    name: ${4:model}\n  runtime:\n    type: standard\n    spec:\n      replicas: ${5:2}\n      container:\n        name: agent\n        image: ${6:registry.example.com/agent:v1.0.0}\n        ports:\n          - containerPort: ${7:8080}\n        resources:\n          requests:\n            cpu: 250m\n            memory: 256Mi\n          limits:\n            cpu: "1"\n            memory: 1Gi\n        livenessProbe:\n          httpGet:\n            path: /health\n            port: ${7:8080}\n        readinessProbe:\n          httpGet:\n            path: /ready\n            port: ${7:8080}\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                labelSelector:\n                  matchLabels:\n                    flokoa.ai/agent: ${1:name}\n                topologyKey: kubernetes.io/hostname$0',
    'An Agent with the production practices of the HA guide: pinned image, requests and limits, probes, anti-affinity on its own pods.',
  ),
  item(
    'Model',
    '  model: ${3:gpt-4o}\n  providerRef:\n    name: ${4:provider}\n  parameters:\n    temperature: "${5:0.7}"$0',
    'A Model served by a ModelProvider.',
  ),
  item(
    'ModelProvider',
    '  apiKeySecretRef:\n    name: ${3:provider-credentials}\n    key: ${4:api-key}\n  ${5|openai,anthropic,google,bedrock|}: {}$0',
    'A ModelProvider: credentials from a Secret and exactly one provider block.',
  ),
  item(
    'AgentTool',
    '  type: openapi\n  description: ${3:What the tool does}\n  openApi:\n    url: ${4:https://api.example.com}\n    openApiSchema:\n      endpointPath: ${5:/openapi.json}$0',
    'An OpenAPI tool an Agent can call.',
  ),
];

/**
 * The skeleton of a new `kind` named `name` in `namespace`, as plain text (the snippet with its
 * placeholders filled by their defaults): what the "Create …" quick fix writes. Undefined for a kind
 * without a skeleton.
 */
export function resourceSkeleton(kind: string, name: string, namespace: string): string | undefined {
  const snippet = RESOURCE_SNIPPETS.find((s) => s.filterText === kind)?.insertText;
  if (!snippet) return undefined;
  return snippet
    .replace(/\$\{1:[^}]*\}/g, name)
    .replace(/\$\{2:[^}]*\}/g, namespace)
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '');
}
