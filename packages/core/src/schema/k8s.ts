// Kubernetes core/v1 and meta/v1 shapes, generated from the Kubernetes OpenAPI definitions
// (see scripts/gen-k8s-schemas.mjs) and inlined here so that every consumer sees a plain
// structural schema, as it would appear inside a CRD.
import generated from './k8s-core-v1.json' with { type: 'json' };
import type { JsonSchema } from './types.js';

const definitions = generated.definitions as unknown as Record<string, JsonSchema & { $ref?: string }>;

export type K8sDefinitionName = keyof typeof generated.definitions;

/** Where the definitions came from (package names and versions), for docs and `--version` output. */
export const K8S_SCHEMA_SOURCE: Readonly<Record<string, string>> = generated.source;

function refTarget(s: JsonSchema & { $ref?: string }): string | undefined {
  return s.$ref?.replace('#/definitions/', '');
}

/** Every definition with its $refs inlined; shared sub-objects, built once when core loads. */
const RESOLVED: ReadonlyMap<string, JsonSchema> = (() => {
  const done = new Map<string, JsonSchema>();
  const resolving = new Set<string>();
  const definition = (name: string): JsonSchema => {
    const hit = done.get(name);
    if (hit) return hit;
    const raw = definitions[name];
    if (!raw) throw new Error(`unknown Kubernetes definition ${name}`);
    // A cycle cannot be inlined into a structural schema; the generator's roots have none.
    if (resolving.has(name)) throw new Error(`recursive Kubernetes definition ${name}`);
    resolving.add(name);
    const schema = inline(raw);
    resolving.delete(name);
    done.set(name, schema);
    return schema;
  };
  const inline = (s: JsonSchema & { $ref?: string }): JsonSchema => {
    const direct = refTarget(s);
    if (direct) return definition(direct);
    // The generator writes `{description, allOf: [{$ref}]}` to keep a field's own description.
    if (s.allOf?.length === 1 && refTarget(s.allOf[0]!)) {
      const { allOf, ...rest } = s;
      return { ...definition(refTarget(allOf[0]!)!), ...rest };
    }
    const out: JsonSchema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, inline(v)]));
    if (s.items) out.items = inline(s.items);
    if (typeof s.additionalProperties === 'object') out.additionalProperties = inline(s.additionalProperties);
    return out;
  };
  for (const name of Object.keys(definitions)) definition(name);
  return done;
})();

/**
 * The structural schema of a Kubernetes definition, e.g. `k8s('io.k8s.api.core.v1.Container')`.
 * Shared and frozen in spirit: callers copy before changing (`{ ...k8s(x), description }`).
 */
export function k8s(name: K8sDefinitionName, description?: string): JsonSchema {
  const schema = RESOLVED.get(name)!;
  return description ? { ...schema, description } : schema;
}

/** Names of all definitions shipped (for tests and docs). */
export function k8sDefinitionNames(): K8sDefinitionName[] {
  return Object.keys(definitions) as K8sDefinitionName[];
}
