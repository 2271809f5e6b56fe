// One place that answers "which schema applies to this apiVersion/kind": the built-in schemas of
// the API generation a document is read as, replaced per kind by CRDs read from a cluster,
// replaced in turn by CRDs found in the workspace (what the user is about to apply wins over what
// is installed). It also keeps what each Flokoa CRD says about the generation (api/verdict.ts).
import { API_GENERATIONS, NEWEST_API } from '../api/index.js';
import { verdictOf } from '../api/verdict.js';
import type { KnownKind } from '../api/infer.js';
import type { ApiDescription, CrdVerdict, KindDescription } from '../api/types.js';
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
const CORE_KINDS: KnownKind[] = ['Secret', 'ConfigMap', 'Service', 'ServiceAccount'].map((kind) => ({ group: '', kind }));

function builtinEntry(k: KindDescription): KindEntry {
  return {
    source: 'builtin',
    plural: k.plural,
    versions: [{ name: k.version, served: true, schema: resourceRootSchema(k.schema), statusSubresource: k.statusSubresource }],
  };
}

export class SchemaStore {
  /** Per generation id, its kinds. */
  private readonly builtin = new Map<string, Map<string, KindEntry>>();
  private readonly layers: Record<CrdSource, Map<string, KindEntry>> = { workspace: new Map(), cluster: new Map() };
  private readonly verdicts: Record<CrdSource, Map<string, CrdVerdict>> = { workspace: new Map(), cluster: new Map() };
  private changeCount = 0;

  constructor(
    readonly generations: readonly ApiDescription[] = API_GENERATIONS,
    readonly groups: readonly string[] = [NEWEST_API.group],
  ) {
    for (const api of generations) this.builtin.set(api.id, new Map(api.kinds.map((k) => [key(k.group, k.kind), builtinEntry(k)])));
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
    const ours: [string, unknown][] = [];
    crds.forEach((obj, index) => {
      const info: CrdInfo | string = readCrd(obj);
      if (typeof info === 'string') {
        problems.push({ index, message: info });
        return;
      }
      if (!this.groups.includes(info.group)) return;
      const k = key(info.group, info.kind);
      layer.set(k, {
        source: source === 'workspace' ? 'crd-workspace' : 'crd-cluster',
        crdName: info.name,
        plural: info.plural,
        versions: info.versions,
      });
      ours.push([k, obj]);
    });
    this.layers[source] = layer;
    const known = this.knownKinds();
    const verdicts = new Map<string, CrdVerdict>();
    for (const [k, obj] of ours) {
      const v = verdictOf(obj, source, known);
      if (v) verdicts.set(k, v);
    }
    this.verdicts[source] = verdicts;
    this.changeCount++;
    return problems;
  }

  private knownKinds(): KnownKind[] {
    return [...CORE_KINDS, ...this.kinds().map(({ group, kind }) => ({ group, kind }))];
  }

  private entry(group: string, kind: string, api?: ApiDescription): KindEntry | undefined {
    const k = key(group, kind);
    const layered = this.layers.workspace.get(k) ?? this.layers.cluster.get(k);
    if (layered) return layered;
    if (api) return this.builtin.get(api.id)?.get(k);
    for (const g of this.generations) {
      const e = this.builtin.get(g.id)?.get(k);
      if (e) return e;
    }
    return undefined;
  }

  /**
   * The schema for objects of this group/version/kind read as generation `api` (default: the
   * newest that has the kind), or undefined for a kind no layer knows.
   */
  schemaFor(group: string, version: string, kind: string, api?: ApiDescription): SchemaLookup | undefined {
    const e = this.entry(group, kind, api);
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

  servedVersions(group: string, kind: string, api?: ApiDescription): string[] {
    return (
      this.entry(group, kind, api)
        ?.versions.filter((v) => v.served)
        .map((v) => v.name) ?? []
    );
  }

  /** The CRD that decides a kind (the workspace's before the cluster's), with what it says about the generation. */
  crdVerdict(group: string, kind: string): CrdVerdict | undefined {
    const k = key(group, kind);
    return this.verdicts.workspace.get(k) ?? this.verdicts.cluster.get(k);
  }

  /** Whether some layer has CRDs of the Flokoa group (then a kind it lacks is not installed). */
  hasCrds(source?: CrdSource): boolean {
    return source ? this.layers[source].size > 0 : this.layers.workspace.size + this.layers.cluster.size > 0;
  }

  /**
   * The generation the deciding CRDs are as a whole: the newest one that every Flokoa CRD of the
   * workspace (else the cluster) matches exactly; undefined when they match none together.
   */
  layerApi(): { api: ApiDescription; crd: CrdVerdict } | undefined {
    for (const source of ['workspace', 'cluster'] as const) {
      const vs = [...this.verdicts[source].values()];
      if (vs.length === 0) continue;
      const api = this.generations.find((g) => vs.every((v) => v.exact.includes(g)));
      if (!api) return undefined;
      const agent = this.verdicts[source].get(key(api.group, 'Agent'));
      return { api, crd: agent ?? vs[0]! };
    }
    return undefined;
  }

  /** A short text that changes when what the CRDs say about generations changes (callers re-derive then). */
  verdictSignature(): string {
    const part = (m: Map<string, CrdVerdict>) =>
      [...m]
        .map(([k, v]) => `${k}=${v.name}:${v.exact.map((a) => a.id).join('+')}:${v.closest?.id ?? ''}:${v.references?.length ?? ''}`)
        .join(',');
    return `${part(this.verdicts.workspace)}|${part(this.verdicts.cluster)}`;
  }

  /** Every kind some layer knows, with the layer that decides it (completion of `kind:`, unknown-kind messages). */
  kinds(group?: string): { group: string; kind: string; plural: string; source: SchemaSource; servedVersions: string[] }[] {
    const keys = new Set([...this.layers.cluster.keys(), ...this.layers.workspace.keys()]);
    for (const m of this.builtin.values()) for (const k of m.keys()) keys.add(k);
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
