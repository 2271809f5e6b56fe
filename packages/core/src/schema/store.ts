// One place that answers "which schema applies to this apiVersion/kind": built-in schemas of the
// documented API, replaced per kind by CRDs read from a cluster, replaced in turn by CRDs found
// in the workspace (what the user is about to apply wins over what is installed).
import { BUILTIN_KINDS, FLOKOA_API_GROUP, type BuiltinKind } from './builtin/index.js';
import { readCrd, resourceRootSchema, type CrdInfo } from './crd.js';
import type { JsonSchema, SchemaSource } from './types.js';

export type CrdSource = 'workspace' | 'cluster';

interface LookupCommon {
  source: SchemaSource;
  servedVersions: string[];
  /** Name of the CRD that decided, when one did. */
  crdName?: string;
  /** The version has the status subresource: applied manifests cannot set status (validate's `ignoresStatus`). */
  statusSubresource: boolean;
}

export type SchemaLookup =
  | ({ served: true; schema: JsonSchema } & LookupCommon)
  /** The kind is known but this version is not served: `schema` is set when the CRD lists the version as `served: false`. */
  | ({ served: false; schema?: JsonSchema } & LookupCommon);

/** A CRD object the store could not use, with the reason (shown by callers as a hint). */
export interface CrdProblem {
  index: number;
  name?: string;
  message: string;
}

interface KindEntry {
  source: SchemaSource;
  crdName?: string;
  plural: string;
  versions: { name: string; served: boolean; schema: JsonSchema; statusSubresource: boolean }[];
}

const key = (group: string, kind: string) => `${group}/${kind}`;

function builtinEntry(k: BuiltinKind): KindEntry {
  return {
    source: 'builtin',
    plural: k.plural,
    versions: [{ name: k.version, served: true, schema: resourceRootSchema(k.schema), statusSubresource: true }],
  };
}

export class SchemaStore {
  private readonly builtin = new Map<string, KindEntry>();
  private readonly layers: Record<CrdSource, Map<string, KindEntry>> = { workspace: new Map(), cluster: new Map() };
  private changeCount = 0;

  constructor(
    builtins: readonly BuiltinKind[] = BUILTIN_KINDS,
    readonly groups: readonly string[] = [FLOKOA_API_GROUP],
  ) {
    for (const k of builtins) this.builtin.set(key(k.group, k.kind), builtinEntry(k));
  }

  /** Bumped on every change; callers re-validate when it moves. */
  get generation(): number {
    return this.changeCount;
  }

  /**
   * Replaces the CRDs of one source (all of them: pass every CRD the source has). CRDs of other
   * API groups are ignored; malformed ones are returned as problems and otherwise ignored.
   */
  setCrds(source: CrdSource, crds: readonly unknown[]): CrdProblem[] {
    const layer = new Map<string, KindEntry>();
    const problems: CrdProblem[] = [];
    crds.forEach((obj, index) => {
      const info: CrdInfo | string = readCrd(obj);
      if (typeof info === 'string') {
        problems.push({ index, message: info });
        return;
      }
      if (!this.groups.includes(info.group)) return;
      layer.set(key(info.group, info.kind), {
        source: source === 'workspace' ? 'crd-workspace' : 'crd-cluster',
        crdName: info.name,
        plural: info.plural,
        versions: info.versions,
      });
    });
    this.layers[source] = layer;
    this.changeCount++;
    return problems;
  }

  private entry(group: string, kind: string): KindEntry | undefined {
    const k = key(group, kind);
    return this.layers.workspace.get(k) ?? this.layers.cluster.get(k) ?? this.builtin.get(k);
  }

  /** The schema for objects of this group/version/kind, or undefined for a kind no layer knows. */
  schemaFor(group: string, version: string, kind: string): SchemaLookup | undefined {
    const e = this.entry(group, kind);
    if (!e) return undefined;
    const servedVersions = e.versions.filter((v) => v.served).map((v) => v.name);
    const v = e.versions.find((x) => x.name === version);
    const common = {
      source: e.source,
      servedVersions,
      statusSubresource: v?.statusSubresource ?? false,
      ...(e.crdName ? { crdName: e.crdName } : {}),
    };
    if (v?.served) return { served: true, schema: v.schema, ...common };
    return v ? { served: false, schema: v.schema, ...common } : { served: false, ...common };
  }

  servedVersions(group: string, kind: string): string[] {
    return (
      this.entry(group, kind)
        ?.versions.filter((v) => v.served)
        .map((v) => v.name) ?? []
    );
  }

  /** Every kind some layer knows, with the layer that decides it (completion of `kind:`, unknown-kind messages). */
  kinds(group?: string): { group: string; kind: string; plural: string; source: SchemaSource; servedVersions: string[] }[] {
    const keys = new Set([...this.builtin.keys(), ...this.layers.cluster.keys(), ...this.layers.workspace.keys()]);
    const out = [];
    for (const k of keys) {
      const slash = k.lastIndexOf('/');
      const g = k.slice(0, slash);
      const kind = k.slice(slash + 1);
      if (group !== undefined && g !== group) continue;
      const e = this.entry(g, kind)!;
      out.push({
        group: g,
        kind,
        plural: e.plural,
        source: e.source,
        servedVersions: e.versions.filter((v) => v.served).map((v) => v.name),
      });
    }
    return out.sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
