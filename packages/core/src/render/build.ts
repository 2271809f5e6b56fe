// `kustomize build` of a folder: resources (files, folders, nested kustomizations), then
// configurations, generators, components, then the transformers in kustomize's order, level by
// level; at the top, hash suffixes and name references. Problems become issues on the line that
// causes them, and the build goes on where kustomize would stop, so the rest is still analysed.
import type { RenderContext } from './context.js';
import type { RenderedObject, RenderResult, TransformerOrigin } from './model.js';
import { builtinFieldSpecs, mergeSpecs, type TransformerConfig } from './fieldSpec.js';
import { fixNameReferences, mergeNameReferences } from './nameReference.js';
import { builtinNameReferences } from './nameReferenceConfig.js';
import { Accumulator, objectsOf } from './resources.js';
import {
  asDir,
  isRemote,
  loadKustomization,
  objectList,
  readEntryFile,
  resolveEntry,
  stringList,
  str,
  type Level,
} from './kustomization.js';
import { runGenerators } from './generators.js';
import { runPatches, runPatchesJson6902, runPatchesStrategicMerge } from './patches.js';
import { by, readFieldSpecs, runAffix, runAnnotations, runLabels, runNamespace, runReplicas } from './transformers.js';
import { imageRules, runImages, type ImageRule } from './images.js';
import { runReplacements } from './replacements.js';
import { kustomizeHash } from './hash.js';
import { isJsonObject, type JsonObject } from './origins.js';
import type { WorkingResource } from './resource.js';

/** What a caller (Flux) overrides in the top kustomization, as if written there. */
export interface TopOverrides {
  namespace?: { value: string; origin: TransformerOrigin };
  namePrefix?: { value: string; origin: TransformerOrigin };
  nameSuffix?: { value: string; origin: TransformerOrigin };
  /** Extra `patches:` entries, written in another document. */
  patches?: { level: Level; entries: { value: JsonObject; pointer: string }[] };
  images?: ImageRule[];
  /** Extra `components:` (paths relative to the top folder). */
  components?: { level: Level; value: string; pointer: string }[];
}

/** Fields kustomize supports that the renderer does not: the rendering cannot be known offline. */
const UNKNOWN_OFFLINE: Record<string, string> = {
  helmCharts: 'Helm charts are inflated by running helm',
  helmChartInflationGenerator: 'Helm charts are inflated by running helm',
  generators: 'generator plugins run code',
  transformers: 'transformer plugins run code',
  validators: 'validator plugins run code',
  vars: 'vars are not supported here (kustomize deprecated them for replacements)',
  crds: 'crds: schemas are not read here',
  openapi: 'openapi: schemas are not read here',
};

export class KustomizeBuild {
  private readonly stack: string[] = [];
  /** Every image rule that ran, and whether it changed any image. */
  readonly imagesUsed = new Map<ImageRule, boolean>();

  constructor(readonly ctx: RenderContext) {}

  /** Builds a folder's kustomization as the top of a rendering. */
  build(dir: string, overrides: TopOverrides = {}): RenderResult {
    return this.result(this.accumulate(dir, undefined, undefined, overrides));
  }

  /** Builds a kustomization given as data (Flux's generated one) as the top of a rendering. */
  buildLevel(level: Level, overrides: TopOverrides = {}): RenderResult {
    this.stack.push(level.dir);
    return this.result(this.level(level, new Accumulator(), overrides));
  }

  private result(acc: Accumulator | undefined): RenderResult {
    if (acc) this.finish(acc);
    const objects = acc ? acc.resources.filter((r) => !isLocalConfig(r)).map(toRendered) : [];
    const c = this.ctx;
    const unusedImages = [...this.imagesUsed]
      .filter(([, changed]) => !changed)
      .map(([rule]) => ({ name: rule.entry.name, origin: rule.origin }));
    return {
      objects,
      issues: c.issues,
      inputs: c.inputs,
      folders: c.folders,
      resourceFiles: c.resourceFiles,
      patchFiles: c.patchFiles,
      unusedImages,
      opaque: c.opaque,
    };
  }

  /** The top level only: hash suffixes, then references to renamed objects. */
  private finish(acc: Accumulator): void {
    for (const r of acc.resources) {
      if (!r.needsHash) continue;
      const hash = kustomizeHash(r.object);
      r.storePreviousId();
      r.setIdentity(
        'name',
        `${r.id.name}-${hash}`,
        { kind: 'transformer', transformer: 'hash', doc: r.source.doc, pointer: `${r.source.pointer}/name` },
        true,
      );
    }
    try {
      fixNameReferences(acc.resources, acc.config.nameReference);
    } catch (e) {
      const top = acc.resources[0];
      if (top) this.ctx.issue('error', 'name-reference', (e as Error).message, top.source.doc, top.source.pointer);
    }
  }

