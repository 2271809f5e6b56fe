// A Flux Kustomization (kustomize.toolkit.fluxcd.io) renders its `spec.path` the way
// kustomize-controller does: it uses the folder's kustomization (or generates one listing every
// manifest below it), overrides namespace/prefix/suffix with targetNamespace/namePrefix/
// nameSuffix, adds its patches, images and components, builds, then substitutes
// `postBuild` variables and sets `commonMetadata` on every object.
import { RenderContext } from './context.js';
import { KustomizeBuild, type TopOverrides } from './build.js';
import type { RenderHost, RenderResult, SourceDocument, TransformerOrigin } from './model.js';
import { KUSTOMIZATION_FILES, str, stringMap, type Level } from './kustomization.js';
import { isJsonObject, type Json, type JsonObject } from './origins.js';
import { readImage } from './images.js';
import { substituteObject } from './substitute.js';
import { fromBase64 } from './hash.js';

export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';

export function isFluxKustomization(v: unknown): v is JsonObject {
  return (
    isJsonObject(v) && v.kind === 'Kustomization' && typeof v.apiVersion === 'string' && v.apiVersion.startsWith(FLUX_KUSTOMIZE_GROUP + '/')
  );
}

export interface FluxOptions {
  /** The Flux Kustomization's own namespace (substituteFrom objects live there). */
  namespace: string;
  /** A ConfigMap or Secret of the workspace, for `postBuild.substituteFrom`. */
  lookup(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): JsonObject | undefined;
}

/**
 * The folder a Flux Kustomization's `spec.path` names. The path is relative to its source's root,
 * which for a repository holding the Kustomization is an ancestor of its file: the nearest
 * ancestor under which the path exists wins. Undefined when no ancestor has it (another repository).
 */
export function resolveFluxPath(fluxUri: string, path: string, folderExists: (dirUri: string) => boolean): string | undefined {
  const rel = path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (/(^|\/)\.\.(\/|$)/.test(rel)) return undefined;
  for (let dir = fluxUri.slice(0, fluxUri.lastIndexOf('/') + 1); ;) {
    const candidate = rel === '' ? dir : `${dir}${rel}/`;
    if (folderExists(candidate)) return candidate;
    const up = dir.lastIndexOf('/', dir.length - 2);
    if (up < 0 || dir.endsWith('//')) return undefined;
    const next = dir.slice(0, up + 1);
    if (next === dir || next.endsWith('//')) return undefined;
    dir = next;
  }
}

function origin(doc: SourceDocument, transformer: string, pointer: string): TransformerOrigin {
  return { kind: 'transformer', transformer, doc, pointer };
}

/** The files and kustomized folders directly under a folder, as Flux's generated kustomization lists them. */
function generatedResources(ctx: RenderContext, dir: string, flux: SourceDocument): string[] {
  const files = ctx.yamlFilesUnder(dir);
  const kustomized = new Set<string>();
  for (const f of files) {
    const name = f.slice(f.lastIndexOf('/') + 1);
    const folder = f.slice(0, f.lastIndexOf('/') + 1);
    if (KUSTOMIZATION_FILES.includes(name) && folder !== dir) kustomized.add(folder);
  }
  // A kustomized folder is listed once and not descended into (nor are folders below it).
  const tops = [...kustomized].filter((k) => ![...kustomized].some((o) => o !== k && k.startsWith(o))).sort();
  const out: string[] = tops.map((k) => k.slice(dir.length).replace(/\/$/, ''));
  for (const f of files) {
    if (tops.some((k) => f.startsWith(k))) continue;
    const docs = ctx.documents(f) ?? [];
    const manifests = docs.every(
      (d) =>
        d.value === null ||
        d.value === undefined ||
        (isJsonObject(d.value) && typeof d.value.kind === 'string' && typeof d.value.apiVersion === 'string'),
    );
    if (!manifests) {
      ctx.issue(
        'error',
        'flux-not-manifest',
        `${f.slice(dir.length)} under spec.path is not a Kubernetes manifest: Flux fails to build the generated kustomization`,
        flux,
        '/spec/path',
      );
      continue;
    }
    out.push(f.slice(dir.length));
  }
  return out;
}

function overridesOf(flux: SourceDocument, spec: JsonObject, level: Level): TopOverrides {
  const o: TopOverrides = {};
  for (const [field, key] of [
    ['targetNamespace', 'namespace'],
    ['namePrefix', 'namePrefix'],
    ['nameSuffix', 'nameSuffix'],
  ] as const) {
    if (typeof spec[field] === 'string' && spec[field] !== '')
      o[key] = { value: spec[field] as string, origin: origin(flux, field, `/spec/${field}`) };
  }
  if (Array.isArray(spec.patches)) {
    const entries = spec.patches.flatMap((p, i) => (isJsonObject(p) ? [{ value: p, pointer: `/spec/patches/${i}` }] : []));
    o.patches = { level, entries };
  }
  if (Array.isArray(spec.images)) {
    o.images = spec.images.flatMap((im, i) =>
      isJsonObject(im) ? [{ entry: readImage(im), origin: origin(flux, 'images', `/spec/images/${i}`) }] : [],
    );
  }
  if (Array.isArray(spec.components)) {
    o.components = spec.components.flatMap((c, i) =>
      typeof c === 'string' ? [{ level, value: c, pointer: `/spec/components/${i}` }] : [],
    );
  }
  return o;
}

