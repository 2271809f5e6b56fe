// Custom protocol messages of the Flokoa language server, shared by the server, the VS Code
// extension and the protocol tests. Plain method names and payload types (no jsonrpc objects, no
// imports), so that a client on another vscode-jsonrpc version, or in another editor, can use them
// as they are. The server is the one model: every view of an editor asks it through these.

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  uri: string;
  range: Range;
}

/** Identity of a Kubernetes object; `group` is '' for the core group, `namespace` '' for cluster-scoped kinds. */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Where a resource is defined: in a workspace file (at its metadata.name), or only in the cluster. */
export type Definition = { in: 'file'; location: Location } | { in: 'cluster'; context: string };

/** How a reference resolved: `forbidden` means the cluster would not let us look. */
export type ReferenceStatus = 'found' | 'missing' | 'wrong-kind' | 'forbidden';

/** One reference of a chain (Agent → Model → ModelProvider → Secret, tools, env), resolved. */
export interface ChainLink {
  target: ResourceKey;
  /** JSON pointer of the reference object in its source (`/spec/model`). */
  field: string;
  /** The key of a Secret or ConfigMap the reference names. */
  dataKey?: string;
  optional: boolean;
  status: ReferenceStatus;
  /**
   * `broken`: the operator cannot reconcile it (a Flokoa object that does not exist, or of the wrong
   * kind); `unverified`: a Secret, ConfigMap, Service or ServiceAccount no file defines and the
   * cluster did not show (it may live outside the repository), or one we may not read.
   */
  problem?: 'broken' | 'unverified';
  /** Where the target is defined, when found. */
  definition?: Definition;
  /** Where the reference's name is written, when its source is a file. */
  written?: Location;
  /** Missing: namespaces that do hold an object of this kind and name. */
  elsewhere?: string[];
  /** Wrong kind: the kind of the object that has this name. */
  wrongKind?: string;
  children: ChainLink[];
}

/** The state of the cluster the server reads (`flokoa.cluster.*` settings). */
export type ClusterStatus =
  | { state: 'disabled' }
  | { state: 'connecting'; context: string }
  | { state: 'connected'; context: string; server: string }
  | { state: 'unavailable'; context?: string; reason: string; since: string };

/** Where the workspace index stands; `ready` means no reference is reported unresolved for lack of files. */
export interface IndexStatus {
  state: 'indexing' | 'ready';
  /** YAML files indexed so far (open documents included). */
  files: number;
  /** Milliseconds the initial scan took; set once `state` is `ready`. */
  elapsedMs?: number;
}

/** Server → client notification, payload IndexStatus: the index state changed (drives a status item; tests wait on it instead of sleeping). */
export const INDEX_STATUS_NOTIFICATION = 'flokoa/indexStatus';

/** Server → client notification, payload ClusterStatus: the cluster connection changed (a status item; views mark live data stale). */
export const CLUSTER_STATUS_NOTIFICATION = 'flokoa/clusterStatus';

/** What changed since the last ModelChanged: files (and so chains and problems), or the cluster's live state. */
export interface ModelChanged {
  files: boolean;
  live: boolean;
}

/** Server → client notification, payload ModelChanged (at most a few a second): views built from the requests below should ask again. */
export const MODEL_CHANGED_NOTIFICATION = 'flokoa/modelChanged';

/** An Agent of the workspace or the cluster, with its reference chain and how many links are broken. */
export interface AgentInfo {
  key: ResourceKey;
  /** Its file when one defines it (a file wins over the cluster), else the cluster. */
  definition: Definition;
  /** The image its spec asks for (the file's; the live object's for an Agent only in the cluster). */
  image?: string;
  chain: ChainLink[];
  /** Links of the chain, at any depth, whose problem is `broken`. */
  broken: number;
  /** Links of the chain, at any depth, whose problem is `unverified`. */
  unverified: number;
  /** True when the cluster has this Agent (its state: LIVE_STATE_REQUEST). */
  live: boolean;
}

export interface AgentsParams {
  /** Only the Agents this document defines (CodeLens); every Agent when absent. */
  uri?: string;
}

export interface AgentsResult {
  agents: AgentInfo[];
  cluster: ClusterStatus;
}

