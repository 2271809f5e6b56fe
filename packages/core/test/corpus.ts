// The test corpus of the YAML readers: every YAML file of the repository (fixtures, examples,
// benchmark shapes), and how parseFile cuts a file into documents.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'out' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The text of every YAML file of the repository, in path order. */
export function repositoryYaml(): string[] {
  return yamlFiles(REPO).map((p) => readFileSync(p, 'utf8'));
}

/** Documents of a file, cut at `---` lines as parseFile cuts them (each keeps its `---` line). */
export function documents(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /^---(?=[ \n]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push(text.slice(start, m.index));
    start = m.index;
  }
  out.push(text.slice(start));
  return out;
}
