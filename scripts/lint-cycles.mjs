// Import cycles in shipped code, type-only imports included (a type cycle is still two modules
// that cannot be understood apart). ESLint's import plugins skip type imports, hence this check.
// Usage: node scripts/lint-cycles.mjs [package-folder...]   (default: every package)
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function edges(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2]).replace(/\.js$/, '.ts');
    const target = resolve(dirname(file), spec);
    if (existsSync(target)) out.push(target);
    else if (existsSync(join(target.replace(/\.ts$/, ''), 'index.ts'))) out.push(join(target.replace(/\.ts$/, ''), 'index.ts'));
  }
  return out;
}

/** Strongly connected components with more than one module (or a module importing itself). */
function cycles(graph) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    stack = [],
    on = new Set(),
    found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const wanted = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'src')));
let failed = false;
for (const pkg of packages.filter((p) => wanted.length === 0 || wanted.includes(p))) {
  const graph = new Map(sources(join(root, 'packages', pkg, 'src')).map((f) => [f, edges(f)]));
  for (const scc of cycles(graph)) {
    failed = true;
    console.error(
      `import cycle in packages/${pkg}: ${scc
        .map((f) => relative(join(root, 'packages', pkg, 'src'), f))
        .sort()
        .join(' <-> ')}`,
    );
  }
}
process.exit(failed ? 1 : 0);
