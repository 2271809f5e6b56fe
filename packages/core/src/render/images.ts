// `images:` — new names, tags and digests for container images. kustomize rewrites `image` in
// every list named `containers` or `initContainers` anywhere in an object, plus the paths its
// configuration lists; an image field elsewhere (a Flokoa Agent's runtime image) is left alone.
import type { RenderContext } from './context.js';
import type { TransformerOrigin } from './model.js';
import { visitFieldSpec } from './fieldSpec.js';
import { isJsonObject, type Json, type JsonObject } from './origins.js';
import { objectList, str, type Level } from './kustomization.js';
import type { Accumulator } from './resources.js';
import type { OriginBook } from './origins.js';
import { by } from './transformers.js';

export interface ImageEntry {
  name: string;
  newName: string;
  newTag: string;
  digest: string;
  tagSuffix: string;
}

export function readImage(v: JsonObject): ImageEntry {
  return { name: str(v.name), newName: str(v.newName), newTag: str(v.newTag), digest: str(v.digest), tagSuffix: str(v.tagSuffix) };
}

/** Does an image reference match an entry's name (kustomize: the name is a regular expression prefix). */
export function imageMatches(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return false;
  }
}

/** Splits `host:port/repo:tag@digest` into name, tag and digest (a port is not a tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const base = slash > 0 ? slash : 0;
  const search = image.slice(base);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, base + at), tag: '', digest: image.slice(base + at + 1) };
  if (at >= 0 && colon >= 0)
    return { name: image.slice(0, base + colon), tag: image.slice(base + colon + 1, base + at), digest: image.slice(base + at + 1) };
  return { name: image.slice(0, base + colon), tag: image.slice(base + colon + 1), digest: '' };
}

/** The image after an entry applies, or undefined when the entry does not match it. */
export function applyImage(image: string, e: ImageEntry): string | undefined {
  if (!imageMatches(image, e.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (e.newName) name = e.newName;
  if (e.newTag && e.digest) {
    tag = e.newTag;
    digest = e.digest;
  } else if (e.newTag) {
    tag = e.newTag;
    digest = '';
  } else if (e.digest) {
    tag = '';
    digest = e.digest;
  } else if (e.tagSuffix) {
    tag += e.tagSuffix;
    digest = '';
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

function rewrite(book: OriginBook, parent: JsonObject, key: string, e: ImageEntry, origin: TransformerOrigin): boolean {
  const v = parent[key];
  if (typeof v !== 'string') return false;
  const next = applyImage(v, e);
  if (next === undefined) return false;
  book.set(parent, key, next, origin);
  return true;
}

/** Every `containers` / `initContainers` list anywhere in the object (kustomize's legacy walk). */
function walkContainers(book: OriginBook, node: Json, visit: (container: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const el of node) walkContainers(book, el, visit);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [k, v] of Object.entries(node)) {
    walkContainers(book, v, visit);
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) for (const c of v) if (isJsonObject(c)) visit(c);
  }
}

export interface ImageRule {
  entry: ImageEntry;
  origin: TransformerOrigin;
}

/** A level's `images:` entries, with `extra` ones (Flux's) merged in by name as Flux does. */
export function imageRules(level: Level, extra: ImageRule[] = []): ImageRule[] {
  const rules: ImageRule[] = objectList(level, 'images').map(({ value, pointer }) => ({
    entry: readImage(value),
    origin: by(level, 'images', pointer),
  }));
  for (const x of extra) {
    const same = rules.findIndex((r) => r.entry.name === x.entry.name);
    if (same < 0) {
      rules.push(x);
      continue;
    }
    const merged = { ...rules[same].entry };
    if (x.entry.newName) merged.newName = x.entry.newName;
    if (x.entry.newTag || x.entry.digest) {
      merged.newTag = x.entry.newTag;
      merged.digest = x.entry.digest;
    }
    rules[same] = { entry: merged, origin: x.origin };
  }
  return rules;
}

/**
 * Applies image rules; returns for each whether it changed any image (a rule that changes
 * nothing is worth a warning: the user meant to pin something).
 */
export function runImages(ctx: RenderContext, acc: Accumulator, rules: ImageRule[]): Map<ImageRule, boolean> {
  const used = new Map<ImageRule, boolean>();
  for (const rule of rules) {
    let changed = false;
    for (const r of acc.resources) {
      if (r.id.kind === 'CustomResourceDefinition') continue;
      walkContainers(ctx.book, r.object, (c) => {
        if (rewrite(ctx.book, c, 'image', rule.entry, rule.origin)) changed = true;
      });
      for (const s of acc.config.images) {
        visitFieldSpec(ctx.book, r.object, r.rootOrigin, r.id, s, (parent, key) => {
          if (rewrite(ctx.book, parent, key, rule.entry, rule.origin)) changed = true;
        });
      }
    }
    used.set(rule, changed);
  }
  return used;
}