  /**
   * One kustomization level. A component works on its parent's accumulator; anything else starts
   * its own. Undefined when the folder has no usable kustomization (the caller reports it).
   */
  accumulate(
    dir: string,
    parent: Accumulator | undefined,
    from: { level: Level; pointer: string } | undefined,
    overrides: TopOverrides = {},
  ): Accumulator | undefined {
    const loaded = loadKustomization(this.ctx, dir);
    if ('error' in loaded) {
      if (from) this.ctx.issue('error', 'missing-kustomization', loaded.error, from.level.doc, from.pointer);
      return undefined;
    }
    const level = loaded.level;
    if (from && level.isComponent !== (parent !== undefined)) {
      const want = parent ? 'a Component' : 'a Kustomization, not a Component';
      this.ctx.issue('error', 'component', `${dir} must hold ${want}`, from.level.doc, from.pointer);
      return undefined;
    }
    this.stack.push(dir);
    try {
      return this.level(level, parent ?? new Accumulator(), overrides);
    } finally {
      this.stack.pop();
    }
  }

  private level(level: Level, acc: Accumulator, overrides: TopOverrides): Accumulator {
    this.checkSupported(level);
    for (const e of [...stringList(level, 'resources'), ...stringList(level, 'bases')]) this.resource(level, acc, e.value, e.pointer);
    acc.config = mergeConfig(acc.config, this.configurations(level));
    runGenerators(this.ctx, level, acc);
    for (const e of stringList(level, 'components')) this.component(level, acc, e.value, e.pointer);
    for (const e of overrides.components ?? []) this.component(e.level, acc, e.value, e.pointer);
    this.transform(level, acc, overrides);
    return acc;
  }

  private checkSupported(level: Level): void {
    for (const [field, why] of Object.entries(UNKNOWN_OFFLINE)) {
      const v = level.k[field];
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
      this.ctx.issue(
        'warning',
        'unknown-offline',
        `${field}: ${why}, so what this kustomization renders cannot be known here; its objects are analysed as plain files`,
        level.doc,
        `/${field}`,
        true,
      );
    }
  }

  private resource(level: Level, acc: Accumulator, entry: string, pointer: string): void {
    if (isRemote(entry)) {
      this.ctx.issue(
        'info',
        'remote',
        `'${entry}' is fetched over the network when kustomize builds; its objects are not analysed here`,
        level.doc,
        pointer,
      );
      return;
    }
    const uri = resolveEntry(level.dir, entry);
    if (!uri) return this.ctx.issue('error', 'missing-file', `'${entry}' is not a valid path`, level.doc, pointer);
    const looksLikeFile = /\.(ya?ml|json)$/i.test(uri);
    const docs = looksLikeFile ? this.ctx.documents(uri) : undefined;
    if (looksLikeFile && !docs && !this.ctx.host.yamlFilesUnder(asDir(uri)).length) {
      return this.ctx.issue('error', 'missing-file', `'${entry}' does not exist`, level.doc, pointer);
    }
    if (docs) {
      if (!uri.startsWith(level.dir)) {
        return this.ctx.issue(
          'error',
          'outside-root',
          `'${entry}' is outside the kustomization's folder: kustomize refuses to read it (load restriction); list its folder's kustomization instead`,
          level.doc,
          pointer,
        );
      }
      this.ctx.resourceFiles.add(uri);
      const objects = objectsOf(this.ctx, docs);
      if (typeof objects === 'string') return this.ctx.issue('error', 'bad-resource', objects, level.doc, pointer);
      for (const o of objects) o.listedBy = level.doc;
      acc.append(this.ctx, objects, level, pointer);
      return;
    }
    const dir = asDir(uri);
    if (this.stack.includes(dir) || level.dir.startsWith(dir)) {
      return this.ctx.issue('error', 'cycle', `'${entry}' contains this kustomization (a cycle)`, level.doc, pointer);
    }
    const sub = this.accumulate(dir, undefined, { level, pointer });
    if (!sub) return;
    acc.append(this.ctx, sub.resources, level, pointer);
    acc.config = mergeConfig(acc.config, sub.config);
  }

  private component(level: Level, acc: Accumulator, entry: string, pointer: string): void {
    const uri = resolveEntry(level.dir, entry);
    if (!uri || isRemote(entry)) {
      this.ctx.issue('info', 'remote', `component '${entry}' is not local; what it changes is not known here`, level.doc, pointer, true);
      return;
    }
    this.accumulate(asDir(uri), acc, { level, pointer });
  }

