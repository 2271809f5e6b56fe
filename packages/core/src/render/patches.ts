// `patchesStrategicMerge`, `patches` and `patchesJson6902`: where each patch comes from (a file,
// whose documents are then not objects, or text inline in the kustomization), which objects it
// targets (its own identity, or a selector), and applying it.
import type { RenderContext } from './context.js';
import type { SourceDocument, SourceOrigin } from './model.js';
import { applyStrategicMerge } from './strategicMerge.js';
import { applyJsonPatch, readJsonPatch, type JsonPatchOp } from './jsonPatch.js';
import { isJsonObject, type JsonObject } from './origins.js';
import { idOf, effectiveNamespace, describeId, sameId } from './resid.js';
import { readEntryFile, str, type Level } from './kustomization.js';
import type { Accumulator } from './resources.js';
import type { WorkingResource } from './resource.js';
import { parseFile } from '../parse.js';

/** A patch's text as documents: from a file (`path`) or inline (`patch`). */
interface PatchSource {
  docs: SourceDocument[];
  /** Where to report problems with it. */
  pointer: string;
  /** A short name for messages. */
  label: string;
}

function fromPath(ctx: RenderContext, level: Level, path: string, pointer: string): PatchSource | undefined {
  const f = readEntryFile(ctx, level, path, pointer);
  if (!f) return undefined;
  ctx.patchFiles.add(f.uri);
  return { docs: f.docs.filter((d) => d.value !== undefined && d.value !== null), pointer, label: `'${path}'` };
}

function fromInline(ctx: RenderContext, level: Level, text: string, pointer: string): PatchSource {
  return { docs: ctx.inlineDocuments(text, level.doc, pointer), pointer, label: 'the inline patch' };
}

/** The target selector of a patch entry. */
interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function readSelector(v: unknown): Selector | undefined {
  if (!isJsonObject(v)) return undefined;
  const s: Selector = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const x = str(v[k]);
    if (x !== '') s[k] = x;
  }
  return s;
}

function anchored(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return /$^/;
  }
}

/** A Kubernetes label selector (`a=b,c!=d,e in (x,y),!f,g`) against a label map. */
export function matchesSelector(selector: string, labels: Record<string, string>): boolean {
  const parts = selector.match(/([^,(]+(\([^)]*\))?)/g) ?? [];
  return parts.every((raw) => {
    const p = raw.trim();
    if (p === '') return true;
    let m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) {
      const set = m[3].split(',').map((x) => x.trim());
      const has = m[1] in labels && set.includes(labels[m[1]]);
      return m[2] === 'in' ? has : !has;
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(p);
    if (m) return m[2] === '!=' ? labels[m[1]] !== m[3].trim() : labels[m[1]] === m[3].trim();
    if (p.startsWith('!')) return !(p.slice(1).trim() in labels);
    return p in labels;
  });
}

/** The objects a selector picks: names and namespaces match the original or the current identity. */
function select(acc: Accumulator, s: Selector): WorkingResource[] {
  const [g, v, k, n, ns] = [s.group, s.version, s.kind, s.name, s.namespace].map(anchored);
  return acc.resources.filter((r) => {
    const cur = r.id;
    const org = r.orgId;
    if (ns && !ns.test(effectiveNamespace(org)) && !ns.test(effectiveNamespace(cur))) return false;
    if (n && !n.test(org.name) && !n.test(cur.name)) return false;
    if ((g && !g.test(cur.group)) || (v && !v.test(cur.version)) || (k && !k.test(cur.kind))) return false;
    if (s.labelSelector && !matchesSelector(s.labelSelector, r.stringMap('labels'))) return false;
    if (s.annotationSelector && !matchesSelector(s.annotationSelector, r.stringMap('annotations'))) return false;
    return true;
  });
}

function smPatch(
  ctx: RenderContext,
  acc: Accumulator,
  target: WorkingResource,
  patch: SourceDocument,
  options: { name?: boolean; kind?: boolean },
): void {
  const before = target.id;
  const meta0 = target.metadata();
  const metaOrigin = ctx.book.childOrigin(target.object, 'metadata', target.rootOrigin);
  const saved = { name: ctx.book.childOrigin(meta0, 'name', metaOrigin), namespace: ctx.book.childOrigin(meta0, 'namespace', metaOrigin) };
  if (options.name || options.kind) target.storePreviousId();
  const origin: SourceOrigin = { kind: 'source', doc: patch, pointer: '' };
  if (!applyStrategicMerge(ctx.book, target.object, target.rootOrigin, patch.value as JsonObject, origin, before)) {
    acc.remove(target);
    return;
  }
  // The patch names its target; it does not rename it (unless its options allow).
  const meta = target.metadata();
  if (!options.kind) target.object.kind = before.kind;
  if (!options.name) ctx.book.set(meta, 'name', before.name, saved.name);
  if (before.namespace) ctx.book.set(meta, 'namespace', before.namespace, saved.namespace);
  else delete meta.namespace;
}

