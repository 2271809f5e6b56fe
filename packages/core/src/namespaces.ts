// The effective namespace of a document: metadata.namespace, else the `namespace:` of a
// kustomization.yaml that lists the file or one of its folders, else the default setting.
import type { NamespaceSource } from './model.js';

export interface Kustomization {
  uri: string;
  namespace?: string;
  /** Absolute URIs of listed files, and of listed folders (ending in '/'). */
  entries: string[];
}

const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Reads a kustomization from a document, or undefined when it is not one. */
export function kustomizationOf(uri: string, value: unknown): Kustomization | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const declared = typeof v.apiVersion === 'string' && v.apiVersion.startsWith(KUSTOMIZE_GROUP + '/') && v.kind === 'Kustomization';
  const byName =
    v.apiVersion === undefined && (v.kind === undefined || v.kind === 'Kustomization') && KUSTOMIZATION_FILE.test(uri.split('?')[0]);
  if (!declared && !byName) return undefined;
  const entries: string[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    const list = v[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item !== 'string' || item === '' || isRemote(item)) continue;
      try {
        const isFile = /\.(ya?ml|json)$/i.test(item);
        entries.push(new URL(isFile ? item : item.replace(/\/?$/, '/'), uri).href);
      } catch {
        // An entry that is not a path cannot list any file.
      }
    }
  }
  const ns = typeof v.namespace === 'string' && v.namespace !== '' ? v.namespace : undefined;
  return { uri, namespace: ns, entries };
}

function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.includes('?ref=');
}

/** Which kustomizations list which files and folders. */
export class KustomizationIndex {
  private readonly byUri = new Map<string, Kustomization>();
  private readonly byEntry = new Map<string, Set<string>>();

  /** Sets (or with undefined, removes) the kustomization of a file; returns the entries whose namespace may have changed. */
  set(uri: string, k: Kustomization | undefined): string[] {
    const old = this.byUri.get(uri);
    if (old) {
      for (const e of old.entries) {
        const s = this.byEntry.get(e);
        s?.delete(uri);
        if (s && s.size === 0) this.byEntry.delete(e);
      }
      this.byUri.delete(uri);
    }
    if (k) {
      this.byUri.set(uri, k);
      for (const e of k.entries) {
        let s = this.byEntry.get(e);
        if (!s) this.byEntry.set(e, (s = new Set()));
        s.add(uri);
      }
    }
    const changed = new Set([...(old?.entries ?? []), ...(k?.entries ?? [])]);
    if (old?.namespace === k?.namespace && sameEntries(old, k)) return [];
    return [...changed];
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /**
   * The kustomization namespace that applies to a file. When several apply (an overlay listing a
   * folder whose own kustomization lists the file), the outermost wins, as it does in kustomize.
   */
  namespaceFor(fileUri: string): { namespace: string; uri: string } | undefined {
    const candidates: Kustomization[] = [];
    const consider = (entry: string): void => {
      for (const ku of this.byEntry.get(entry) ?? []) {
        const k = this.byUri.get(ku)!;
        if (k.namespace && !candidates.includes(k)) candidates.push(k);
      }
    };
    consider(fileUri);
    for (let i = fileUri.lastIndexOf('/', fileUri.length - 2); i > 0; i = fileUri.lastIndexOf('/', i - 1)) {
      const dir = fileUri.slice(0, i + 1);
      if (dir.endsWith('//')) break;
      consider(dir);
    }
    // The outermost is the one no other candidate includes (an overlay includes its base's folder).
    const outer = candidates.filter((k) => !candidates.some((o) => o !== k && o.entries.some((e) => entryCovers(e, k.uri))));
    const best = (outer.length ? outer : candidates).sort((a, b) => (a.uri < b.uri ? -1 : 1))[0];
    return best ? { namespace: best.namespace!, uri: best.uri } : undefined;
  }
}

function sameEntries(a: Kustomization | undefined, b: Kustomization | undefined): boolean {
  if (!a || !b) return a === b;
  return a.entries.length === b.entries.length && a.entries.every((e, i) => e === b.entries[i]);
}

/** Does a file URI fall under an entry (the file itself, or a folder above it)? */
export function entryCovers(entry: string, fileUri: string): boolean {
  return entry.endsWith('/') ? fileUri.startsWith(entry) : entry === fileUri;
}

export function effectiveNamespace(
  metadataNamespace: unknown,
  namespaced: boolean,
  fileUri: string,
  kustomizations: KustomizationIndex | undefined,
  defaultNamespace: string,
): { namespace: string; source: NamespaceSource } {
  if (!namespaced) return { namespace: '', source: { kind: 'cluster-scoped' } };
  if (typeof metadataNamespace === 'string' && metadataNamespace !== '')
    return { namespace: metadataNamespace, source: { kind: 'metadata' } };
  const k = kustomizations?.namespaceFor(fileUri);
  if (k) return { namespace: k.namespace, source: { kind: 'kustomization', uri: k.uri } };
  return { namespace: defaultNamespace, source: { kind: 'default', setting: defaultNamespace } };
}

/** One line for hover on metadata.name: which namespace and why. */
export function describeNamespaceSource(namespace: string, source: NamespaceSource): string {
  switch (source.kind) {
    case 'metadata':
      return `Namespace \`${namespace}\`, from metadata.namespace.`;
    case 'kustomization':
      return source.field
        ? `Namespace \`${namespace}\`, from \`${source.field}\` of ${source.uri}, which renders this file.`
        : `Namespace \`${namespace}\`, from the \`namespace:\` of ${source.uri}: kustomize sets it on everything it renders, over metadata.namespace.`;
    case 'default':
      return `Namespace \`${namespace}\`: no metadata.namespace and no kustomization.yaml sets one, so the default setting applies (flokoa.defaultNamespace = "${source.setting}").`;
    case 'cluster':
      return `Namespace \`${namespace}\`, as read from the cluster.`;
    case 'cluster-scoped':
      return 'Cluster-scoped: this kind has no namespace.';
  }
}
