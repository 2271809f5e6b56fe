// Completion: keys from the schema (with docs and snippets for required children), enum and
// boolean values, reference names/namespaces/keys from the workspace, and snippets for a new
// resource of each Flokoa kind in an empty document.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver/node';
import {
  lineStart as lineStartOf,
  referenceFieldAt,
  FLOKOA_API_VERSION,
  FLOKOA_GROUP,
  splitApiVersion,
  valueAt,
  subschemaAt,
  propertiesOf,
  describe,
  dataKeysOf,
  isPlainObject,
  API_GENERATIONS,
  type ApiChoice,
  type ApiDescription,
  type JsonSchema,
  type Resource,
} from '@flokoa/core';
import type { ServerContext } from '../context.js';
import { renderedNameItems } from './renderedCompletion.js';
import { cursorContext, type CursorContext } from './cursor.js';
import { relativeLocation } from './describeResource.js';
import { resourceSnippets } from './resourceSnippets.js';

export function provideCompletion(ctx: ServerContext, params: CompletionParams): CompletionList | null {
  const uri = params.textDocument.uri;
  const file = ctx.session.file(uri);
  if (!file) return null;
  const cur = cursorContext(file, params.position);
  if (!cur) return null;
  const items = cur.role === 'key' ? keyItems(ctx, cur) : valueItems(ctx, uri, cur, params);
  return Array.isArray(items) ? { isIncomplete: false, items } : items;
}

function schemaOf(ctx: ServerContext, value: unknown): { schema: JsonSchema; choice: ApiChoice } | undefined {
  if (!isPlainObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  const { group, version } = splitApiVersion(value.apiVersion);
  // The document as typed so far decides its generation, as it will once saved.
  const choice = ctx.session.workspace.apiChoiceOf(group, value.kind, value);
  const found = ctx.session.schemas.schemaFor(group, version, value.kind, choice.api);
  return found?.schema ? { schema: found.schema, choice } : undefined;
}

function keyItems(ctx: ServerContext, cur: CursorContext): CompletionItem[] {
  if (cur.emptyDocument) {
    const primary = ctx.session.workspace.apiChoiceOf(FLOKOA_GROUP, 'Agent', {}).api;
    return resourceSnippets(primary).map((s, i) => ({
      ...s,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range: cur.replace, newText: s.insertText! },
    }));
  }
  const target = schemaOf(ctx, cur.value);
  if (!target) return cur.pointer === '' ? rootKeyItems(cur) : [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const { schema, api } of candidateSchemas(ctx, cur.value, target)) {
    const parent = subschemaAt(schema, cur.pointer);
    if (!parent) continue;
    for (const p of propertiesOf(parent)) {
      if (cur.siblings.has(p.name) || seen.has(p.name)) continue;
      seen.add(p.name);
      const d = describe(p.schema, p.name, { required: p.required });
      items.push({
        label: p.name,
        kind: CompletionItemKind.Property,
        detail: api ? `${d.typeLine} · ${api.title} API` : d.typeLine,
        documentation: { kind: MarkupKind.Markdown, value: d.markdown },
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: cur.replace, newText: p.snippet },
        sortText: `${api ? 2 : p.required ? 0 : 1}${String(items.length).padStart(4, '0')}`,
        filterText: p.name,
      });
    }
  }
  return items;
}

/**
 * The schemas whose keys to offer: the document's generation, and, while nothing in the document
 * (or a CRD or setting) has decided it yet, the other generations' too, marked with their title.
 */
function candidateSchemas(
  ctx: ServerContext,
  value: unknown,
  target: { schema: JsonSchema; choice: ApiChoice },
): { schema: JsonSchema; api?: ApiDescription }[] {
  const out: { schema: JsonSchema; api?: ApiDescription }[] = [{ schema: target.schema }];
  if (target.choice.source !== 'default' || !isPlainObject(value) || typeof value.apiVersion !== 'string') return out;
  const { group, version } = splitApiVersion(value.apiVersion);
  for (const api of API_GENERATIONS) {
    if (api === target.choice.api) continue;
    const found = ctx.session.schemas.schemaFor(group, version, String(value.kind), api);
    if (found?.schema && found.source === 'builtin') out.push({ schema: found.schema, api });
  }
  return out;
}

