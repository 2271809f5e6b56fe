// A RenderHost over the file system, for tests: what the workspace gives the renderer from
// memory, read here from disk.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFile, type RenderHost, type SourceDocument } from '../../src/index.js';

export function diskHost(): RenderHost & { reads: string[] } {
  const cache = new Map<string, SourceDocument[] | undefined>();
  const reads: string[] = [];
  const text = (uri: string): string | undefined => {
    const path = fileURLToPath(uri);
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    reads.push(uri);
    return readFileSync(path, 'utf8');
  };
  return {
    reads,
    text,
    documents(uri) {
      if (!/\.(ya?ml|json)$|\/Kustomization$/i.test(uri)) return undefined;
      if (cache.has(uri)) return cache.get(uri);
      const t = text(uri);
      const docs =
        t === undefined
          ? undefined
          : parseFile(uri, t).docs.map((d) => ({ uri, docIndex: d.index, value: d.value, ranges: d.sourceMap, range: d.range }));
      cache.set(uri, docs);
      return docs;
    },
    yamlFilesUnder(dir) {
      const out: string[] = [];
      const walk = (p: string): void => {
        for (const name of readdirSync(p).sort()) {
          const full = join(p, name);
          if (statSync(full).isDirectory()) walk(full);
          else if (/\.ya?ml$/i.test(name)) out.push(pathToFileURL(full).href);
        }
      };
      const root = fileURLToPath(dir);
      if (existsSync(root)) walk(root);
      return out;
    },
  };
}