/** Client → server request, AgentsParams → AgentsResult: the Agents view and the per-Agent CodeLens, answered once the index is complete. */
export const AGENTS_REQUEST = 'flokoa/agents';

/** A resource and what it needs. */
export interface ResourceInfo {
  key: ResourceKey;
  definition: Definition;
  /** The document as plain JSON (for a file, what the editor holds now). */
  object: Record<string, unknown>;
  chain: ChainLink[];
}

export interface ResourceAtParams {
  textDocument: { uri: string };
  position: Position;
}

/** Client → server request, ResourceAtParams → ResourceInfo | null: the resource whose document holds the position (Show References, compare with the cluster). */
export const RESOURCE_AT_REQUEST = 'flokoa/resourceAt';

/** Which Flokoa API generation a document is read as, and why. */
export interface ApiGenerationInfo {
  /** e.g. `2026-06`; absent when no generation fits (a CRD far from every generation). */
  id?: string;
  /** e.g. "June 2026". */
  title?: string;
  /** The fields that tell the generation apart. */
  hallmarks?: string;
  /** What decided: the `flokoa.apiGeneration` setting, a CRD, the document's fields, or nothing (the newest). */
  source: 'setting' | 'crd' | 'document' | 'default';
  /** One sentence, e.g. "the document uses spec.modelRef". */
  because: string;
  /** Fields of another generation the document has (they make one api-generation-mismatch finding). */
  mixed?: { id: string; title: string; fields: string[] };
  /** What is checked differently, when a CRD no generation matches exactly decides. */
  notes?: string[];
}

/** Client → server request, ResourceAtParams → ApiGenerationInfo | null: the generation of the Flokoa document at a position (a status item). */
export const API_GENERATION_REQUEST = 'flokoa/apiGeneration';

/** Something that references a resource. */
export interface Referrer {
  source: ResourceKey;
  /** JSON pointer of the reference in the source. */
  field: string;
  /** A file, or the cluster for a live object that no file defines. */
  definition: Definition;
  /** Where the name is written in the source file. */
  written?: Location;
}

export interface ReferrersParams {
  key: ResourceKey;
}

export interface ReferrersResult {
  referrers: Referrer[];
}

/** Client → server request, ReferrersParams → ReferrersResult: who uses a resource, in files and live (Show Dependents: ask before deleting or rotating it). */
export const REFERRERS_REQUEST = 'flokoa/referrers';

/** A Kubernetes object as the cluster returned it (managed fields dropped; Secrets as metadata only). */
export interface LiveObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/** What the cluster runs for one Agent: the Agent, the Deployment the operator made, and its pods. */
export interface LiveAgent {
  key: ResourceKey;
  agent: LiveObject;
  deployment?: LiveObject;
  /** Pods labelled for the agent (metadata, containers, status). */
  pods: LiveObject[];
}

export interface LiveStateParams {
  /** Only these Agents; every live Agent when absent. */
  keys?: ResourceKey[];
}

export interface LiveStateResult {
  cluster: ClusterStatus;
  /** The context the objects were read from; absent when no cluster was ever read. */
  context?: string;
  /** True while the cluster is unavailable: the objects are the last ones seen, at `observedAt`. */
  stale: boolean;
  observedAt?: string;
  agents: LiveAgent[];
}

/** Client → server request, LiveStateParams → LiveStateResult: the live Agents' objects, for rollout state in views (the client judges them). */
export const LIVE_STATE_REQUEST = 'flokoa/liveState';

export interface LiveObjectParams {
  key: ResourceKey;
}

export interface LiveObjectResult {
  context: string;
  object: LiveObject;
}

/** Client → server request, LiveObjectParams → LiveObjectResult | null: one object as the cluster has it (read-only documents, file ↔ cluster diffs). */
export const LIVE_OBJECT_REQUEST = 'flokoa/liveObject';

/**
 * Command of the "used by N" code lens, arguments `[uri: string, position: Position, locations: Location[],
 * live: { key: ResourceKey; context: string }[]]`: those of `editor.action.showReferences` as JSON (the
 * referrers in files), then the live referrers no file defines. The client shows them all.
 */
export const SHOW_REFERENCES_COMMAND = 'flokoa.showReferences';
