// configMapGenerator and secretGenerator: ConfigMaps and Secrets made from literals, files and
// env files, marked for kustomize's content-hash name suffix, merged into or replacing an
// object of the same identity when `behavior` says so. Every generated field points back at the
// line of the kustomization that produced it (secret values are never copied into messages).
import type { RenderContext } from './context.js';
import type { FieldOrigin, SourceOrigin } from './model.js';
import { WorkingResource, type Behavior } from './resource.js';
import { isJsonObject, type Json, type JsonObject } from './origins.js';
import { insideRoot, objectList, resolveEntry, str, stringMap, type Level } from './kustomization.js';
import type { Accumulator } from './resources.js';
import { base64 } from './hash.js';
import { describeId, sameId } from './resid.js';

interface Pair {
  key: string;
  value: string;
  origin: FieldOrigin;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

function src(level: Level, pointer: string): SourceOrigin {
  return { kind: 'source', doc: level.doc, pointer };
}

/** The strings of a list field of a generator entry, with the pointer of each. */
function entries(args: JsonObject, field: string, at: string): { value: string; pointer: string }[] {
  const v = args[field];
  if (typeof v === 'string' && v !== '') return [{ value: v, pointer: `${at}/${field}` }];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x, i) => (typeof x === 'string' ? [{ value: x, pointer: `${at}/${field}/${i}` }] : []));
}

function readSource(ctx: RenderContext, level: Level, path: string, pointer: string): string | undefined {
  const uri = resolveEntry(level.dir, path);
  if (!uri || !insideRoot(level.dir, uri)) {
    ctx.issue('error', 'outside-root', `'${path}' is outside the kustomization's folder: kustomize refuses to read it`, level.doc, pointer);
    return undefined;
  }
  const text = ctx.text(uri);
  if (text === undefined) ctx.issue('error', 'missing-file', `'${path}' does not exist`, level.doc, pointer);
  return text;
}

/** Key/value pairs in kustomize's order: env files, then literals, then files. */
function pairsOf(ctx: RenderContext, level: Level, args: JsonObject, at: string): Pair[] | undefined {
  const out: Pair[] = [];
  for (const e of [...entries(args, 'envs', at), ...entries(args, 'env', at)]) {
    const text = readSource(ctx, level, e.value, e.pointer);
    if (text === undefined) return undefined;
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    for (const [n, raw] of lines.entries()) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) {
        // Not quoted: in a secret's env file a malformed line may be the secret itself.
        ctx.issue('error', 'generator', `line ${n + 1} of ${e.value} is not NAME=value with a valid variable name`, level.doc, e.pointer);
        return undefined;
      }
      out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1), origin: src(level, e.pointer) });
    }
  }
  for (const e of entries(args, 'literals', at)) {
    const eq = e.value.indexOf('=');
    if (eq <= 0) {
      // The text is not quoted: in a secretGenerator it may be the secret itself.
      ctx.issue('error', 'generator', 'a literal source must be key=value (this one has no key)', level.doc, e.pointer);
      return undefined;
    }
    let value = e.value.slice(eq + 1);
    if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
    out.push({ key: e.value.slice(0, eq), value, origin: src(level, e.pointer) });
  }
  for (const e of entries(args, 'files', at)) {
    const parts = e.value.split('=');
    if (parts.length > 2 || (parts.length === 2 && (parts[0] === '' || parts[1] === ''))) {
      ctx.issue('error', 'generator', `file source '${e.value}' must be 'path' or 'key=path'`, level.doc, e.pointer);
      return undefined;
    }
    const path = parts[parts.length - 1];
    const text = readSource(ctx, level, path, e.pointer);
    if (text === undefined) return undefined;
    out.push({ key: parts.length === 2 ? parts[0] : path.split('/').pop()!, value: text, origin: src(level, e.pointer) });
  }
  const seen = new Set<string>();
  for (const p of out) {
    if (!DATA_KEY.test(p.key)) {
      ctx.issue('error', 'generator', `'${p.key}' is not a valid ConfigMap/Secret key`, level.doc, at);
      return undefined;
    }
    if (seen.has(p.key)) {
      ctx.issue('error', 'generator', `${str(args.name)} repeats the key '${p.key}'`, level.doc, at);
      return undefined;
    }
    seen.add(p.key);
  }
  return out;
}

/** Base64 the way kyaml writes Secret data: lines of 70, each ending in a newline once there are several. */
function secretValue(s: string): string {
  const b = base64(s);
  if (b.length < 70) return b;
  let out = '';
  for (let i = 0; i < b.length; i += 70) out += b.slice(i, i + 70) + '\n';
  return out;
}

interface Options {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  disableHash: boolean;
  immutable: boolean;
}

function optionsOf(level: Level, args: JsonObject): Options {
  const local = isJsonObject(args.options) ? args.options : {};
  const global = isJsonObject(level.k.generatorOptions) ? level.k.generatorOptions : {};
  return {
    labels: { ...stringMap(global.labels), ...stringMap(local.labels) },
    annotations: { ...stringMap(global.annotations), ...stringMap(local.annotations) },
    disableHash: local.disableNameSuffixHash === true || global.disableNameSuffixHash === true,
    immutable: local.immutable === true || global.immutable === true,
  };
}

