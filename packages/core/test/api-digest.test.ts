// Each built-in generation says what the operator's CRDs say: its schemas hold exactly the facts of
// the committed digest (api/digests/*.json, checked against an operator checkout by
// scripts/crd-digest.mjs --check), apart from what the generation declares it adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_GENERATIONS } from '../src/api/index.js';
import { fieldPathsOf, fieldsOf, schemaOfFields, type FieldFacts } from '../src/api/digest.js';
import type { ApiDescription, KindOverlay } from '../src/api/types.js';

const under = (p: string, roots: string[]) => roots.some((r) => p === r || p.startsWith(`${r}/`));

/** The differences a generation declares for one kind, as the facts they may change. */
function declared(o: KindOverlay | undefined) {
  return {
    aliases: Object.keys(o?.documentedAliases ?? {}),
    optional: o?.documentedOptional ?? {},
    admission: o?.admission ?? {},
  };
}

function expectedFacts(path: string, facts: FieldFacts, d: ReturnType<typeof declared>): FieldFacts {
  const out: Record<string, unknown> = { ...facts };
  const optional = d.optional[path];
  if (optional && Array.isArray(out.required)) {
    out.required = (out.required as string[]).filter((r) => !optional.includes(r));
    if ((out.required as string[]).length === 0) delete out.required;
  }
  Object.assign(out, d.admission[path] ?? {});
  return out as FieldFacts;
}

function check(api: ApiDescription): void {
  for (const k of api.kinds) {
    const digest = api.digest.kinds[k.kind];
    assert.ok(digest, `${api.id}: ${k.kind} is not in the digest`);
    const version = digest.versions.find((v) => v.storage)!;
    const d = declared(api.overlay[k.kind]);
    const built = fieldsOf(k.schema);
    for (const [path, facts] of Object.entries(version.fields)) {
      assert.deepEqual(built[path], expectedFacts(path, facts, d), `${api.id} ${k.kind} ${path || '(root)'}`);
    }
    for (const path of Object.keys(built)) {
      if (!Object.hasOwn(version.fields, path))
        assert.ok(under(path, d.aliases), `${api.id} ${k.kind} ${path} is not in the operator's CRD`);
    }
    // Names, columns and subresources as the CRD has them.
    assert.equal(k.plural, digest.plural);
    assert.deepEqual(k.shortNames, digest.shortNames);
    assert.deepEqual(k.printerColumns, version.columns);
    assert.equal(k.statusSubresource, version.status);
  }
  assert.deepEqual(api.kinds.map((k) => k.kind).sort(), Object.keys(api.digest.kinds).sort(), `${api.id}: every kind of the digest`);
}

for (const api of API_GENERATIONS) {
  test(`digest: the ${api.title} API (${api.id}) holds exactly the facts of operator commit ${api.digest.source.commit.slice(0, 7)}`, () =>
    check(api));

  test(`digest: every drift of the ${api.title} API is declared and noted`, () => {
    for (const [kind, o] of Object.entries(api.overlay)) {
      const d = declared(o);
      const noted = api.drift.filter((n) => n.kind === kind);
      for (const alias of d.aliases)
        assert.ok(
          noted.some((n) => n.type === 'documented-only' && n.pointer === alias),
          `${kind} ${alias} has a drift note`,
        );
      for (const [path, names] of Object.entries(d.optional))
        for (const name of names)
          assert.ok(
            noted.some((n) => n.type === 'required-in-crd' && n.pointer === `${path}/${name}`),
            `${kind} ${path}/${name}`,
          );
    }
  });

  test(`digest: every reference path of the ${api.title} API is a field of its schemas`, () => {
    for (const r of api.references) {
      const kind = api.kinds.find((k) => k.kind === r.fromKind);
      assert.ok(kind, `${r.id}: ${r.fromKind}`);
      const paths = Object.keys(fieldsOf(kind.schema));
      const alternatives = r.path
        .slice(1)
        .split('/')
        .reduce<string[]>((acc, seg) => acc.flatMap((p) => (seg === '*' ? [`${p}/[]`] : seg.split('|').map((a) => `${p}/${a}`))), ['']);
      assert.ok(
        alternatives.some((p) => paths.includes(p)),
        `${api.id} ${r.id} ${r.path}`,
      );
      for (const p of alternatives.filter((x) => paths.includes(x))) {
        if (r.nameField) assert.ok(paths.includes(`${p}/${r.nameField}`), `${api.id} ${r.id}: ${p}/${r.nameField}`);
      }
    }
  });
}

test('digest: fields and schema are inverses (a digest rebuilt from its schema is itself)', () => {
  for (const api of API_GENERATIONS)
    for (const [kind, d] of Object.entries(api.digest.kinds))
      for (const v of d.versions) assert.deepEqual(fieldsOf(schemaOfFields(v.fields)), v.fields, `${api.id} ${kind} ${v.name}`);
});

test('fieldPathsOf lists the paths of fieldsOf, for every kind of every generation', () => {
  for (const api of API_GENERATIONS) {
    for (const k of api.kinds) assert.deepEqual(fieldPathsOf(k.schema).sort(), Object.keys(fieldsOf(k.schema)), `${api.id} ${k.kind}`);
  }
});
