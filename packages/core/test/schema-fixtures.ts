// Loads the YAML fixtures of the schema tests (from the source tree: tests run from out/test).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const dir = fileURLToPath(new URL('../../test/fixtures/schema/', import.meta.url));

export interface FixtureDoc {
  value: Record<string, unknown>;
  /** `# expect: <code> <pointer>` comment lines of the document, as "code pointer". */
  expect: string[];
}

export function fixtureDocs(name: string): FixtureDoc[] {
  const text = readFileSync(dir + name, 'utf8');
  // Fixtures never start with `---`, so chunk i is document i, with the comments above it.
  const chunks = text.split(/^---\s*$/m);
  return parseAllDocuments(text).map((doc, i) => {
    const expect = [...(chunks[i] ?? '').matchAll(/^# expect: (\S+) (\S*)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`);
    return { value: doc.toJS() as Record<string, unknown>, expect };
  });
}
