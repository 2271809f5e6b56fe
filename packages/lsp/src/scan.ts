// Finds the YAML files of the workspace folders on disk for the initial index. Async and
// incremental (an async generator), so the session can index between requests.
import { opendir, stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Folders never worth indexing: dependency trees and VCS metadata are big and hold no manifests we own. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.venv', 'vendor']);
/** Larger files are generated data, not manifests; parsing them would stall the index. */
export const MAX_SCANNED_FILE_BYTES = 5 * 1024 * 1024;
/** A folder with more YAML than this is not a GitOps repo (probably a home directory opened by mistake). */
export const MAX_SCANNED_FILES = 50_000;

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

/** Yields every *.yaml / *.yml under `roots` (depth-first), skipping SKIPPED_DIRS, symlinked folders and large files. */
export async function* scanYamlFiles(roots: string[], report: ScanReport): AsyncGenerator<ScannedFile> {
  let count = 0;
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
    const subdirs: string[] = [];
    for await (const entry of handle) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) subdirs.push(full);
        continue;
      }
      if (!isYamlPath(entry.name) || !(entry.isFile() || entry.isSymbolicLink())) continue;
      try {
        const st = await stat(full);
        if (!st.isFile()) continue;
        if (st.size > MAX_SCANNED_FILE_BYTES) {
          report.skippedLarge.push(full);
          continue;
        }
        if (++count > MAX_SCANNED_FILES) {
          report.truncated = true;
          return;
        }
        yield { uri: pathToUri(full), text: await readFile(full, 'utf8') };
      } catch (e) {
        report.errors.push(`${full}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    // Sorted so the index order (and so duplicate-definition reports) does not depend on the file system.
    subdirs.sort().reverse();
    stack.push(...subdirs);
  }
}

/** Reads one file for a watched-file event; undefined when gone, unreadable or too large. */
export async function readYamlFile(uri: string): Promise<string | undefined> {
  const path = uriToPath(uri);
  if (!path) return undefined;
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size > MAX_SCANNED_FILE_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