/** A document without apiVersion/kind yet: offer those two. */
function rootKeyItems(cur: CursorContext): CompletionItem[] {
  return ['apiVersion', 'kind', 'metadata', 'spec']
    .filter((k) => !cur.siblings.has(k))
    .map((k) => ({
      label: k,
      kind: CompletionItemKind.Property,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: cur.replace, newText: k === 'metadata' ? 'metadata:\n  name: $1' : `${k}: $1` },
    }));
}

function valueItems(ctx: ServerContext, uri: string, cur: CursorContext, params: CompletionParams): CompletionItem[] | CompletionList {
  const value = cur.value;
  if (cur.pointer === '/apiVersion')
    return [FLOKOA_API_VERSION, 'v1'].map((v) => ({
      label: v,
      kind: CompletionItemKind.Value,
      textEdit: { range: cur.replace, newText: v },
    }));
  if (cur.pointer === '/kind' && isPlainObject(value) && typeof value.apiVersion === 'string') {
    const { group } = splitApiVersion(value.apiVersion);
    return ctx.session.schemas.kinds(group).map((k) => ({
      label: k.kind,
      kind: CompletionItemKind.Class,
      detail: `${group}/${k.servedVersions.join(', ')}`,
      textEdit: { range: cur.replace, newText: k.kind },
    }));
  }
  if (cur.pointer === '/metadata/namespace') {
    return ctx.session.workspace.namespaces().map((n) => ({
      label: n.name,
      kind: CompletionItemKind.Module,
      detail:
        n.labels && Object.keys(n.labels).length
          ? Object.entries(n.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')
          : n.resource
            ? 'Namespace in the workspace'
            : 'used in the workspace',
      textEdit: { range: cur.replace, newText: n.name },
    }));
  }
  const target = schemaOf(ctx, value);
  if (!target) return [];
  const ref = referenceFieldAt(target.choice.references, cur.pointer);
  if (ref) return referenceItems(ctx, uri, cur, params, ref);
  const schema = subschemaAt(target.schema, cur.pointer);
  if (!schema) return [];
  if (schema.enum) {
    return schema.enum.map((e) => ({
      label: String(e),
      kind: CompletionItemKind.EnumMember,
      documentation: schema.description,
      textEdit: { range: cur.replace, newText: String(e) },
    }));
  }
  if (schema.type === 'boolean')
    return ['true', 'false'].map((b) => ({ label: b, kind: CompletionItemKind.Value, textEdit: { range: cur.replace, newText: b } }));
  return [];
}

function referenceItems(
  ctx: ServerContext,
  uri: string,
  cur: CursorContext,
  params: CompletionParams,
  ref: NonNullable<ReturnType<typeof referenceFieldAt>>,
): CompletionItem[] | CompletionList {
  const ws = ctx.session.workspace;
  const { spec } = ref;
  const referrer = ws.resourceAt(uri, params.position);
  const ownNs = referrer?.namespace ?? ws.settings.defaultNamespace;
  const explicitNs = spec.hasNamespace ? valueAt(cur.value, `${ref.refPointer}/namespace`) : undefined;
  const ns = typeof explicitNs === 'string' && explicitNs !== '' ? explicitNs : ownNs;
  if (ref.field === 'namespace') {
    return ws.namespacesWith(spec.toGroup, spec.toKind).map((n) => ({
      label: n,
      kind: CompletionItemKind.Module,
      detail: `${ws.list(spec.toGroup, spec.toKind, n).length} ${spec.toKind} in ${n}${n === ownNs ? " (this resource's namespace)" : ''}`,
      sortText: n === ownNs ? `0${n}` : `1${n}`,
      textEdit: { range: cur.replace, newText: n },
    }));
  }
  if (ref.field === 'key') {
    const name = valueAt(cur.value, `${ref.refPointer}/${spec.nameField}`);
    if (typeof name !== 'string' || !name) return [];
    const target = ws.get({ group: spec.toGroup, kind: spec.toKind, namespace: ns, name });
    const keys = target ? dataKeysOf(target) : undefined;
    if (!target || !keys) return [];
    // Key names only: values (Secret data above all) never leave the server.
    return [...keys].sort().map((k) => ({
      label: k,
      kind: CompletionItemKind.Field,
      detail: `key of ${spec.toKind} ${ns}/${name}`,
      textEdit: { range: cur.replace, newText: k },
    }));
  }
  const item = (r: Resource, newText: string, sortText: string): CompletionItem => ({
    label: r.name,
    kind: CompletionItemKind.Reference,
    labelDetails: r.namespace === ns ? undefined : { description: r.namespace },
    detail: `${r.kind} · ${r.namespace} · ${relativeLocation(ctx, r)}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `**${r.kind}** \`${r.namespace}/${r.name}\`\n\nDefined in ${relativeLocation(ctx, r)}${r.namespace === ns ? '' : `\n\nInserts \`namespace: ${r.namespace}\` too.`}`,
    },
    sortText,
    filterText: r.name,
    textEdit: { range: cur.replace, newText },
  });
  // In a base rendered by overlays, what each overlay has there, by the name its file says.
  const rendered = explicitNs === undefined ? renderedNameItems(ctx, uri, params.position, spec, cur.replace) : undefined;
  if (rendered) return rendered;
  const here = ws.list(spec.toGroup, spec.toKind, ns).map((r) => item(r, r.name, `0${r.name}`));
  // A reference without namespace: may name one elsewhere; the item then writes the namespace: line too.
  const indent = explicitNs === undefined && spec.hasNamespace ? nameKeyColumn(ctx, uri, cur, spec.nameField) : undefined;
  if (indent === undefined) return here;
  // Other namespaces may hold tens of thousands: those matching what was typed, a page at a time
  // (the client asks again as the user types).
  const typed = cur.partial;
  const matching = ws
    .list(spec.toGroup, spec.toKind, undefined, typed ? (name) => fuzzyMatch(typed, name) : undefined)
    .filter((r) => r.namespace !== ns);
  const elsewhere = matching
    .slice(0, ELSEWHERE_LIMIT)
    .map((r) => item(r, `${r.name}\n${' '.repeat(indent)}namespace: ${r.namespace}`, `1${r.name}/${r.namespace}`));
  return { isIncomplete: matching.length > ELSEWHERE_LIMIT, items: [...here, ...elsewhere] };
}

/** Names from other namespaces offered per request; more and the list is marked incomplete. */
export const ELSEWHERE_LIMIT = 200;

/** `typed` as a subsequence of `name`, ignoring case (how editors filter completion items). */
function fuzzyMatch(typed: string, name: string): boolean {
  let at = 0;
  const lower = name.toLowerCase();
  for (const ch of typed.toLowerCase()) {
    at = lower.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Column of the reference's name key on the cursor's line (block style only: `name: x` or `- name: x`). */
function nameKeyColumn(ctx: ServerContext, uri: string, cur: CursorContext, nameField: string): number | undefined {
  const file = ctx.session.file(uri);
  const lineStart = file && lineStartOf(file, cur.replace.start.line);
  if (!file || lineStart === undefined) return undefined;
  const before = file.text.slice(lineStart, lineStart + cur.replace.start.character);
  const m = new RegExp(`^(\\s*(?:-\\s+)*)${nameField}:\\s*$`).exec(before);
  return m ? m[1].length : undefined;
}
