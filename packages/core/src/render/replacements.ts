// `replacements:` — copy a field of one object into fields of others (kubebuilder's default
// layout wires webhook certificates this way). Paths are dotted (`spec.dnsNames.0`), with
// `[key=value]` to pick list elements, `[a.b/c]` to quote a key and `*` for every element.
import type { RenderContext } from './context.js';
import type { TransformerOrigin } from './model.js';
import { isJsonObject, type Json, type JsonObject, type OriginBook } from './origins.js';
import { readEntryFile, str, type Level } from './kustomization.js';
import type { Accumulator } from './resources.js';
import type { WorkingResource } from './resource.js';
import { effectiveNamespace, type GvkSelector } from './resid.js';
import { matchesSelector } from './patches.js';
import { by } from './transformers.js';

/** Splits a dotted path, keeping `[...]` parts whole. */
export function splitDotted(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((s) => s !== '');
}

interface Slot {
  parent: JsonObject | Json[];
  key: string | number;
}

/** Every place a path reaches (creating missing fields when `create` is given). */
function match(node: Json, path: string[], create: boolean, out: Slot[], parent?: Slot): void {
  if (path.length === 0) {
    if (parent) out.push(parent);
    return;
  }
  const [part, ...rest] = path;
  if (/^\d+$/.test(part) && Array.isArray(node)) {
    const i = Number(part);
    if (i === node.length && create) node.push(rest.length === 0 ? '' : /^\[|^\d+$/.test(rest[0]) ? [] : {});
    if (i < node.length) match(node[i], rest, create, out, { parent: node, key: i });
    return;
  }
  if (part === '*' && (Array.isArray(node) || isJsonObject(node))) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const k of keys) match((node as Record<string | number, Json>)[k], rest, create, out, { parent: node, key: k });
    return;
  }
  const list = /^\[(.*?)=(.*)\]$/.exec(part);
  if (list && Array.isArray(node)) {
    const [, field, value] = list;
    let re: RegExp;
    try {
      re = new RegExp(value);
    } catch {
      return;
    }
    const hits = node
      .map((el, i) => ({ el, i }))
      .filter(({ el }) =>
        field === ''
          ? el !== null && typeof el !== 'object' && re.test(String(el))
          : isJsonObject(el) && el[field] !== undefined && re.test(String(el[field])),
      );
    if (hits.length === 0 && create) {
      node.push(field === '' ? value : { [field]: value });
      hits.push({ el: node[node.length - 1], i: node.length - 1 });
    }
    for (const { el, i } of hits) match(el, rest, create, out, { parent: node, key: i });
    return;
  }
  if (!isJsonObject(node)) return;
  const key = part.startsWith('[') && part.endsWith(']') ? part.slice(1, -1) : part;
  if (node[key] === undefined && create) node[key] = rest.length === 0 ? '' : /^\[.*=|^\d+$/.test(rest[0]) ? [] : {};
  if (node[key] === undefined) return;
  match(node[key], rest, create, out, { parent: node, key });
}

interface Select extends GvkSelector {
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function readSelect(v: Json | undefined): Select {
  const s: Select = {};
  if (!isJsonObject(v)) return s;
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const)
    if (str(v[k])) s[k] = str(v[k]);
  return s;
}

/** Selected by identity: the current one or any earlier one. */
function selectedBy(r: WorkingResource, s: Select): boolean {
  return r.anyId(
    (id) =>
      (!s.name || s.name === id.name) &&
      (!s.namespace || s.namespace === effectiveNamespace(id)) &&
      (!s.group || s.group === id.group) &&
      (!s.version || s.version === id.version) &&
      (!s.kind || s.kind === id.kind),
  );
}

function byLabels(r: WorkingResource, s: Select): boolean {
  return (
    (!s.labelSelector || matchesSelector(s.labelSelector, r.stringMap('labels'))) &&
    (!s.annotationSelector || matchesSelector(s.annotationSelector, r.stringMap('annotations')))
  );
}

/** The entries of `replacements:` (inline, or `path:` to a file holding a list of them). */
function entriesOf(ctx: RenderContext, level: Level): { value: JsonObject; origin: TransformerOrigin }[] {
  const list = level.k.replacements;
  if (!Array.isArray(list)) return [];
  const out: { value: JsonObject; origin: TransformerOrigin }[] = [];
  list.forEach((e, i) => {
    if (!isJsonObject(e)) return;
    const pointer = `/replacements/${i}`;
    if (typeof e.path === 'string') {
      const f = readEntryFile(ctx, level, e.path, `${pointer}/path`);
      if (!f) return;
      ctx.patchFiles.add(f.uri);
      for (const d of f.docs) {
        const items = Array.isArray(d.value) ? d.value : [d.value];
        items.forEach((x, j) => {
          if (isJsonObject(x))
            out.push({
              value: x as JsonObject,
              origin: { kind: 'transformer', transformer: 'replacements', doc: d, pointer: Array.isArray(d.value) ? `/${j}` : '' },
            });
        });
      }
    } else out.push({ value: e, origin: by(level, 'replacements', pointer) });
  });
  return out;
}

