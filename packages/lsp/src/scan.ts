// Finds and reads the YAML files of the workspace folders for the initial index. Async and
// incremental (an async generator), so the session can index between requests; reads run a few
// at a time so that the disk works while the previous file is being parsed.
import { opendir, stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Folders never worth indexing: dependency trees and VCS metadata are big and hold no manifests we own. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.venv', 'vendor']);
/** Larger files are generated data, not manifests; parsing them would stall the index. */
export const MAX_SCANNED_FILE_BYTES = 5 * 1024 * 1024;
/** A folder with more YAML than this is not a GitOps repo (probably a home directory opened by mistake). */
export const MAX_SCANNED_FILES = 50_000;
/** Reads in flight at once. */
const READ_AHEAD = 32;

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface ScannedFile {
  uri: string;
  text: string;
}

export interface ScanReport {
  skippedLarge: string[];
  truncated: boolean;
  errors: string[];
}

/** Every *.yaml / *.yml path under `roots` (depth-first, sorted), skipping SKIPPED_DIRS. */
async function* yamlPaths(roots: string[], report: ScanReport): AsyncGenerator<string> {
  const seen = new Set<string>();
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let handle;
    try {
      handle = await opendir(dir);
    } catch (e) {
      report.errors.push(`${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      continue;
    }
    const files: string[] = [];
    const subdirs: string[] = [];
    for await (const entry of handle) {
      const full = join(dir, entry.name);
      // Symlinked folders are not followed: they loop, or leave the workspace.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) subdirs.push(full);
      } else if (isYamlPath(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
        files.push(full);
      }
    }
    // Sorted so the index order (and so duplicate-definition reports) does not depend on the file system.
    yield* files.sort();
    stack.push(...subdirs.sort().reverse());
  }
}

async function readSmallFile(path: string, report: ScanReport): Promise<string | undefined> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_SCANNED_FILE_BYTES) {
      report.skippedLarge.push(path);
      return undefined;
    }
    return await readFile(path, 'utf8');
  } catch (e) {
    report.errors.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return undefined;
  }
}

/** Yields every YAML file under `roots` with its text, in path order, skipping large and unreadable ones. */
export async function* scanYamlFiles(roots: string[], report: ScanReport): AsyncGenerator<ScannedFile> {
  const inFlight: { path: string; text: Promise<string | undefined> }[] = [];
  let count = 0;
  const drainOne = async (): Promise<ScannedFile | undefined> => {
    const next = inFlight.shift()!;
    const text = await next.text;
    return text === undefined ? undefined : { uri: pathToUri(next.path), text };
  };
  for await (const path of yamlPaths(roots, report)) {
    if (++count > MAX_SCANNED_FILES) {
      report.truncated = true;
      break;
    }
    inFlight.push({ path, text: readSmallFile(path, report) });
    if (inFlight.length >= READ_AHEAD) {
      const f = await drainOne();
      if (f) yield f;
    }
  }
  while (inFlight.length > 0) {
    const f = await drainOne();
    if (f) yield f;
  }
}

/** Reads one file for a watched-file event; undefined when gone, unreadable or too large. */
export async function readYamlFile(uri: string): Promise<string | undefined> {
  const path = uriToPath(uri);
  return path ? readSmallFile(path, { skippedLarge: [], truncated: false, errors: [] }) : undefined;
}