/** The variables of `postBuild`: substituteFrom objects first (later ones win), then inline `substitute`. */
function variables(ctx: RenderContext, flux: SourceDocument, spec: JsonObject, options: FluxOptions): Record<string, string> | undefined {
  const post = isJsonObject(spec.postBuild) ? spec.postBuild : undefined;
  if (!post) return undefined;
  const vars: Record<string, string> = {};
  const from = Array.isArray(post.substituteFrom) ? post.substituteFrom : [];
  from.forEach((ref, i) => {
    if (!isJsonObject(ref) || (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret')) return;
    const obj = options.lookup(ref.kind, options.namespace, str(ref.name));
    if (!obj) {
      if (ref.optional !== true)
        ctx.issue(
          'warning',
          'flux-substitute-from',
          `${ref.kind} ${options.namespace}/${str(ref.name)} is not in the workspace: its variables are unknown here`,
          flux,
          `/spec/postBuild/substituteFrom/${i}`,
        );
      return;
    }
    for (const [k, v] of Object.entries(stringMap(obj.data)))
      vars[k] = (ref.kind === 'Secret' ? (fromBase64(v) ?? '') : v).replace(/\n/g, '');
    if (ref.kind === 'Secret') for (const [k, v] of Object.entries(stringMap(obj.stringData))) vars[k] = v.replace(/\n/g, '');
  });
  for (const [k, v] of Object.entries(stringMap(post.substitute))) vars[k] = v.replace(/\n/g, '');
  return Object.keys(vars).length > 0 || post.substituteStrategy === 'Always' ? vars : undefined;
}

/** Renders what a Flux Kustomization applies, its path resolved by the caller to a folder URI. */
export function renderFluxKustomization(host: RenderHost, flux: SourceDocument, dir: string, options: FluxOptions): RenderResult {
  const ctx = new RenderContext(host);
  const spec = isJsonObject((flux.value as JsonObject).spec) ? ((flux.value as JsonObject).spec as JsonObject) : {};
  const build = new KustomizeBuild(ctx);
  const pseudo: Level = { doc: flux, dir, k: {}, isComponent: false };
  const overrides = overridesOf(flux, spec, pseudo);
  const hasKustomization = KUSTOMIZATION_FILES.some((n) => ctx.documents(dir + n));
  let result: RenderResult;
  if (hasKustomization) result = build.build(dir, overrides);
  else {
    const resources = generatedResources(ctx, dir, flux);
    result = build.buildLevel({ doc: flux, dir, k: { resources }, isComponent: false }, overrides);
    for (const i of result.issues) if (i.doc === flux && i.pointer.startsWith('/resources')) i.pointer = '/spec/path';
  }
  const vars = variables(ctx, flux, spec, options);
  const meta = isJsonObject(spec.commonMetadata) ? spec.commonMetadata : undefined;
  for (const o of result.objects) {
    const object = o.object as JsonObject;
    const m = isJsonObject(object.metadata) ? object.metadata : {};
    const disabled = (x: Json | undefined) => isJsonObject(x) && x['kustomize.toolkit.fluxcd.io/substitute'] === 'disabled';
    if (vars && !disabled(m.labels) && !disabled(m.annotations)) substituteObject(object, vars, (p) => quotedInSource(host, o.originAt(p)));
    if (meta) setCommonMetadata(ctx, flux, object, meta);
  }
  return result;
}

function setCommonMetadata(ctx: RenderContext, flux: SourceDocument, object: JsonObject, meta: JsonObject): void {
  let m = object.metadata;
  if (!isJsonObject(m)) ctx.book.set(object, 'metadata', (m = {}), origin(flux, 'commonMetadata', '/spec/commonMetadata'));
  for (const field of ['labels', 'annotations'] as const) {
    const values = stringMap(meta[field]);
    if (Object.keys(values).length === 0) continue;
    let target = m[field];
    if (!isJsonObject(target)) ctx.book.set(m, field, (target = {}), origin(flux, 'commonMetadata', `/spec/commonMetadata/${field}`));
    for (const [k, v] of Object.entries(values))
      ctx.book.set(target, k, v, origin(flux, 'commonMetadata', `/spec/commonMetadata/${field}/${k}`));
  }
}

/** Was the value at an origin written in quotes (then substitution keeps it a string)? */
function quotedInSource(host: RenderHost, o: ReturnType<RenderResult['objects'][number]['originAt']>): boolean {
  if (!o || o.kind !== 'source') return false;
  const r = o.doc.ranges.get(o.pointer)?.value;
  const text = r ? host.text(o.doc.uri) : undefined;
  if (!r || text === undefined) return false;
  const line = text.split('\n')[r.start.line] ?? '';
  const c = line.charAt(r.start.character);
  return c === '"' || c === "'";
}

/** A Flux Kustomization whose path is not in the workspace (another repository): nothing rendered, said once. */
export function unresolvedFluxResult(doc: SourceDocument): RenderResult {
  const spec = isJsonObject(doc.value) && isJsonObject(doc.value.spec) ? doc.value.spec : {};
  const path = typeof spec.path === 'string' ? spec.path : './';
  return {
    objects: [],
    issues: [
      {
        severity: 'info',
        code: 'flux-path',
        message: `spec.path '${path}' is not in this workspace (another repository, or a folder not opened): what it applies is not analysed`,
        doc,
        pointer: typeof spec.path === 'string' ? '/spec/path' : '/spec',
      },
    ],
    inputs: new Set([doc.uri]),
    folders: new Set(),
    resourceFiles: new Set(),
    patchFiles: new Set(),
    unusedImages: [],
    opaque: false,
  };
}
