// What a cached workspace-rule result depends on, by name. Every read a rule makes of the index
// goes through an IndexReader that records the fact it read (the definitions at a key, the members
// of a kind in a namespace, ...); when the index changes, the workspace fires the facts the change
// touched and exactly the results that read one of them are dropped. Nothing is declared by hand,
// so a result cannot miss an input that a rule did not know it had.
import type { ObjectKey, Resource } from './model.js';
import type { ParsedFile } from './parsedFile.js';
import type { RenderRoot } from './renderings.js';
import type { ResourceLookup } from './resolve.js';
import { referencesOf, type Reference } from './references.js';
import type { SchemaStore } from './schema/store.js';
import { keyString } from './kinds.js';

/** The names of the facts a read depends on. */
export const fact = {
  /** Every definition at a key: whether one exists, which one wins, its content. */
  key: (k: ObjectKey): string => `k ${keyString(k)}`,
  /** The members of a kind in a namespace ('*': in every namespace), and their content. */
  members: (group: string, kind: string, namespace = '*'): string => `m ${group}/${kind}/${namespace}`,
  /** The objects of a kind with a name, in any namespace, and their content. */
  named: (group: string, kind: string, name: string): string => `n ${group}/${kind}/${name}`,
  /** Which references point at a key: from which object, through which field. */
  referrers: (k: ObjectKey): string => `r ${keyString(k)}`,
  /** Where a file's documents are (their lines and numbers): what related locations point at. */
  layout: (uri: string): string => `p ${uri}`,
  /** A file's text and parse. */
  file: (uri: string): string => `f ${uri}`,
  /** What a kustomization or Flux Kustomization renders. */
  rendering: (root: string): string => `g ${root}`,
};

/** The facts a resource change touches: its key, its kind's members, its name. */
export function resourceFacts(r: Resource, out: Set<string>): void {
  if (!r.name || !r.kind) return; // not indexed: nothing can have read it
  out.add(fact.key(r));
  out.add(fact.members(r.group, r.kind, r.namespace));
  out.add(fact.members(r.group, r.kind));
  out.add(fact.named(r.group, r.kind, r.name));
}

/** The facts objects (and the references they make) entering or leaving the index touch. */
export function objectFacts(resources: readonly Resource[], refs: readonly { target: ObjectKey }[], out: Set<string>): void {
  for (const r of resources) resourceFacts(r, out);
  for (const ref of refs) out.add(fact.referrers(ref.target));
}

/** A cached result that read facts. */
export interface Reader {
  readonly uri: string;
  /** Other files its findings land in (a rendered object's field written in a patch). */
  readonly landed?: readonly string[];
  /** The facts it is registered under (set by FactReaders). */
  reads: readonly string[] | undefined;
  /** One of them changed: drop the result. */
  stale(): void;
}

/**
 * The readers of one fact, and the fact's name: every reader's `reads` shares this one string.
 * Most facts have one reader (the one Agent naming a Model, the one file a layout is of): it is
 * held as it is, and a Set made only for a second (a Set per fact was a tenth of a large
 * workspace's heap).
 */
class ReadersOf {
  private one: Reader | undefined;
  private many: Set<Reader> | undefined;

  constructor(readonly fact: string) {}

  get size(): number {
    return this.many ? this.many.size : this.one ? 1 : 0;
  }

  /** Adds a reader; false when it was there already. */
  add(reader: Reader): boolean {
    if (this.many) {
      if (this.many.has(reader)) return false;
      this.many.add(reader);
    } else if (this.one === undefined) this.one = reader;
    else if (this.one === reader) return false;
    else {
      this.many = new Set([this.one, reader]);
      this.one = undefined;
    }
    return true;
  }

  delete(reader: Reader): void {
    if (this.many) this.many.delete(reader);
    else if (this.one === reader) this.one = undefined;
  }

