#!/usr/bin/env node
// Extracts the Kubernetes core/v1 (and meta/v1) shapes the Flokoa kinds embed into
// packages/core/src/schema/k8s-core-v1.json, so that core needs no Kubernetes package at run time.
//
// Source: the npm package `kubernetes-models` (+ its `@kubernetes-models/apimachinery`), which is
// generated from the Kubernetes OpenAPI definitions. Its .d.ts files keep every property's
// description, required-ness, enums (as literal unions) and the int-or-string / quantity types;
// its compiled validators (`_schemas/*.js`) are the only place where integer vs number survives,
// so those are asked directly (a value of 0.5 is rejected with `type: integer` for int fields).
//
// Usage: node scripts/gen-k8s-schemas.mjs          write the JSON
//        node scripts/gen-k8s-schemas.mjs --check  exit 1 if the committed JSON is stale
import { readFileSync, writeFileSync, existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const coreDir = resolve(here, '..');
const outFile = join(coreDir, 'src/schema/k8s-core-v1.json');

/** The shapes Agent.spec.runtime.spec and the resource envelope need; their closure is extracted. */
const ROOTS = [
  'io.k8s.api.core.v1.Container',
  'io.k8s.api.core.v1.Affinity',
  'io.k8s.api.core.v1.Toleration',
  'io.k8s.api.core.v1.Volume',
  'io.k8s.api.core.v1.PodSecurityContext',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition',
];

// Kubernetes serialises these as strings or numbers; CRD generators (controller-gen) emit them
// exactly like this, so a CRD embedding a Container validates the same way.
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const SPECIAL = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': () => ({
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  }),
  'io.k8s.apimachinery.pkg.api.resource.Quantity': () => ({
    description: 'A quantity such as 500m, 2, 512Mi or 2Gi (decimal SI or binary suffixes).',
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    pattern: QUANTITY_PATTERN,
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': () => ({ type: 'string', format: 'date-time' }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': () => ({ type: 'string', format: 'date-time' }),
};

function findPackageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`cannot find package ${name} from ${from}`);
  }
}
const modelsDir = findPackageDir('kubernetes-models', coreDir);
const machineryDir = findPackageDir('@kubernetes-models/apimachinery', modelsDir);
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
const machineryVersion = JSON.parse(readFileSync(join(machineryDir, 'package.json'), 'utf8')).version;

/** 'io.k8s.api.core.v1.Probe' → { file, validator } in the packages. */
function locate(defName) {
  const core = /^io\.k8s\.api\.core\.v1\.(\w+)$/.exec(defName);
  if (core)
    return { file: join(modelsDir, 'v1', `${core[1]}.d.ts`), validator: join(modelsDir, '_schemas', `IoK8sApiCoreV1${core[1]}.js`) };
  const m = /^io\.k8s\.apimachinery\.pkg\.(.+)$/.exec(defName);
  if (m) {
    const parts = m[1].split('.');
    const camel = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
    return { file: join(machineryDir, ...parts) + '.d.ts', validator: join(machineryDir, '_schemas', `IoK8sApimachineryPkg${camel}.js`) };
  }
  throw new Error(`no source for ${defName}`);
}

/** Module specifier as imported by a .d.ts → definition name. */
function defNameOfImport(fromFile, specifier) {
  if (specifier.startsWith('./')) {
    const target = resolve(dirname(fromFile), specifier).replace(/\.js$/, '');
    if (target.startsWith(join(modelsDir, 'v1') + '/')) return `io.k8s.api.core.v1.${target.slice(join(modelsDir, 'v1').length + 1)}`;
    if (target.startsWith(machineryDir + '/'))
      return `io.k8s.apimachinery.pkg.${target
        .slice(machineryDir.length + 1)
        .split('/')
        .join('.')}`;
  }
  const pkg = '@kubernetes-models/apimachinery/';
  if (specifier.startsWith(pkg)) return `io.k8s.apimachinery.pkg.${specifier.slice(pkg.length).replace(/\.js$/, '').split('/').join('.')}`;
  return undefined;
}

function docOf(node) {
  const jsDoc = node.jsDoc?.[0];
  const text = typeof jsDoc?.comment === 'string' ? jsDoc.comment : (jsDoc?.comment ?? []).map((c) => c.text).join('');
  return text.replace(/\r/g, '').trim();
}