  /** The built-in transformers, in kustomize's order. */
  private transform(level: Level, acc: Accumulator, o: TopOverrides): void {
    const ctx = this.ctx;
    runPatchesStrategicMerge(ctx, level, acc);
    runPatches(ctx, level, acc, objectList(level, 'patches'));
    if (o.patches) runPatches(ctx, o.patches.level, acc, o.patches.entries);
    const ns =
      o.namespace ?? (str(level.k.namespace) ? { value: str(level.k.namespace), origin: by(level, 'namespace', '/namespace') } : undefined);
    if (ns) runNamespace(ctx, level, acc, ns.value, ns.origin);
    const prefix =
      o.namePrefix ??
      (str(level.k.namePrefix) ? { value: str(level.k.namePrefix), origin: by(level, 'namePrefix', '/namePrefix') } : undefined);
    if (prefix) runAffix(ctx, acc, 'prefix', prefix.value, prefix.origin);
    const suffix =
      o.nameSuffix ??
      (str(level.k.nameSuffix) ? { value: str(level.k.nameSuffix), origin: by(level, 'nameSuffix', '/nameSuffix') } : undefined);
    if (suffix) runAffix(ctx, acc, 'suffix', suffix.value, suffix.origin);
    runLabels(ctx, level, acc);
    runAnnotations(ctx, level, acc);
    runPatchesJson6902(ctx, level, acc);
    runReplicas(ctx, level, acc);
    for (const [rule, changed] of runImages(ctx, acc, imageRules(level, o.images))) this.imagesUsed.set(rule, changed);
    runReplacements(ctx, level, acc);
  }

  /** The `configurations:` files of a level, merged over kustomize's defaults. */
  private configurations(level: Level): TransformerConfig {
    let tc: TransformerConfig = BUILTIN;
    for (const e of stringList(level, 'configurations')) {
      const f = readEntryFile(this.ctx, level, e.value, e.pointer);
      if (!f) continue;
      this.ctx.patchFiles.add(f.uri);
      for (const d of f.docs) if (isJsonObject(d.value)) tc = mergeConfig(tc, readConfig(d.value));
    }
    return tc;
  }
}

function readConfig(v: JsonObject): TransformerConfig {
  const specs = (k: string) => readFieldSpecs(v[k]);
  const nameReference = Array.isArray(v.nameReference)
    ? v.nameReference.filter(isJsonObject).map((b) => ({
        ...(typeof b.group === 'string' ? { group: b.group } : {}),
        ...(typeof b.version === 'string' ? { version: b.version } : {}),
        ...(typeof b.kind === 'string' ? { kind: b.kind } : {}),
        fieldSpecs: readFieldSpecs(b.fieldSpecs),
      }))
    : [];
  return {
    namePrefix: specs('namePrefix'),
    nameSuffix: specs('nameSuffix'),
    namespace: specs('namespace'),
    commonLabels: specs('commonLabels'),
    templateLabels: specs('templateLabels'),
    commonAnnotations: specs('commonAnnotations'),
    images: specs('images'),
    replicas: specs('replicas'),
    nameReference,
  };
}

/** kustomize's default configuration, built once; configurations are never changed in place. */
const BUILTIN: TransformerConfig = { ...builtinFieldSpecs(), nameReference: builtinNameReferences() };
/** Configurations known to contain the defaults already (merging them again changes nothing). */
const HAS_BUILTIN = new WeakSet<TransformerConfig>([BUILTIN]);

function isEmpty(c: TransformerConfig): boolean {
  return Object.values(c).every((v: unknown[]) => v.length === 0);
}

function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  if (a === b || isEmpty(b) || (b === BUILTIN && HAS_BUILTIN.has(a))) return a;
  if (isEmpty(a)) return b;
  const merged = mergeConfigs(a, b);
  if (HAS_BUILTIN.has(a) || HAS_BUILTIN.has(b)) HAS_BUILTIN.add(merged);
  return merged;
}

function mergeConfigs(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  return {
    namePrefix: mergeSpecs(a.namePrefix, b.namePrefix),
    nameSuffix: mergeSpecs(a.nameSuffix, b.nameSuffix),
    namespace: mergeSpecs(a.namespace, b.namespace),
    commonLabels: mergeSpecs(a.commonLabels, b.commonLabels),
    templateLabels: mergeSpecs(a.templateLabels, b.templateLabels),
    commonAnnotations: mergeSpecs(a.commonAnnotations, b.commonAnnotations),
    images: mergeSpecs(a.images, b.images),
    replicas: mergeSpecs(a.replicas, b.replicas),
    nameReference: mergeNameReferences(a.nameReference, b.nameReference),
  };
}

function isLocalConfig(r: WorkingResource): boolean {
  return r.stringMap('annotations')['config.kubernetes.io/local-config'] === 'true';
}

function toRendered(r: WorkingResource): RenderedObject {
  const rootOrigin = r.rootOrigin;
  return {
    object: r.object,
    source: r.source,
    originAt: (pointer) => r.book.at(r.object, rootOrigin, pointer),
    changes: r.changes,
    ...(r.namespaceBy ? { namespaceBy: r.namespaceBy } : {}),
    generated: r.generated,
    listedBy: r.listedBy ?? r.source.doc,
  };
}
