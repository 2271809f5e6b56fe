// An object while kustomize works on it: its tree, the identities it had before (patches and
// name references match on any of them), the prefixes and suffixes added to its name, and where
// it came from.
import type { FieldOrigin, IdentityChange, ObjectId, SourceDocument, SourceOrigin, TransformerOrigin } from './model.js';
import { effectiveNamespace, idOf, isClusterScoped, sameId } from './resid.js';
import { isJsonObject, type Json, type JsonObject, type OriginBook } from './origins.js';

export type Behavior = 'create' | 'merge' | 'replace';

export class WorkingResource {
  /** Identities before each change, oldest first (kustomize's previous ids). */
  readonly prevIds: ObjectId[] = [];
  prefixes: string[] = [];
  suffixes: string[] = [];
  readonly changes: IdentityChange[] = [];
  namespaceBy?: TransformerOrigin;
  generated = false;
  needsHash = false;
  behavior: Behavior = 'create';
  /** The kustomization (or Flux Kustomization) whose resources list named its file; generators: their own. */
  listedBy?: SourceDocument;

  constructor(
    public object: JsonObject,
    readonly source: SourceOrigin,
    readonly book: OriginBook,
  ) {}

  get id(): ObjectId {
    return idOf(this.object);
  }

  /** The identity it was first read with. */
  get orgId(): ObjectId {
    return this.prevIds[0] ?? this.id;
  }

  /** True when the current or any earlier identity satisfies `match`. */
  anyId(match: (id: ObjectId) => boolean): boolean {
    return match(this.id) || this.prevIds.some(match);
  }

  hasId(id: ObjectId): boolean {
    return this.anyId((x) => sameId(x, id));
  }

  /** Remembers the current identity before a transformer changes it. */
  storePreviousId(): void {
    const id = this.id;
    this.prevIds.push({ ...id, namespace: isClusterScoped(id) ? '' : effectiveNamespace(id) });
  }

  /** The origin of the root of the object (the document it was read from, or its generator). */
  get rootOrigin(): FieldOrigin {
    return this.book.originOf(this.object, this.source);
  }

  metadata(): JsonObject {
    let meta = this.object.metadata;
    if (!isJsonObject(meta)) {
      meta = {};
      this.book.set(this.object, 'metadata', meta, this.rootOrigin);
    }
    return meta;
  }

  /** Sets metadata.name or metadata.namespace, recording the change and who made it. */
  setIdentity(field: 'name' | 'namespace', value: string, by: TransformerOrigin, keepOrigin = false): void {
    const from = this.id;
    const meta = this.metadata();
    if (keepOrigin && typeof meta[field] === 'string') meta[field] = value;
    else this.book.set(meta, field, value, by);
    const to = this.id;
    if (from.name !== to.name || from.namespace !== to.namespace) this.changes.push({ from, to, by });
    if (field === 'namespace') this.namespaceBy = by;
  }

  stringMap(field: 'labels' | 'annotations'): Record<string, string> {
    const m = isJsonObject(this.object.metadata) ? this.object.metadata[field] : undefined;
    const out: Record<string, string> = {};
    if (isJsonObject(m)) for (const [k, v] of Object.entries(m)) if (v !== null && typeof v !== 'object') out[k] = String(v);
    return out;
  }
}

export function getPath(root: Json, path: string[]): Json | undefined {
  let cur: Json | undefined = root;
  for (const seg of path) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}
