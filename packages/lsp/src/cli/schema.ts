// `flokoa-lsp schema --out DIR`: core's strict JSON Schemas of one API generation's kinds, in the
// layout of the public CRD schema catalogs (DIR/agent.flokoa.ai/agent_v1alpha1.json), for other
// YAML tools. Both generations serve v1alpha1, so a catalog holds one of them.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { jsonSchemaFiles, NEWEST_API, type ApiDescription } from '@flokoa/core';
import { UsageError } from '@flokoa/kube';

/** Writes every schema file and returns the paths written, relative to cwd. */
export async function writeSchemas(out: string, cwd: string, api: ApiDescription = NEWEST_API): Promise<string[]> {
  const root = resolve(cwd, out);
  const written: string[] = [];
  for (const [name, schema] of Object.entries(jsonSchemaFiles(api.kinds))) {
    const target = resolve(root, name);
    if (!target.startsWith(root + sep)) throw new Error(`schema file name escapes the output folder: ${name}`);
    try {
      await ensureDir(dirname(target));
      await writeFile(target, JSON.stringify(schema, null, 2) + '\n');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new UsageError(`cannot write ${relative(cwd, target) || target}: ${code}`);
    }
    written.push(relative(cwd, target));
  }
  return written;
}

/**
 * mkdir -p without `recursive`: Node's recursive mkdir loops forever where a parent exists but
 * refuses new entries with ENOENT (/proc); one level at a time, that is an error to report.
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
    throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parent = dirname(dir);
  if (parent !== dir) await ensureDir(parent);
  await mkdir(dir);
}