/** The value a source names (with `options.delimiter`/`index` picking a part), or an error. */
function sourceValue(acc: Accumulator, source: JsonObject): { value: Json } | { error: string } {
  const s = readSelect(source);
  const found = acc.resources.filter((r) => selectedBy(r, s));
  if (found.length !== 1)
    return { error: `${found.length === 0 ? 'nothing' : 'several objects'} selected by the source ${JSON.stringify(s)}` };
  const slots: Slot[] = [];
  match(found[0].object, splitDotted(str(source.fieldPath) || 'metadata.name'), false, slots);
  const v = slots.length > 0 ? (slots[0].parent as Record<string | number, Json>)[slots[0].key] : undefined;
  if (v === undefined || v === null || v === '')
    return { error: `fieldPath '${str(source.fieldPath) || 'metadata.name'}' is missing in the source` };
  const opts = isJsonObject(source.options) ? source.options : {};
  if (str(opts.delimiter) === '') return { value: v };
  const parts = String(v).split(str(opts.delimiter));
  const index = typeof opts.index === 'number' ? opts.index : 0;
  return index >= 0 && index < parts.length ? { value: parts[index] } : { error: `options.index ${index} is out of bounds` };
}

function write(book: OriginBook, slot: Slot, value: Json, options: JsonObject, origin: TransformerOrigin): void {
  const container = slot.parent as Record<string | number, Json>;
  let v = value;
  const delimiter = str(options.delimiter);
  if (delimiter && typeof container[slot.key] !== 'object') {
    const parts = String(container[slot.key] ?? '').split(delimiter);
    const index = typeof options.index === 'number' ? options.index : 0;
    if (index < 0) parts.unshift(String(value));
    else if (index >= parts.length) parts.push(String(value));
    else parts[index] = String(value);
    v = parts.join(delimiter);
  }
  const old = container[slot.key];
  // A scalar target keeps its type where the new text allows (kustomize keeps the YAML tag).
  if (typeof old === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) v = Number(v);
  else if (typeof old === 'boolean' && (v === 'true' || v === 'false')) v = v === 'true';
  else if (typeof old === 'string' && (typeof v === 'number' || typeof v === 'boolean')) v = String(v);
  book.set(container as object, slot.key, typeof v === 'object' ? book.adopt(v, origin) : v, origin);
}

export function runReplacements(ctx: RenderContext, level: Level, acc: Accumulator): void {
  for (const { value, origin } of entriesOf(ctx, level)) {
    if (!isJsonObject(value.source) || !Array.isArray(value.targets)) {
      ctx.issue('error', 'replacement', 'a replacement needs a source and targets', origin.doc, origin.pointer);
      continue;
    }
    const v = sourceValue(acc, value.source);
    if ('error' in v) {
      ctx.issue('error', 'replacement', `replacement: ${v.error}`, origin.doc, `${origin.pointer}/source`);
      continue;
    }
    for (const t of value.targets) if (isJsonObject(t)) applyTarget(ctx, acc, t, v.value, origin);
  }
}

function applyTarget(ctx: RenderContext, acc: Accumulator, t: JsonObject, v: Json, origin: TransformerOrigin): void {
  const sel = readSelect(t.select);
  const rejects = Array.isArray(t.reject) ? t.reject.map(readSelect) : [];
  const options = isJsonObject(t.options) ? t.options : {};
  const paths = Array.isArray(t.fieldPaths) ? t.fieldPaths.map(str).filter(Boolean) : ['metadata.name'];
  for (const r of acc.resources) {
    if (!byLabels(r, sel) || rejects.some((x) => (x.labelSelector || x.annotationSelector) && byLabels(r, x))) continue;
    if (!selectedBy(r, sel) || rejects.some((x) => (x.name || x.kind || x.group || x.version || x.namespace) && selectedBy(r, x))) continue;
    for (const p of paths) {
      const slots: Slot[] = [];
      match(r.object, splitDotted(p), options.create === true, slots);
      if (slots.length === 0) {
        ctx.issue(
          'error',
          'replacement',
          `unable to find field '${p}' in replacement target ${r.id.kind} ${r.id.name}`,
          origin.doc,
          origin.pointer,
        );
        continue;
      }
      for (const s of slots) write(ctx.book, s, v, options, origin);
    }
  }
}
