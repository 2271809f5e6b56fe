// How every document is read: YAML 1.1 as Kubernetes reads it (yes/no are booleans, << merges)
// but without timestamps, which sigs.k8s.io/yaml leaves as strings.
import { parseDocument, type Document, type Tags } from 'yaml';

export const YAML_OPTIONS = {
  version: '1.1' as const,
  prettyErrors: false,
  uniqueKeys: true,
  customTags: (tags: Tags): Tags => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

export function parseYamlDocument(text: string): Document {
  return parseDocument(text, YAML_OPTIONS);
}

/**
 * Keeps the syntax trees of the most recently used documents. A tree weighs about twenty times
 * its text, so a workspace holds values for every document and trees only for the ones in use
 * (open files, ranges being reported); the others are parsed again on demand.
 */
export class DocumentPool {
  private readonly live = new Map<{ release(): void }, true>();
  constructor(readonly max = 2000) {}

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
