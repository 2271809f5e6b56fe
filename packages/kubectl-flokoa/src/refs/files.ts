// `refs -f FILE|DIR [-R]`: manifests instead of a cluster, through the same core Workspace the
// language server uses, so a CI gate and the editor agree: kustomizations render (a folder holding
// one renders it, bases outside it included), Flux Kustomizations render their paths.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve as resolvePath, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace, DEFAULT_SETTINGS, loadRenderInputs, type Finding } from '@flokoa/core';
import { UsageError } from '@flokoa/kube';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The files kubectl would read for these -f arguments (folders: manifests in them; -R: below too). */
export function manifestFiles(paths: string[], recursive: boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (recursive) walk(p, depth + 1);
      } else if (MANIFEST_EXTENSIONS.has(extname(name).toLowerCase())) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`the path "${p}" does not exist`);
    }
    if (st.isDirectory()) walk(p, 0);
    else out.push(p);
  }
  return out;
}

export interface LoadedFiles {
  workspace: Workspace;
  /** Syntax and size-limit findings of the files (a broken file is a failed gate). */
  problems: { file: string; finding: Finding }[];
  files: string[];
}

export function loadManifests(paths: string[], recursive: boolean, defaultNamespace: string, stdin?: () => string): LoadedFiles {
  const workspace = new Workspace({ ...DEFAULT_SETTINGS, defaultNamespace });
  workspace.readOtherFile = readManifest;
  const problems: LoadedFiles['problems'] = [];
  const files = paths.includes('-') ? paths : manifestFiles(paths, recursive);
  const loaded = files.map((f) => ({
    file: f,
    uri: f === '-' ? 'stdin://-' : pathToFileURL(resolvePath(f)).href,
    text: f === '-' ? (stdin ? stdin() : readFileSync(0, 'utf8')) : readFileSync(f, 'utf8'),
  }));
  workspace.setFiles(loaded);
  const pulledIn = loadRenderInputs(workspace, readManifest);
  for (const { file, uri } of [...loaded, ...pulledIn.map((uri) => ({ file: fileURLToPath(uri), uri }))]) {
    for (const finding of workspace.file(uri)?.findings ?? []) problems.push({ file, finding });
  }
  return { workspace, problems, files };
}

/** Larger files are generated data, not manifests (the scanner's limit too). */
const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

/** A file a kustomization reads (a base outside the given folder, a generator source); undefined when absent or too large. */
function readManifest(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    const st = statSync(path);
    return st.isFile() && st.size <= MAX_MANIFEST_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Subfolders of the given folders that hold manifests but are not read without -R (a folder with a
 * kustomization reads what it lists itself). A CI gate that forgot -R must hear about them.
 */
export function unreadSubfolders(paths: string[], recursive: boolean): string[] {
  if (recursive) return [];
  const holdsManifests = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some(
      (e) =>
        !e.name.startsWith('.') &&
        (e.isDirectory() ? holdsManifests(join(dir, e.name)) : MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())),
    );
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-' || !isDirectory(p)) continue;
    const entries = readdirSync(p, { withFileTypes: true });
    if (entries.some((e) => KUSTOMIZATION_FILES.has(e.name))) continue;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && holdsManifests(join(p, e.name))) out.push(join(p, e.name));
  }
  return out.sort();
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
