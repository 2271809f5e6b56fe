// How every document is read: YAML 1.1 as Kubernetes reads it (yes/no are booleans, << merges)
// but without timestamps, which sigs.k8s.io/yaml leaves as strings.
import { YAMLParseError, type Document, type Tags } from 'yaml';
import { LinearKeysComposer, QuietParser, indexAliases } from './yamlInternals.js';

export const YAML_OPTIONS = {
  version: '1.1' as const,
  prettyErrors: false,
  uniqueKeys: true,
  // yaml's warnings (e.g. "Keys with collection values will be stringified") go to the process's
  // stderr, which is the linter's output and the language server's log: never print them.
  logLevel: 'error' as const,
  customTags: (tags: Tags): Tags => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

/** yaml's parseDocument (one document; a second one is an error), on the QuietParser and the LinearKeysComposer, aliases indexed. */
export function parseYamlDocument(text: string): Document {
  const composer = new LinearKeysComposer(YAML_OPTIONS);
  let doc: Document | undefined;
  for (const d of composer.compose(new QuietParser().parse(text), true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          [d.range[0], d.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  if (text.includes('*')) indexAliases(doc!);
  return doc!;
}

/**
 * Keeps the syntax trees of the most recently used documents. A tree weighs about twenty times
 * its text, so a workspace holds values for every document and trees only for the ones in use
 * (open files, ranges being reported); the others are parsed again on demand.
 */
export class DocumentPool {
  private readonly live = new Map<{ release(): void }, true>();
  // Enough for the documents being edited and browsed; every tree kept beyond that is ~20x its
  // text of heap that the collector keeps walking during an index (a tree is rebuilt in < 1 ms).
  constructor(readonly max = 256) {}

  touch(core: { release(): void }): void {
    if (this.live.has(core)) this.live.delete(core);
    this.live.set(core, true);
    if (this.live.size > this.max) {
      const oldest = this.live.keys().next().value!;
      this.live.delete(oldest);
      oldest.release();
    }
  }
}
