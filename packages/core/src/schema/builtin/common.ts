// Building blocks shared by the four built-in Flokoa schemas: references, the object envelope
// (apiVersion, kind, metadata, spec, status) and the status the operator writes.
import { k8s } from '../k8s.js';
import type { JsonSchema } from '../types.js';

export const FLOKOA_API_GROUP = 'agent.flokoa.ai';
export const FLOKOA_API_VERSION = 'v1alpha1';

export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
export const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', description, ...extra });
export const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
export const obj = (
  description: string,
  properties: Record<string, JsonSchema>,
  required?: string[],
  extra: JsonSchema = {},
): JsonSchema => ({
  type: 'object',
  description,
  properties,
  ...(required?.length ? { required } : {}),
  ...extra,
});
export const arr = (description: string, items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  description,
  items,
  ...extra,
});
export const stringMap = (description: string): JsonSchema => ({ type: 'object', description, additionalProperties: { type: 'string' } });

/** A structural "exactly one of these fields" constraint the API server enforces through oneOf. */
export const exactlyOneOf = (...fields: string[]): JsonSchema[] => fields.map((f) => ({ required: [f] }));

const nonEmpty = { minLength: 1 };

/** `{name, namespace}` reference to a Flokoa object; an omitted namespace means the referrer's. */
export function objectRef(kind: string, description: string): JsonSchema {
  return obj(
    description,
    {
      name: str(`Name of the ${kind}.`, nonEmpty),
      namespace: str(`Namespace of the ${kind}; defaults to this object's namespace.`),
    },
    ['name'],
  );
}

/** `{name, key}` selector of one key of a Secret (or ConfigMap) in this object's namespace. */
export function keyRef(what: 'Secret' | 'ConfigMap', description: string, keyRequired = true): JsonSchema {
  return obj(
    description,
    {
      name: str(`Name of the ${what}.`, nonEmpty),
      key: str(`Key within the ${what}.`, nonEmpty),
    },
    keyRequired ? ['name', 'key'] : ['name'],
  );
}

/** ObjectMeta as the API server validates it for every object; a manifest must name its object. */
export function metadataSchema(): JsonSchema {
  const meta = k8s('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata: name, namespace, labels, annotations.');
  return { ...meta, required: ['name'] };
}

/** Status fields every Flokoa kind reports. */
export function baseStatus(extra: Record<string, JsonSchema> = {}): JsonSchema {
  return obj('Observed state, written by the Flokoa operator; not set in manifests.', {
    phase: str('High-level lifecycle phase reported by the operator, e.g. Pending, Ready, Failed.'),
    observedGeneration: int('The metadata.generation the operator last acted on.', { format: 'int64' }),
    conditions: arr(
      "Latest observations of the object's state (Ready, Available, ...).",
      k8s('io.k8s.apimachinery.pkg.apis.meta.v1.Condition'),
      {
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
      },
    ),
    ...extra,
  });
}

/** The top-level schema of a Flokoa object, as a CRD's `openAPIV3Schema` holds it. */
export function resourceSchema(kind: string, description: string, spec: JsonSchema, status: JsonSchema = baseStatus()): JsonSchema {
  return obj(
    description,
    {
      apiVersion: str(`APIVersion of this object: ${FLOKOA_API_GROUP}/${FLOKOA_API_VERSION}.`),
      kind: str(`Kind of this object: ${kind}.`),
      metadata: metadataSchema(),
      spec,
      status,
    },
    ['spec'],
  );
}