  /** The readers now (a copy: firing one changes the set). */
  list(): Reader[] {
    return this.many ? [...this.many] : this.one ? [this.one] : [];
  }
}

/** Who read which fact: firing a fact drops those readers' results and names their files. */
export class FactReaders {
  private readonly readers = new Map<string, ReadersOf>();

  /** No result is registered: a change drops nothing. */
  get isEmpty(): boolean {
    return this.readers.size === 0;
  }

  /** Registers what a freshly computed result read (replacing what it read before). */
  track(reader: Reader, reads: Iterable<string>): void {
    this.forget(reader);
    const list: string[] = [];
    for (const f of reads) {
      let s = this.readers.get(f);
      if (!s) this.readers.set(f, (s = new ReadersOf(f)));
      if (s.add(reader)) list.push(s.fact);
    }
    reader.reads = list;
  }

  /** Unregisters a reader (its document left the index, or its result is being recomputed). */
  forget(reader: Reader): void {
    const reads = reader.reads;
    if (!reads) return;
    reader.reads = undefined;
    for (const f of reads) {
      const s = this.readers.get(f);
      if (!s) continue;
      s.delete(reader);
      if (s.size === 0) this.readers.delete(f);
    }
  }

  /** Drops the results that read any of `facts`, telling `onStale` about each. */
  fire(facts: Iterable<string>, onStale: (reader: Reader) => void): void {
    for (const f of facts) {
      const s = this.readers.get(f);
      if (!s) continue;
      for (const reader of s.list()) {
        this.forget(reader);
        reader.stale();
        onStale(reader);
      }
    }
  }

  /** Drops every result (settings or schemas changed). */
  clear(): void {
    for (const s of [...this.readers.values()]) for (const reader of s.list()) reader.reads = undefined;
    this.readers.clear();
  }
}

/** The index as workspace rules see it: every read is a lookup whose fact the reader records. */
export interface IndexReader extends ResourceLookup {
  get(key: ObjectKey): Resource | undefined;
  list(group: string, kind: string, namespace?: string): Resource[];
  named(group: string, kind: string, name: string): Resource[];
  /** Every definition of a key (duplicates included), files first. */
  find(key: ObjectKey): Resource[];
  /** Whether a resource (obtained through this reader) came from a cluster rather than a file. */
  isExternal(r: Resource): boolean;
  /** How many references point at a key. */
  referrerCount(key: ObjectKey): number;
  namespaceObject(name: string): Resource | undefined;
  /** A file's text and parse (a quick fix that edits another file reads it). */
  file(uri: string): ParsedFile | undefined;
  /** A rendering root and its objects. */
  renderingRoot(id: string): RenderRoot | undefined;
  /**
   * Data derived from the index that many results share (a namespace's quota ledger, which every
   * Agent of the namespace reads): computed once under `key`, kept until a fact it read changes,
   * and those facts count as read by each caller.
   */
  shared<T>(key: string, compute: (reader: IndexReader) => T): T;
  readonly schemas: SchemaStore;
}

/** What the recording reader reads from (the workspace). */
export interface IndexSource {
  get(key: ObjectKey): Resource | undefined;
  list(group: string, kind: string, namespace?: string): Resource[];
  named(group: string, kind: string, name: string): Resource[];
  find(key: ObjectKey): Resource[];
  isExternal(r: Resource): boolean;
  referrersOf(key: ObjectKey): readonly unknown[];
  referencesOfResource?(r: Resource): Reference[];
  file(uri: string): ParsedFile | undefined;
  renderingRoot(id: string): RenderRoot | undefined;
  /** Where shared derivations are kept (none: each is computed for its caller). */
  readonly memos?: SharedMemos;
  readonly schemas: SchemaStore;
}

/** Shared derivations (IndexReader.shared), each a Reader of its own facts: a change drops it. */
export class SharedMemos {
  private readonly entries = new Map<string, Reader & { value: unknown; facts: string[] }>();

