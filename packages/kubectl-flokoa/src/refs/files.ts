// `refs -f FILE|DIR [-R]`: manifests instead of a cluster, through the same core Workspace the
// language server uses, so a CI gate and the editor agree: kustomizations render (a folder holding
// one renders it, bases outside it included), Flux Kustomizations render their paths.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve as resolvePath, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace, DEFAULT_SETTINGS, loadRenderInputs, locationOf, type Finding, type Resource } from '@flokoa/core';
import { readManifestFile, UsageError, walkManifests } from '@flokoa/kube';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The files kubectl would read for these -f arguments (folders: manifests in them; -R: below too), and warnings. */
export function manifestFiles(paths: string[], recursive: boolean): { files: string[]; warnings: string[] } {
  const walk = walkManifests(paths, recursive, MANIFEST_EXTENSIONS);
  if (walk.missing.length) throw new UsageError(`the path "${walk.missing[0]}" does not exist`);
  return { files: walk.files, warnings: walk.warnings };
}

export interface LoadedFiles {
  workspace: Workspace;
  /** Syntax and size-limit findings of the files (a broken file is a failed gate). */
  problems: { file: string; finding: Finding }[];
  /** Files left out, one line each (a dangling link, a FIFO, a link loop): warnings, not failures. */
  warnings: string[];
  files: string[];
}

export function loadManifests(paths: string[], recursive: boolean, defaultNamespace: string, stdin?: () => string): LoadedFiles {
  const workspace = new Workspace({ ...DEFAULT_SETTINGS, defaultNamespace });
  workspace.readOtherFile = readManifest;
  const problems: LoadedFiles['problems'] = [];
  const { files, warnings } = paths.includes('-') ? { files: paths, warnings: [] } : manifestFiles(paths, recursive);
  const loaded: { file: string; uri: string; text: string }[] = [];
  for (const f of files) {
    if (f === '-') {
      loaded.push({ file: f, uri: 'stdin://-', text: stdin ? stdin() : readFileSync(0, 'utf8') });
      continue;
    }
    const read = readManifestFile(f);
    if (read.ok) loaded.push({ file: f, uri: pathToFileURL(resolvePath(f)).href, text: read.text });
    else if (read.reason === 'too-large' || read.reason === 'unreadable') throw new UsageError(read.message);
    else warnings.push(read.message);
  }
  workspace.setFiles(loaded);
  const pulledIn = loadRenderInputs(workspace, readManifest);
  for (const { file, uri } of [...loaded, ...pulledIn.map((uri) => ({ file: fileURLToPath(uri), uri }))]) {
    for (const finding of workspace.file(uri)?.findings ?? []) problems.push({ file, finding });
  }
  return { workspace, problems, warnings, files };
}

/** A file a kustomization reads (a base outside the given folder, a generator source); undefined when absent or too large. */
function readManifest(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const read = readManifestFile(fileURLToPath(uri));
  return read.ok ? read.text : undefined;
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

/** `apps/agents.yaml:52`: where a field of a file object is written (after rendering, the file that wrote it), relative to the working directory when below it. */
export function fileLocation(r: Resource, pointer: string): string | undefined {
  const at = locationOf(r, pointer);
  if (at.uri === 'stdin://-') return `-:${at.range.start.line + 1}`;
  if (!at.uri.startsWith('file:')) return undefined;
  const path = fileURLToPath(at.uri);
  const rel = relative(process.cwd(), path);
  // Below the working directory: relative, as the user typed it; elsewhere: absolute (no ../../..).
  return `${rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path}:${at.range.start.line + 1}`;
}
