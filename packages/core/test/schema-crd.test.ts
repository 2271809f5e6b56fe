import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crdFromSchemas, BUILTIN_KINDS, type JsonSchema } from '../src/schema/index.js';

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
const crds = crdFromSchemas() as unknown as Crd[];

/** [kind, plural, short names, printer column names]. */
const expected: [string, string, string[], string[]][] = [
  ['Agent', 'agents', ['ag'], ['Framework', 'Phase', 'Ready', 'Replicas', 'Available Replicas', 'URL', 'Age']],
  ['Model', 'models', ['mdl'], ['Model', 'Provider', 'Phase', 'Ready', 'Age']],
  ['ModelProvider', 'modelproviders', ['mp'], ['Phase', 'Ready', 'Age']],
  ['AgentTool', 'agenttools', ['at'], ['Type', 'Phase', 'Ready', 'Age']],
];
for (const [kind, plural, shortNames, columns] of expected) {
  test(`crdFromSchemas: ${kind}`, () => {
    const crd = crds.find((c) => c.spec.names.kind === kind)!;
    assert.equal(crd.apiVersion, 'apiextensions.k8s.io/v1');
    assert.equal(crd.kind, 'CustomResourceDefinition');
    assert.equal(crd.metadata.name, `${plural}.agent.flokoa.ai`);
    assert.equal(crd.spec.scope, 'Namespaced');
    assert.equal(crd.spec.names.plural, plural);
    assert.equal(crd.spec.names.singular, kind.toLowerCase());
    assert.equal(crd.spec.names.listKind, `${kind}List`);
    assert.deepEqual(crd.spec.names.shortNames, shortNames);
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
  for (const crd of crds) assert.deepEqual(structuralViolations(crd.spec.versions[0]!.schema.openAPIV3Schema, crd.spec.names.kind), []);
});

test('crdFromSchemas: plain data, built from the same built-in schemas', () => {
  const a = crdFromSchemas();
  const b = crdFromSchemas();
  assert.notEqual(a[0], b[0]);
  assert.deepEqual(a, b);
  assert.equal(a.length, BUILTIN_KINDS.length);
  const spec = (crds[0]!.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec as JsonSchema).properties!;
  assert.deepEqual(Object.keys(spec), Object.keys(BUILTIN_KINDS[0]!.schema.properties!.spec!.properties!));
});
