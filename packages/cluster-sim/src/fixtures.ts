// Loading fixture YAML: files or folders (recursively, in name order), multi-document.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KObject } from './object.js';
import { isPlainObject } from './object.js';

/** Every YAML file under the given paths, folders expanded in name order. */
export function fixtureFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new Error(`fixture not found: ${p}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = join(p, name);
        // kustomization.yaml is kustomize's build configuration, never an API object.
        if (statSync(child).isDirectory() || (/\.(ya?ml|json)$/i.test(name) && !/^kustomization\.ya?ml$/i.test(name))) visit(child);
      }
    } else out.push(p);
  };
  for (const p of paths) visit(p);
  return out;
}

/** Parses YAML or JSON text into objects; `List` kinds are flattened. Throws one line naming the source. */
export function parseObjects(text: string, source = 'input'): KObject[] {
  const out: KObject[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message.split('\n')[0].replace(/:\s*$/, '')}`);
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    if (!isPlainObject(v)) throw new Error(`${source}: a document is not a Kubernetes object`);
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      for (const item of v.items) if (isPlainObject(item)) out.push(item as KObject);
    } else out.push(v as KObject);
  }
  for (const o of out) {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') throw new Error(`${source}: an object lacks apiVersion or kind`);
    if (!isPlainObject(o.metadata)) o.metadata = {};
  }
  return out;
}

/** The objects of every fixture file, each with the file it came from (for error messages). */
export function loadFixtures(paths: string[]): { file: string; object: KObject }[] {
  return fixtureFiles(paths).flatMap((file) => parseObjects(readFileSync(file, 'utf8'), file).map((object) => ({ file, object })));
}
