import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crdFromSchemas, type JsonSchema } from '../src/schema/index.js';
import { apiById } from '../src/api/index.js';

/** The documented (January 2026) generation, the shape these tests were written for. */
const BUILTIN_KINDS = apiById('2026-01')!.kinds;

type Crd = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular: string; shortNames: string[]; listKind: string };
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      schema: { openAPIV3Schema: JsonSchema };
      subresources: object;
      additionalPrinterColumns: { name: string; jsonPath: string; type: string }[];
    }[];
  };
};
const crds = crdFromSchemas(BUILTIN_KINDS) as unknown as Crd[];

/** [generation, kind, plural, short names, printer column names]: facts of the operator's CRDs. */
const expected: [string, string, string, string[], string[]][] = [
  ['2026-01', 'Agent', 'agents', [], ['Phase', 'Backend', 'URL', 'Ready', 'Age']],
  ['2026-01', 'Model', 'models', [], ['Model', 'Provider', 'Ready', 'Age']],
  ['2026-01', 'AgentWorkflow', 'agentworkflows', ['awf'], ['Ready', 'Template', 'Age']],
  ['2026-06', 'Agent', 'agents', [], ['Phase', 'URL', 'Ready', 'SpecHash', 'Age']],
  ['2026-06', 'AgentTool', 'agenttools', [], ['Type', 'Transport', 'Age']],
  ['2026-06', 'AgentTrigger', 'agenttriggers', ['atr'], ['Phase', 'Agent', 'EventSource', 'Age']],
  ['2026-06', 'Capability', 'capabilities', ['cap'], ['Version', 'Runner', 'Policy', 'Age']],
];
for (const [gen, kind, plural, shortNames, columns] of expected) {
  test(`crdFromSchemas: ${kind} of ${gen}`, () => {
    const crd = (crdFromSchemas(apiById(gen)!.kinds) as unknown as Crd[]).find((c) => c.spec.names.kind === kind)!;
    assert.equal(crd.apiVersion, 'apiextensions.k8s.io/v1');
    assert.equal(crd.kind, 'CustomResourceDefinition');
    assert.equal(crd.metadata.name, `${plural}.agent.flokoa.ai`);
    assert.equal(crd.spec.scope, 'Namespaced');
    assert.equal(crd.spec.names.plural, plural);
    assert.equal(crd.spec.names.singular, kind.toLowerCase());
    assert.equal(crd.spec.names.listKind, `${kind}List`);
    assert.deepEqual(crd.spec.names.shortNames ?? [], shortNames);
    const [v] = crd.spec.versions;
    assert.equal(v!.name, 'v1alpha1');
    assert.equal(v!.served && v!.storage, true);
    assert.deepEqual(v!.subresources, { status: {} });
    assert.deepEqual(
      v!.additionalPrinterColumns.map((c) => c.name),
      columns,
    );
    assert.ok(v!.additionalPrinterColumns.every((c) => c.jsonPath.startsWith('.')));
    assert.deepEqual(v!.schema.openAPIV3Schema.properties!.metadata, { type: 'object' }, 'the API server owns metadata');
  });
}

/** Rules the API server applies to a CRD schema before accepting it (structural schema). */
function structuralViolations(s: JsonSchema, path: string, inBranch = false): string[] {
  const out: string[] = [];
  const raw = s as Record<string, unknown>;
  if ('$ref' in raw) out.push(`${path}: $ref`);
  if (!inBranch && !s.type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields']) out.push(`${path}: no type`);
  if (s.properties && s.additionalProperties !== undefined) out.push(`${path}: properties with additionalProperties`);
  if (s['x-kubernetes-int-or-string'] && s.type) out.push(`${path}: int-or-string with type`);
  for (const key of Object.keys(raw)) if (key.startsWith('x-') && !key.startsWith('x-kubernetes-')) out.push(`${path}: ${key}`);
  for (const [k, v] of Object.entries(s.properties ?? {})) out.push(...structuralViolations(v, `${path}.${k}`, inBranch));
  if (s.items) out.push(...structuralViolations(s.items, `${path}[]`, inBranch));
  if (typeof s.additionalProperties === 'object') out.push(...structuralViolations(s.additionalProperties, `${path}{}`, inBranch));
  for (const b of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    if (b.type && !s['x-kubernetes-int-or-string']) out.push(`${path}: type inside a branch`);
    if (b.description) out.push(`${path}: description inside a branch`);
    out.push(...structuralViolations(b, `${path}|`, true));
  }
  return out;
}

test('crdFromSchemas: schemas are structural (the API server would accept the CRDs)', () => {
  for (const crd of [...crds, ...(crdFromSchemas(apiById('2026-06')!.kinds) as unknown as Crd[])])
    assert.deepEqual(structuralViolations(crd.spec.versions[0]!.schema.openAPIV3Schema, crd.spec.names.kind), []);
});

test('crdFromSchemas: plain data, built from the same built-in schemas', () => {
  const a = crdFromSchemas(BUILTIN_KINDS);
  const b = crdFromSchemas(BUILTIN_KINDS);
  assert.notEqual(a[0], b[0]);
  assert.deepEqual(a, b);
  assert.equal(a.length, BUILTIN_KINDS.length);
  const spec = (crds[0]!.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec as JsonSchema).properties!;
  assert.deepEqual(Object.keys(spec), Object.keys(BUILTIN_KINDS[0]!.schema.properties!.spec!.properties!));
});
