// Facts about the installed package, found next to the running file (source tree, out/ or the
// dist/ bundle all sit below packages/lsp), so no copy of the version lives in the code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function* ancestors(): Generator<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    yield dir;
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export function packageVersion(): string {
  for (const dir of ancestors()) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@flokoa/lsp' && pkg.version) return pkg.version;
    } catch {
      // An unreadable manifest higher up is not ours; keep looking.
    }
  }
  return '0.0.0-unknown';
}

/** file:// URI of docs/rules.md in the repository this bin runs from, if it is there. */
export function rulesDocUri(): string | undefined {
  for (const dir of ancestors()) {
    const doc = join(dir, 'docs', 'rules.md');
    if (existsSync(doc)) return pathToFileURL(doc).href;
  }
  return undefined;
}
