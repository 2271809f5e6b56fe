// The documented Flokoa API: one entry per kind, with the names and columns its CRD carries.
import type { JsonSchema } from '../types.js';
import { agentSchema } from './agent.js';
import { agentToolSchema } from './agentTool.js';
import { FLOKOA_API_GROUP, FLOKOA_API_VERSION } from './common.js';
import { modelSchema } from './model.js';
import { modelProviderSchema } from './modelProvider.js';

export { FLOKOA_API_GROUP, FLOKOA_API_VERSION } from './common.js';
export { AGENT_FRAMEWORKS } from './agent.js';
export { PROVIDER_BLOCKS } from './modelProvider.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface BuiltinKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  listKind: string;
  shortNames: string[];
  printerColumns: PrinterColumn[];
  schema: JsonSchema;
}

const ready: PrinterColumn = { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
const phase: PrinterColumn = { name: 'Phase', type: 'string', jsonPath: '.status.phase' };
const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function kind(kindName: string, plural: string, shortNames: string[], printerColumns: PrinterColumn[], schema: JsonSchema): BuiltinKind {
  return {
    group: FLOKOA_API_GROUP,
    version: FLOKOA_API_VERSION,
    kind: kindName,
    plural,
    singular: kindName.toLowerCase(),
    listKind: `${kindName}List`,
    shortNames,
    printerColumns,
    schema,
  };
}

export const BUILTIN_KINDS: readonly BuiltinKind[] = [
  kind(
    'Agent',
    'agents',
    ['ag'],
    [
      { name: 'Framework', type: 'string', jsonPath: '.spec.framework' },
      phase,
      ready,
      { name: 'Replicas', type: 'integer', jsonPath: '.status.replicas' },
      { name: 'Available Replicas', type: 'integer', jsonPath: '.status.availableReplicas' },
      { name: 'URL', type: 'string', jsonPath: '.status.url', priority: 1 },
      age,
    ],
    agentSchema,
  ),
  kind(
    'Model',
    'models',
    ['mdl'],
    [
      { name: 'Model', type: 'string', jsonPath: '.spec.model' },
      { name: 'Provider', type: 'string', jsonPath: '.spec.providerRef.name' },
      phase,
      ready,
      age,
    ],
    modelSchema,
  ),
  kind('ModelProvider', 'modelproviders', ['mp'], [phase, ready, age], modelProviderSchema),
  kind('AgentTool', 'agenttools', ['at'], [{ name: 'Type', type: 'string', jsonPath: '.spec.type' }, phase, ready, age], agentToolSchema),
];

export function builtinKind(group: string, kindName: string): BuiltinKind | undefined {
  return BUILTIN_KINDS.find((k) => k.group === group && k.kind === kindName);
}
