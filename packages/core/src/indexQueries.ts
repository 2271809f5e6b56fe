// The read side of the workspace: the lookups the resolver, the rules and the editor features
// make of the index. Each applies what is queued first (renderings are worked out lazily).
import type { ObjectKey, Resource } from './model.js';
import type { Reference } from './references.js';
import type { ResourceLookup } from './resolve.js';
import { ResourceIndex, type NamespaceInfo } from './resourceIndex.js';

export abstract class IndexQueries implements ResourceLookup {
  protected readonly index = new ResourceIndex();

  /** Brings the index up to date before a read. */
  protected abstract settle(): unknown;

  get(key: ObjectKey): Resource | undefined {
    this.settle();
    return this.index.get(key);
  }

  list(group: string, kind: string, namespace?: string, keep?: (name: string) => boolean): Resource[] {
    this.settle();
    return this.index.list(group, kind, namespace, keep);
  }

  named(group: string, kind: string, name: string): Resource[] {
    this.settle();
    return this.index.named(group, kind, name);
  }

  /** Every definition of a key (duplicates included), files first. */
  find(key: ObjectKey): Resource[] {
    this.settle();
    return this.index.all(key);
  }

  isExternal(r: Resource): boolean {
    return this.index.isExternal(r);
  }

  /** Namespaces that hold a kind (completion of a reference's `namespace:`). */
  namespacesWith(group: string, kind: string): string[] {
    this.settle();
    return this.index.namespacesOf(group, kind).sort();
  }

  /** Every namespace mentioned anywhere, with labels from its Namespace object when there is one. */
  namespaces(): NamespaceInfo[] {
    this.settle();
    return this.index.namespaces();
  }

  namespaceObject(name: string): Resource | undefined {
    this.settle();
    return this.index.get({ group: '', kind: 'Namespace', namespace: '', name });
  }

  referrersOf(key: ObjectKey): Reference[] {
    this.settle();
    return this.index.referrersOf(key);
  }
}
