// `flokoa-lsp schema --out DIR`: core's strict JSON Schemas of the four kinds, in the layout of
// the public CRD schema catalogs (DIR/agent.flokoa.ai/agent_v1alpha1.json), for other YAML tools.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { jsonSchemaFiles } from '@flokoa/core';
import { UsageError } from './args.js';

/** Writes every schema file and returns the paths written, relative to cwd. */
export async function writeSchemas(out: string, cwd: string): Promise<string[]> {
  const root = resolve(cwd, out);
  const written: string[] = [];
  for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
    const target = resolve(root, name);
    if (!target.startsWith(root + sep)) throw new Error(`schema file name escapes the output folder: ${name}`);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, JSON.stringify(schema, null, 2) + '\n');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new UsageError(`cannot write ${relative(cwd, target) || target}: ${code}`);
    }
    written.push(relative(cwd, target));
  }
  return written;
}
