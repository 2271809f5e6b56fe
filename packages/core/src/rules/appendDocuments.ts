// A quick fix that adds whole manifests as new YAML documents right after an existing one (the
// copy of a registry Secret's producer, a Role and its RoleBinding).
import { stringify } from 'yaml';
import type { Fix, Resource } from '../model.js';

export function appendDocumentsFix(after: Resource, objects: readonly Record<string, unknown>[], title: string, preferred = true): Fix {
  const end = after.range.end;
  const text = objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join('');
  return { title, edits: [{ uri: after.uri, range: { start: end, end }, newText: end.character === 0 ? text : `\n${text}` }], preferred };
}
