// Reading a kustomization: which file in a folder, its fields, and the paths it names resolved
// the way kustomize's loader does (files must lie inside the kustomization's folder; folders,
// i.e. bases and components, may be anywhere but not above it).
import type { SourceDocument } from './model.js';
import type { RenderContext } from './context.js';
import { isJsonObject, type Json, type JsonObject } from './origins.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** One kustomization being built: its document, folder and fields. */
export interface Level {
  doc: SourceDocument;
  /** Folder URI, ending in '/'. */
  dir: string;
  k: JsonObject;
  isComponent: boolean;
}

export type LoadResult = { level: Level } | { error: string };

/** The kustomization of a folder (the one file kustomize recognises there). */
export function loadKustomization(ctx: RenderContext, dir: string): LoadResult {
  const found: SourceDocument[] = [];
  for (const name of KUSTOMIZATION_FILES) {
    const docs = ctx.documents(dir + name);
    if (docs) found.push(...docs.slice(0, 1));
  }
  if (found.length === 0) return { error: `no kustomization.yaml in ${dir}` };
  if (found.length > 1) return { error: `found multiple kustomization files under ${dir}` };
  const doc = found[0];
  if (!isJsonObject(doc.value)) return { error: `${doc.uri} is not a kustomization (not a YAML mapping)` };
  const k = doc.value as JsonObject;
  const kind = k.kind ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') return { error: `${doc.uri}: kind should be Kustomization or Component` };
  return { level: { doc, dir, k, isComponent: kind === 'Component' } };
}

/** True for entries kustomize fetches over the network (a git repository, an URL). */
export function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) ||
    entry.includes('?ref=') ||
    entry.startsWith('git@')
  );
}

/** The URI an entry of a kustomization names (relative to its folder). */
export function resolveEntry(dir: string, entry: string): string | undefined {
  try {
    return new URL(entry.replace(/\/+$/, ''), dir).href;
  } catch {
    return undefined;
  }
}

export function asDir(uri: string): string {
  return uri.endsWith('/') ? uri : uri + '/';
}

/** kustomize's default load restriction: a file must be in or below the kustomization's folder. */
export function insideRoot(dir: string, uri: string): boolean {
  return uri.startsWith(dir);
}

/** A list of strings at a field, with the pointer of each. */
export function stringList(level: Level, field: string): { value: string; pointer: string }[] {
  const v = level.k[field];
  if (!Array.isArray(v)) return [];
  const out: { value: string; pointer: string }[] = [];
  v.forEach((x, i) => {
    if (typeof x === 'string' && x !== '') out.push({ value: x, pointer: `/${field}/${i}` });
  });
  return out;
}

/** A list of objects at a field, with the pointer of each. */
export function objectList(level: Level, field: string): { value: JsonObject; pointer: string }[] {
  const v = level.k[field];
  if (!Array.isArray(v)) return [];
  const out: { value: JsonObject; pointer: string }[] = [];
  v.forEach((x, i) => {
    if (isJsonObject(x)) out.push({ value: x, pointer: `/${field}/${i}` });
  });
  return out;
}

/** A string map (labels, annotations) with values as kustomize reads them: as strings. */
export function stringMap(v: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isJsonObject(v))
    for (const [k, x] of Object.entries(v)) out[k] = x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  return out;
}

export function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v);
}

/**
 * Reads a file a kustomization names (a patch, a configuration, a generator source) with the
 * load restriction; records an issue at `pointer` and returns undefined when it cannot.
 */
export function readEntryFile(
  ctx: RenderContext,
  level: Level,
  path: string,
  pointer: string,
): { uri: string; docs: SourceDocument[] } | undefined {
  const uri = resolveEntry(level.dir, path);
  if (!uri) {
    ctx.issue('error', 'missing-file', `'${path}' is not a valid path`, level.doc, pointer);
    return undefined;
  }
  if (!insideRoot(level.dir, uri)) {
    ctx.issue(
      'error',
      'outside-root',
      `'${path}' is outside the kustomization's folder: kustomize refuses to read it (load restriction)`,
      level.doc,
      pointer,
    );
    return undefined;
  }
  const docs = ctx.documents(uri);
  if (!docs) {
    ctx.issue('error', 'missing-file', `'${path}' does not exist`, level.doc, pointer);
    return undefined;
  }
  return { uri, docs };
}
