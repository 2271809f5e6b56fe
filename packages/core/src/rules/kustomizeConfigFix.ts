// The quick fix that teaches kustomize about Flokoa fields: an entry in a `configurations:` file
// (nameReference, images or replicas), created next to the kustomization and listed in it when
// there is none. Configurations merge upwards, so the kustomization that lists the object's file
// fixes every overlay built on it.
import type { Fix, Position } from '../model.js';
import type { IndexReader } from '../facts.js';
import { isPlainObject } from '../schema/structural.js';

export const CONFIG_FILE = 'flokoa-kustomize.yaml';

export type ConfigSection = 'nameReference' | 'images' | 'replicas';

/** `kind` with its group (a Flokoa kind) or version (a core kind), as kustomize's config selects kinds. */
export function kindLines(kind: string, group: string, indent: string, first: string): string[] {
  return [`${first}kind: ${kind}`, `${indent}${group ? `group: ${group}` : 'version: v1'}`];
}

/** A field spec path as kustomize writes it: list indices dropped, `/` in a key escaped. */
export function fieldSpecPath(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .filter((s) => !/^\d+$/.test(s))
    .map((s) => s.replace(/~1/g, '\\/').replace(/~0/g, '~'))
    .join('/');
}

function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Edits adding `items` (list items at indent 2) under `section:` of a configuration file, creating it when absent. */
function configEdits(ws: IndexReader, uri: string, section: ConfigSection, items: string[]): Fix['edits'] {
  const text = ws.file(uri)?.text;
  const block = items.join('\n') + '\n';
  if (text === undefined) {
    const head = '# kustomize configuration for Flokoa fields (see docs/rules.md, kustomize-name-reference).\n';
    return [
      {
        uri,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: `${head}${section}:\n${block}`,
        create: true,
      },
    ];
  }
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^${section}:\\s*(#.*)?$`).test(l));
  if (at >= 0) return [{ uri, range: { start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } }, newText: block }];
  const end = endOf(text);
  return [{ uri, range: { start: end, end }, newText: `${text.endsWith('\n') || text === '' ? '' : '\n'}${section}:\n${block}` }];
}

/** The edit listing the configuration file in the kustomization, unless it already does. */
function listingEdit(ws: IndexReader, kustomizationUri: string, file: string): Fix['edits'] {
  const parsed = ws.file(kustomizationUri);
  const doc = parsed?.docs[0];
  if (!parsed || !doc || !isPlainObject(doc.value)) return [];
  const list = doc.value.configurations;
  if (Array.isArray(list) && list.includes(file)) return [];
  if (Array.isArray(list) && list.length > 0) {
    const last = doc.sourceMap.get(`/configurations/${list.length - 1}`)?.value;
    if (!last) return [];
    const dash = ' '.repeat(Math.max(0, last.start.character - 2));
    return [{ uri: kustomizationUri, range: { start: last.end, end: last.end }, newText: `\n${dash}- ${file}` }];
  }
  const end = endOf(parsed.text);
  const lead = parsed.text.endsWith('\n') || parsed.text === '' ? '' : '\n';
  return [{ uri: kustomizationUri, range: { start: end, end }, newText: `${lead}configurations:\n  - ${file}\n` }];
}

/**
 * A fix adding configuration `items` under `section` for the kustomization at `kustomizationUri`:
 * into a configurations file it lists that has the section, else into flokoa-kustomize.yaml.
 */
export function kustomizeConfigFix(
  ws: IndexReader,
  kustomizationUri: string,
  section: ConfigSection,
  items: string[],
  title: string,
): Fix | undefined {
  const doc = ws.file(kustomizationUri)?.docs[0];
  if (!doc || !isPlainObject(doc.value)) return undefined;
  const dir = kustomizationUri.slice(0, kustomizationUri.lastIndexOf('/') + 1);
  const listed = Array.isArray(doc.value.configurations) ? doc.value.configurations.filter((c): c is string => typeof c === 'string') : [];
  const withSection = listed.find((c) => new RegExp(`^${section}:`, 'm').test(ws.file(new URL(c, dir).href)?.text ?? ''));
  const file = withSection ?? CONFIG_FILE;
  const uri = new URL(file, dir).href;
  return { title, edits: [...configEdits(ws, uri, section, items), ...listingEdit(ws, kustomizationUri, file)] };
}
