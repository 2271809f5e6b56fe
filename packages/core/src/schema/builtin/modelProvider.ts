// ModelProvider: credentials and endpoint of one LLM provider.
import type { JsonSchema } from '../types.js';
import { bool, exactlyOneOf, keyRef, obj, resourceSchema, str, stringMap } from './common.js';

export const PROVIDER_BLOCKS = ['openai', 'anthropic', 'google', 'bedrock'];

const baseURL = (who: string) => str(`Override of the ${who} API endpoint (proxies, gateways, compatible servers).`);

const spec = obj(
  'Desired state of the ModelProvider: exactly one provider block plus credentials.',
  {
    apiKeySecretRef: keyRef('Secret', 'Secret key holding the provider API key.'),
    openai: obj('Use the OpenAI API (or an OpenAI-compatible endpoint).', { baseURL: baseURL('OpenAI') }),
    anthropic: obj('Use the Anthropic API.', { baseURL: baseURL('Anthropic') }),
    google: obj('Use Google Vertex AI / Gemini.', {
      project: str('Google Cloud project ID.'),
      location: str('Google Cloud region, e.g. us-central1.'),
      serviceAccountKeySecretRef: keyRef('Secret', 'Secret key holding a service account JSON key.'),
    }),
    bedrock: obj('Use Amazon Bedrock.', { region: str('AWS region, e.g. us-east-1.') }),
    tls: obj('TLS settings for connections to the provider.', {
      insecureSkipVerify: bool("Skip verification of the provider's certificate (never in production)."),
      caSecretRef: keyRef('Secret', 'Secret key holding a PEM CA bundle to trust.', false),
      useSystemCAs: bool('Also trust the system CA bundle alongside caSecretRef.'),
    }),
    defaultHeaders: stringMap('HTTP headers sent with every request to the provider.'),
  },
  undefined,
  { oneOf: exactlyOneOf(...PROVIDER_BLOCKS) },
);

export const modelProviderSchema: JsonSchema = resourceSchema(
  'ModelProvider',
  'ModelProvider holds the endpoint and credentials of an LLM provider.',
  spec,
);
