// Loads the YAML fixtures that live next to the tests (test/fixtures/**), from the compiled tests in out/test.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace, type Resource } from '../src/index.js';

export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

export function fixture(rel: string): { uri: string; text: string } {
  const path = join(FIXTURES, rel);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** Every .yaml/.yml file under a fixture folder, in name order. */
export function fixtureDir(rel: string): { uri: string; text: string }[] {
  const out: { uri: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push({ uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(FIXTURES, rel));
  return out;
}

/** YAML texts as live objects of a cluster (context `test`): what a cluster source hands the workspace. */
export function clusterResources(files: { text: string }[]): Resource[] {
  const scratch = new Workspace();
  return files.flatMap((f, i) => {
    const uri = `cluster://test/${i}`;
    scratch.setFile(uri, f.text);
    return scratch.resourcesIn(uri).map((r) => ({ ...r, uri: 'cluster://test' }));
  });
}