function generate(
  ctx: RenderContext,
  level: Level,
  kind: 'ConfigMap' | 'Secret',
  args: JsonObject,
  at: string,
): WorkingResource | undefined {
  const name = str(args.name);
  if (name === '') {
    ctx.issue('error', 'generator', `a ${kind.toLowerCase()} generator entry must have a name`, level.doc, at);
    return undefined;
  }
  const pairs = pairsOf(ctx, level, args, at);
  if (!pairs) return undefined;
  const book = ctx.book;
  const origin = src(level, at);
  const object: JsonObject = { apiVersion: 'v1', kind };
  book.mark(object, origin);
  const meta: JsonObject = {};
  book.set(object, 'metadata', meta, origin);
  book.set(meta, 'name', name, src(level, `${at}/name`));
  if (str(args.namespace) !== '') book.set(meta, 'namespace', str(args.namespace), src(level, `${at}/namespace`));
  const opts = optionsOf(level, args);
  for (const [field, values] of [
    ['labels', opts.labels],
    ['annotations', opts.annotations],
  ] as const) {
    if (Object.keys(values).length === 0) continue;
    const m: JsonObject = {};
    for (const k of Object.keys(values).sort()) m[k] = values[k];
    book.set(meta, field, m, src(level, `${at}/options/${field}`));
  }
  if (kind === 'Secret') book.set(object, 'type', str(args.type) || 'Opaque', src(level, args.type ? `${at}/type` : at));
  if (pairs.length > 0 || kind === 'Secret') {
    const data: JsonObject = {};
    book.set(object, 'data', data, origin);
    for (const p of [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
      book.set(data, p.key, kind === 'Secret' ? secretValue(p.value) : p.value, p.origin);
  }
  if (opts.immutable) book.set(object, 'immutable', true, origin);
  const r = new WorkingResource(object, origin, book);
  r.generated = true;
  r.listedBy = level.doc;
  r.needsHash = !opts.disableHash;
  const b = str(args.behavior);
  r.behavior = b === 'merge' || b === 'replace' ? (b as Behavior) : 'create';
  return r;
}

/** Runs a kustomization's generators, adding (or merging into, or replacing) objects of the accumulator. */
export function runGenerators(ctx: RenderContext, level: Level, acc: Accumulator): void {
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const { value, pointer } of objectList(level, field)) {
      const r = generate(ctx, level, kind, value, pointer);
      if (r) absorb(ctx, level, acc, r, pointer);
    }
  }
}

function absorb(ctx: RenderContext, level: Level, acc: Accumulator, r: WorkingResource, pointer: string): void {
  const matches = acc.matching((id) => sameId(id, r.id));
  if (matches.length === 0) {
    if (r.behavior !== 'create')
      ctx.issue('error', 'generator', `${describeId(r.id)} does not exist; cannot ${r.behavior} it`, level.doc, pointer);
    else acc.append(ctx, [r], level, pointer);
    return;
  }
  if (matches.length > 1 || r.behavior === 'create') {
    ctx.issue('error', 'generator', `${describeId(r.id)} exists; behavior must be merge or replace`, level.doc, pointer);
    return;
  }
  const old = matches[0];
  mergeMeta(r, old);
  if (r.behavior === 'merge') mergeData(r, old);
  // The merged object takes the old one's place and identity history.
  r.prevIds.push(...old.prevIds);
  r.prefixes = [...old.prefixes];
  r.suffixes = [...old.suffixes];
  r.changes.push(...old.changes);
  r.namespaceBy = old.namespaceBy;
  acc.resources[acc.resources.indexOf(old)] = r;
}

function mergeMeta(r: WorkingResource, old: WorkingResource): void {
  const meta = r.metadata();
  const oldMeta = old.metadata();
  for (const field of ['labels', 'annotations'] as const) {
    const merged = { ...old.stringMap(field), ...r.stringMap(field) };
    if (Object.keys(merged).length > 0) r.book.set(meta, field, merged, r.book.childOrigin(meta, field, r.rootOrigin));
  }
  for (const field of ['name', 'namespace'] as const) {
    const v: Json | undefined = oldMeta[field];
    if (typeof v === 'string') r.book.set(meta, field, v, old.book.childOrigin(oldMeta, field, old.rootOrigin));
    else delete meta[field];
  }
}

function mergeData(r: WorkingResource, old: WorkingResource): void {
  for (const field of ['data', 'binaryData']) {
    const before = old.object[field];
    if (!isJsonObject(before)) continue;
    let now = r.object[field];
    if (!isJsonObject(now)) {
      now = {};
      r.book.set(r.object, field, now, r.rootOrigin);
    }
    const beforeOrigin = old.book.childOrigin(old.object, field, old.rootOrigin);
    for (const [k, v] of Object.entries(before)) if (!(k in now)) r.book.set(now, k, v, r.book.childOrigin(before, k, beforeOrigin));
  }
}