function parseDefinition(defName, docOnly = false) {
  const { file } = locate(defName);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const imports = new Map();
  let decl;
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, st.moduleSpecifier.text);
    }
    if (!decl && (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st))) decl = st;
  }
  if (!decl) throw new Error(`${file}: no interface`);
  const refs = new Set();
  const typeToSchema = (t) => {
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return { 'x-kubernetes-preserve-unknown-fields': true };
    }
    if (ts.isUnionTypeNode(t) && t.types.every((u) => ts.isLiteralTypeNode(u) && ts.isStringLiteral(u.literal))) {
      return { type: 'string', enum: t.types.map((u) => u.literal.text) };
    }
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText(source);
      if (name === 'Array' && t.typeArguments?.length === 1) return { type: 'array', items: typeToSchema(t.typeArguments[0]) };
      const spec = imports.get(name);
      const target = spec && defNameOfImport(file, spec);
      if (!target) throw new Error(`${file}: cannot resolve type ${name}`);
      refs.add(target);
      return { $ref: `#/definitions/${target}` };
    }
    if (ts.isArrayTypeNode(t)) return { type: 'array', items: typeToSchema(t.elementType) };
    if (ts.isTypeLiteralNode(t)) {
      const index = t.members.find(ts.isIndexSignatureDeclaration);
      if (index && t.members.length === 1) return { type: 'object', additionalProperties: typeToSchema(index.type) };
      if (t.members.length === 0) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
    throw new Error(`${file}: unsupported type ${t.getText(source)}`);
  };
  const schema = {};
  const description = docOf(decl);
  if (description) schema.description = description;
  if (docOnly) return { schema, refs };
  if (ts.isTypeAliasDeclaration(decl)) {
    Object.assign(schema, typeToSchema(decl.type));
    return { schema, refs };
  }
  schema.type = 'object';
  const properties = {};
  const required = [];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member)) throw new Error(`${file}: unexpected member`);
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
    const prop = typeToSchema(member.type);
    const doc = docOf(member);
    properties[name] = prop.$ref ? (doc ? { description: doc, allOf: [prop] } : prop) : { ...(doc ? { description: doc } : {}), ...prop };
    if (!member.questionToken) required.push(name);
  }
  if (Object.keys(properties).length === 0) {
    // An empty Go struct serialised as a free-form object (FieldsV1).
    schema['x-kubernetes-preserve-unknown-fields'] = true;
  } else {
    schema.properties = properties;
    if (required.length) schema.required = required;
  }
  return { schema, refs };
}

/** Asks the package's compiled validator which `number` fields are integers (and their format). */
async function refineNumbers(defName, schema) {
  const numeric = Object.entries(schema.properties ?? {}).filter(
    ([, p]) => p.type === 'number' || (p.type === 'array' && p.items?.type === 'number'),
  );
  if (numeric.length === 0) return;
  const { validator } = locate(defName);
  const { validate } = await import(pathToFileURL(validator).href);
  const probe = {};
  for (const [name, p] of numeric) probe[name] = p.type === 'array' ? [0.5] : 0.5;
  validate(probe);
  for (const err of validate.errors ?? []) {
    const m = /^\/([^/]+)(\/0)?$/.exec(err.instancePath);
    if (!m) continue;
    const p = schema.properties[m[1].replace(/~1/g, '/').replace(/~0/g, '~')];
    const target = m[2] ? p.items : p;
    if (err.keyword === 'type' && err.params.type === 'integer') target.type = 'integer';
    if (err.keyword === 'format') target.format = err.params.format;
  }
  for (const [, p] of numeric) {
    const target = p.type === 'array' ? p.items : p;
    if (target.type === 'number' && !target.format) target.format = 'double';
  }
}

const definitions = {};
const queue = [...ROOTS];
while (queue.length) {
  const name = queue.shift();
  if (definitions[name]) continue;
  if (SPECIAL[name]) {
    definitions[name] = { ...parseDefinition(name, true).schema, ...SPECIAL[name]() };
    continue;
  }
  const { schema, refs } = parseDefinition(name);
  await refineNumbers(name, schema);
  definitions[name] = schema;
  for (const r of refs) if (!definitions[r]) queue.push(r);
}

const sorted = Object.fromEntries(
  Object.keys(definitions)
    .sort()
    .map((k) => [k, definitions[k]]),
);
const output = {
  $comment:
    'GENERATED by packages/core/scripts/gen-k8s-schemas.mjs — do not edit. Kubernetes core/v1 and meta/v1 ' +
    'definitions (the closure of `roots`) taken from the npm packages kubernetes-models and ' +
    '@kubernetes-models/apimachinery, which are generated from the Kubernetes OpenAPI definitions.',
  source: { 'kubernetes-models': modelsVersion, '@kubernetes-models/apimachinery': machineryVersion },
  roots: ROOTS,
  definitions: sorted,
};
// One definition per line: small, and a diff shows which definitions a package update changed.
const text =
  '{\n' +
  Object.entries(output)
    .map(([k, v]) =>
      k === 'definitions'
        ? ` "definitions": {\n${Object.entries(v)
            .map(([n, d]) => `  ${JSON.stringify(n)}: ${JSON.stringify(d)}`)
            .join(',\n')}\n }`
        : ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
    )
    .join(',\n') +
  '\n}\n';

if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) {
    console.error(`error: ${outFile} is stale; run node packages/core/scripts/gen-k8s-schemas.mjs`);
    process.exit(1);
  }
  console.log(`ok: ${Object.keys(sorted).length} definitions up to date`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}: ${Object.keys(sorted).length} definitions, ${text.length} bytes`);
}
