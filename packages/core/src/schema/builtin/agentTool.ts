// AgentTool: a tool an agent may call, described by an OpenAPI document.
import type { JsonSchema } from '../types.js';
import { exactlyOneOf, int, keyRef, obj, resourceSchema, str, stringMap } from './common.js';

const serviceRef = obj(
  'In-cluster Service that serves the API; set exactly one of port or portName.',
  {
    name: str('Name of the Service.', { minLength: 1 }),
    namespace: str("Namespace of the Service; defaults to the AgentTool's."),
    port: int('Service port number.', { minimum: 1, maximum: 65535, format: 'int32' }),
    portName: str('Name of the Service port.'),
  },
  ['name'],
  { oneOf: exactlyOneOf('port', 'portName') },
);

const openApiSchema = obj(
  'Where the OpenAPI document comes from; set exactly one of value, valueFrom, endpointPath.',
  {
    value: str('The OpenAPI document inline (JSON or YAML).'),
    valueFrom: keyRef('ConfigMap', 'ConfigMap key holding the OpenAPI document.'),
    endpointPath: str('Path on the API server that serves the document, e.g. /openapi.json.'),
  },
  undefined,
  { oneOf: exactlyOneOf('value', 'valueFrom', 'endpointPath') },
);

const openApi = obj(
  'OpenAPI-backed tool settings; set exactly one of url or serviceRef.',
  {
    url: str('Base URL of the API.'),
    serviceRef,
    openApiSchema,
    timeoutSeconds: int('Timeout of one tool call, 1 to 300 seconds.', { minimum: 1, maximum: 300, format: 'int32' }),
    headers: stringMap('HTTP headers sent with every tool call.'),
  },
  undefined,
  { oneOf: exactlyOneOf('url', 'serviceRef') },
);

const spec = obj(
  'Desired state of the AgentTool.',
  {
    type: str('Kind of tool backend.', { enum: ['openapi'] }),
    description: str("What the tool does; the agent's model reads it to decide when to call the tool.", { minLength: 1 }),
    openApi,
  },
  ['type', 'description'],
);

export const agentToolSchema: JsonSchema = resourceSchema(
  'AgentTool',
  'AgentTool is a tool, backed by an OpenAPI API, that agents may call.',
  spec,
);
