// Model: a tuned model configuration served by a ModelProvider.
import type { JsonSchema } from '../types.js';
import { arr, bool, int, obj, objectRef, resourceSchema, str, stringMap } from './common.js';

// The API takes sampling parameters as decimal strings (e.g. "0.7"), not numbers.
const ZERO_TO_TWO = '^([01](\\.[0-9]+)?|2(\\.0+)?)$';
const ZERO_TO_ONE = '^(0(\\.[0-9]+)?|1(\\.0+)?)$';
const MINUS_TWO_TO_TWO = '^-?([01](\\.[0-9]+)?|2(\\.0+)?)$';

const parameters = obj('Sampling and request parameters sent with every call.', {
  temperature: str('Sampling temperature, a decimal string from "0" to "2", e.g. "0.7".', { pattern: ZERO_TO_TWO }),
  maxTokens: int('Maximum number of tokens to generate (at least 1).', { minimum: 1 }),
  topP: str('Nucleus sampling probability, a decimal string from "0" to "1", e.g. "0.9".', { pattern: ZERO_TO_ONE }),
  topK: int('Sample only from the K most likely tokens (at least 1).', { minimum: 1 }),
  presencePenalty: str('Presence penalty, a decimal string from "-2" to "2".', { pattern: MINUS_TWO_TO_TWO }),
  frequencyPenalty: str('Frequency penalty, a decimal string from "-2" to "2".', { pattern: MINUS_TWO_TO_TWO }),
  timeOut: {
    description: 'Request timeout (seconds, or a duration string such as "60s").',
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  },
  parallelToolCalls: bool('Whether the model may call several tools in one turn.'),
  stopSequences: arr('Sequences that stop generation.', { type: 'string' }),
  seed: int('Seed for deterministic sampling where the provider supports it.'),
  extraHeaders: stringMap('Extra HTTP headers sent with every request to the provider.'),
  extraBody: {
    type: 'object',
    description: 'Extra provider-specific fields merged into the request body.',
    'x-kubernetes-preserve-unknown-fields': true,
  },
});

const spec = obj(
  'Desired state of the Model.',
  {
    model: str('Provider-side model name, e.g. "gpt-4o".', { minLength: 1 }),
    providerRef: objectRef('ModelProvider', "The ModelProvider that serves this model; namespace defaults to the Model's."),
    parameters,
  },
  ['model', 'providerRef'],
);

export const modelSchema: JsonSchema = resourceSchema('Model', 'Model is a model configuration served by a ModelProvider.', spec);