/** A strategic merge patch without target goes to the one object with its identity. */
function byOwnId(
  ctx: RenderContext,
  level: Level,
  acc: Accumulator,
  patch: SourceDocument,
  src: PatchSource,
  options: { name?: boolean; kind?: boolean },
): void {
  if (!isJsonObject(patch.value)) {
    ctx.issue('error', 'patch', `${src.label} is not a strategic merge patch (not a mapping)`, level.doc, src.pointer);
    return;
  }
  const id = idOf(patch.value);
  const matches = acc.matching((x) => sameId(x, id));
  if (matches.length !== 1) {
    const why = matches.length === 0 ? 'no object' : 'several objects';
    ctx.issue(
      'error',
      'patch-target',
      `${why} here match${matches.length === 0 ? 'es' : ''} ${src.label} (${describeId(id)})`,
      level.doc,
      src.pointer,
    );
    return;
  }
  smPatch(ctx, acc, matches[0], patch, options);
}

/** Is this patch text a JSON patch (a list of operations) rather than strategic merge documents? */
function isJsonPatch(src: PatchSource): boolean {
  return src.docs.length === 1 && Array.isArray(src.docs[0].value);
}

function applyJson(ctx: RenderContext, level: Level, acc: Accumulator, src: PatchSource, target: Selector, storeIds: boolean): void {
  const doc = src.docs[0];
  const ops = readJsonPatch(doc.value, { kind: 'source', doc, pointer: '' });
  if (typeof ops === 'string') {
    ctx.issue('error', 'patch', `${src.label}: ${ops}`, level.doc, src.pointer);
    return;
  }
  for (const r of select(acc, target)) applyOps(ctx, level, r, ops, src, storeIds);
}

function applyOps(ctx: RenderContext, level: Level, r: WorkingResource, ops: JsonPatchOp[], src: PatchSource, storeIds: boolean): void {
  if (storeIds) r.storePreviousId();
  const err = applyJsonPatch(ctx.book, r.object, r.rootOrigin, ops);
  if (err) ctx.issue('error', 'patch', `${src.label} does not apply to ${describeId(r.id)}: ${err}`, level.doc, src.pointer);
  // kustomize re-reads the annotations as a string map after a JSON patch and writes them back:
  // anything else there, or an empty map, is gone.
  const meta = r.object.metadata;
  if (
    isJsonObject(meta) &&
    meta.annotations !== undefined &&
    (!isJsonObject(meta.annotations) || Object.keys(meta.annotations).length === 0)
  )
    delete meta.annotations;
}

/** `patchesStrategicMerge:` — file paths or inline YAML, each document patching the object with its identity. */
export function runPatchesStrategicMerge(ctx: RenderContext, level: Level, acc: Accumulator): void {
  const list = level.k.patchesStrategicMerge;
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const pointer = `/patchesStrategicMerge/${i}`;
    const inline = parseFile('inline://patch', entry).docs.some((d) => isJsonObject(d.value) && d.value.kind !== undefined);
    const src = inline ? fromInline(ctx, level, entry, pointer) : fromPath(ctx, level, entry, pointer);
    if (!src) return;
    for (const d of src.docs) byOwnId(ctx, level, acc, d, src, {});
  });
}

/** `patches:` — strategic merge or JSON patches, by path or inline, optionally with a target selector. */
export function runPatches(ctx: RenderContext, level: Level, acc: Accumulator, entries: { value: JsonObject; pointer: string }[]): void {
  for (const { value, pointer } of entries) {
    const path = str(value.path);
    const text = str(value.patch).trim();
    if ((path === '') === (text === '')) {
      ctx.issue('error', 'patch', path ? 'patch and path cannot both be set' : 'a patch needs a path or a patch', level.doc, pointer);
      continue;
    }
    const src = path ? fromPath(ctx, level, path, `${pointer}/path`) : fromInline(ctx, level, text, `${pointer}/patch`);
    if (!src || src.docs.length === 0) continue;
    const target = readSelector(value.target);
    const options = isJsonObject(value.options) ? value.options : {};
    if (isJsonPatch(src)) {
      if (!target) ctx.issue('error', 'patch', `a JSON patch needs a target`, level.doc, pointer);
      else applyJson(ctx, level, acc, src, target, true);
      continue;
    }
    const opts = { name: options.allowNameChange === true, kind: options.allowKindChange === true };
    if (!target) {
      for (const d of src.docs) byOwnId(ctx, level, acc, d, src, opts);
      continue;
    }
    if (src.docs.length > 1) {
      ctx.issue('error', 'patch', 'several strategic merge patches in one entry cannot have a target', level.doc, pointer);
      continue;
    }
    const doc = src.docs[0];
    if (!isJsonObject(doc.value)) continue;
    // A targeted patch takes each target's group and version and keeps its own kind.
    for (const r of select(acc, target)) smPatch(ctx, acc, r, { ...doc, value: { ...doc.value, apiVersion: r.object.apiVersion } }, opts);
  }
}

/** `patchesJson6902:` — each with a target (name required) and a path or inline operations. */
export function runPatchesJson6902(ctx: RenderContext, level: Level, acc: Accumulator): void {
  const list = level.k.patchesJson6902;
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    const pointer = `/patchesJson6902/${i}`;
    if (!isJsonObject(entry)) return;
    const target = readSelector(entry.target);
    if (!target?.name) {
      ctx.issue('error', 'patch', 'a patchesJson6902 entry must name its target', level.doc, pointer);
      return;
    }
    const path = str(entry.path);
    const text = str(entry.patch);
    const src = path ? fromPath(ctx, level, path, `${pointer}/path`) : text ? fromInline(ctx, level, text, `${pointer}/patch`) : undefined;
    if (!src || src.docs.length === 0) return;
    applyJson(ctx, level, acc, src, target, false);
  });
}