  constructor(private readonly readers: FactReaders) {}

  get<T>(source: IndexSource, key: string, compute: (reader: IndexReader) => T, into: Set<string>): T {
    let e = this.entries.get(key);
    if (!e) {
      const reader = new RecordingReader(source);
      const value = compute(reader);
      const entry = { uri: '', reads: undefined, value, facts: [...reader.reads], stale: () => this.entries.delete(key) };
      this.readers.track(entry, entry.facts);
      this.entries.set(key, (e = entry));
    }
    for (const f of e.facts) into.add(f);
    return e.value as T;
  }

  /** Drops every derivation (settings or schemas changed, as FactReaders.clear). */
  clear(): void {
    this.entries.clear();
  }
}

/** An IndexReader that records, into `reads`, the fact behind every answer it gives. */
export class RecordingReader implements IndexReader {
  readonly reads = new Set<string>();

  constructor(
    private readonly source: IndexSource,
    /** The resource under check: its own definitions need no layout. */
    private readonly self?: Resource,
  ) {}

  get schemas(): SchemaStore {
    return this.source.schemas;
  }

  get(key: ObjectKey): Resource | undefined {
    this.reads.add(fact.key(key));
    return this.source.get(key);
  }

  list(group: string, kind: string, namespace?: string): Resource[] {
    this.reads.add(fact.members(group, kind, namespace));
    return this.source.list(group, kind, namespace);
  }

  named(group: string, kind: string, name: string): Resource[] {
    this.reads.add(fact.named(group, kind, name));
    return this.source.named(group, kind, name);
  }

  find(key: ObjectKey): Resource[] {
    this.reads.add(fact.key(key));
    const all = this.source.find(key);
    // Whoever lists other definitions says where they are (a file, "document 3 of this file").
    for (const r of all) if (r !== this.self && !this.source.isExternal(r)) this.reads.add(fact.layout(r.uri));
    return all;
  }

  isExternal(r: Resource): boolean {
    return this.source.isExternal(r);
  }

  /** What a resource refers to is part of its content: no fact of its own (the key's covers it). */
  referencesOfResource(r: Resource): Reference[] {
    return this.source.referencesOfResource?.(r) ?? referencesOf(r);
  }

  referrerCount(key: ObjectKey): number {
    this.reads.add(fact.referrers(key));
    return this.source.referrersOf(key).length;
  }

  namespaceObject(name: string): Resource | undefined {
    return this.get({ group: '', kind: 'Namespace', namespace: '', name });
  }

  file(uri: string): ParsedFile | undefined {
    this.reads.add(fact.file(uri));
    return this.source.file(uri);
  }

  renderingRoot(id: string): RenderRoot | undefined {
    this.reads.add(fact.rendering(id));
    return this.source.renderingRoot(id);
  }

  shared<T>(key: string, compute: (reader: IndexReader) => T): T {
    const memos = this.source.memos;
    return memos ? memos.get(this.source, key, compute, this.reads) : compute(this);
  }
}

/** The reader document-scoped rules get: their results are cached per text, so the index is off limits. */
export class NoIndexReader implements IndexReader {
  constructor(
    readonly schemas: SchemaStore,
    private readonly rule: () => string,
  ) {}

  private refuse(): never {
    throw new Error(`document-scoped rule ${this.rule()} read the index; make it workspace-scoped`);
  }
  get(): never {
    return this.refuse();
  }
  list(): never {
    return this.refuse();
  }
  named(): never {
    return this.refuse();
  }
  find(): never {
    return this.refuse();
  }
  isExternal(): never {
    return this.refuse();
  }
  referrerCount(): never {
    return this.refuse();
  }
  namespaceObject(): never {
    return this.refuse();
  }
  file(): never {
    return this.refuse();
  }
  renderingRoot(): never {
    return this.refuse();
  }
  shared(): never {
    return this.refuse();
  }
}
