// The files `flokoa-lsp check PATH...` reads: folders are walked by the same scanner the server
// indexes a workspace with (same skipped folders, same size limit), named files are read as given.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToUri, scanYamlFiles, type ScanReport, type ScannedFile } from '../scan.js';
import { readManifestFile, UsageError } from '@flokoa/kube';

export interface Inputs {
  /** Sorted by URI so output and duplicate-definition reports do not depend on the file system. */
  files: ScannedFile[];
  /** One line each, for stderr: files that could not be read (the check is then incomplete). */
  unreadable: string[];
  /** Files left out with their reason (too large, a dangling link, a FIFO): warnings. */
  skipped: string[];
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

export async function collectInputs(paths: string[], cwd: string): Promise<Inputs> {
  const byUri = new Map<string, ScannedFile>();
  const report: ScanReport = { skipped: [], truncated: false, errors: [] };
  const unreadable: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      const code = errnoCode(e);
      throw new UsageError(code === 'ENOENT' ? `no such file or directory: ${p}` : `cannot read ${p}: ${code}`);
    }
    if (st.isDirectory()) {
      for await (const f of scanYamlFiles([abs], report)) byUri.set(f.uri, f);
    } else if (st.isFile()) {
      // A file named explicitly is checked whatever its extension: the user asked for it.
      const read = readManifestFile(abs);
      if (read.ok) byUri.set(pathToUri(abs), { uri: pathToUri(abs), text: read.text });
      else if (read.reason === 'unreadable') unreadable.push(read.message);
      else report.skipped.push(read.message);
    } else {
      throw new UsageError(`not a file or directory: ${p}`);
    }
  }
  if (report.truncated) unreadable.push('too many YAML files: stopped scanning (is this a GitOps repository?)');
  unreadable.push(...report.errors);
  const files = [...byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return { files, unreadable, skipped: report.skipped };
}
