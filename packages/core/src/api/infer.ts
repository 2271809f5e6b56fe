// References read off a CRD that no generation describes (a newer operator release, a kind these
// tools have never seen): fields named `*Ref`/`*Refs`, `serviceAccountName`, and `{name,
// namespace?}` objects (or lists and maps of them) whose target kind the field's name or
// description makes clear. What looks like a reference but names no clear kind is listed, so the
// notice can say it is not checked.
import { escapeSegment } from '../schema/pointer.js';
import type { JsonSchema } from '../schema/types.js';
import type { RefSpec } from './types.js';

export interface KnownKind {
  group: string;
  kind: string;
}

export interface Inferred {
  specs: RefSpec[];
  /** Reference-like fields whose target kind is unclear: path pattern (as a RefSpec's) and dotted. */
  unclear: { path: string; dotted: string }[];
}

const REF_FIELDS = new Set(['name', 'namespace', 'key', 'optional', 'kind', 'apiGroup', 'port', 'portName']);
/** Kubernetes kinds a field name may point at, by the word in it. */
const CORE_WORDS: [RegExp, KnownKind][] = [
  [/secret/i, { group: '', kind: 'Secret' }],
  [/configmap/i, { group: '', kind: 'ConfigMap' }],
  [/serviceaccount/i, { group: '', kind: 'ServiceAccount' }],
  [/service/i, { group: '', kind: 'Service' }],
];

function isRefShaped(s: JsonSchema | undefined): boolean {
  const props = s?.properties;
  return !!props && typeof props.name?.type === 'string' && Object.keys(props).every((p) => REF_FIELDS.has(p));
}

function singular(word: string): string {
  return word
    .replace(/(Key)?Refs?$/, '')
    .replace(/ies$/, 'y')
    .replace(/s$/, '');
}

/** The kind a field name or description points at, or undefined when it is not clear. */
export function targetKind(field: string, description: string | undefined, kinds: readonly KnownKind[]): KnownKind | undefined {
  const stem = singular(field).toLowerCase();
  for (const [re, k] of CORE_WORDS) if (re.test(field)) return k;
  const flokoa = kinds.filter((k) => k.group !== '');
  const exact = flokoa.find((k) => k.kind.toLowerCase() === stem);
  if (exact) return exact;
  const suffix = flokoa.filter((k) => stem.length >= 4 && k.kind.toLowerCase().endsWith(stem));
  if (suffix.length === 1) return suffix[0];
  // "references a Model CR": exactly one known kind named in the field's docs.
  const all = [...flokoa, ...CORE_WORDS.map(([, k]) => k)];
  const named = all.filter((k) => description !== undefined && new RegExp(`\\b${k.kind}\\b`).test(description));
  return named.length === 1 ? named[0] : undefined;
}

/** Reference fields of a kind's CRD schema (under `spec`). */
export function inferReferences(group: string, kind: string, schema: JsonSchema, kinds: readonly KnownKind[]): Inferred {
  const out: Inferred = { specs: [], unclear: [] };
  const spec = schema.properties?.spec;
  if (!spec) return out;
  const add = (path: string, field: string, node: JsonSchema, description: string | undefined, dotted: string) => {
    const target = targetKind(field, description ?? node.description, kinds);
    if (!target) {
      out.unclear.push({ path, dotted });
      return;
    }
    const props = node.properties ?? {};
    out.specs.push({
      id: `inferred:${dotted}`,
      fromGroup: group,
      fromKind: kind,
      path,
      toGroup: target.group,
      toKind: target.kind,
      nameField: node.type === 'string' ? '' : 'name',
      ...(props.namespace ? { hasNamespace: true } : {}),
      ...(props.key ? { hasKey: true } : {}),
      ...(props.optional ? { optional: true } : {}),
      inferred: true,
    });
  };
  const walk = (node: JsonSchema, path: string, dotted: string, depth: number): void => {
    if (depth > 12) return;
    for (const [field, child] of Object.entries(node.properties ?? {})) {
      const p = `${path}/${escapeSegment(field)}`;
      const d = `${dotted}.${field}`;
      const named = /Refs?$/.test(field);
      if (field === 'serviceAccountName' && child.type === 'string') add(p, field, child, undefined, d);
      else if (isRefShaped(child) && (named || child.properties?.namespace || targetKind(field, child.description, kinds)))
        add(p, field, child, undefined, d);
      else if (
        child.type === 'array' &&
        isRefShaped(child.items) &&
        (named || child.items?.properties?.namespace || targetKind(field, child.description, kinds))
      )
        add(`${p}/*`, field, child.items!, child.description, `${d}[]`);
      else if (typeof child.additionalProperties === 'object' && isRefShaped(child.additionalProperties) && named)
        add(`${p}/{}`, field, child.additionalProperties, child.description, `${d}{}`);
      else if (named && !child.properties && !child.items) out.unclear.push({ path: p, dotted: d });
      else {
        walk(child, p, d, depth + 1);
        if (child.items) walk(child.items, `${p}/*`, `${d}[]`, depth + 1);
      }
    }
  };
  walk(spec, '/spec', 'spec', 0);
  return out;
}
