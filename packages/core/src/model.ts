// The data every layer shares: positions, resources, findings.
// Pure types, no behaviour: front ends (LSP, CLI, VS Code) convert to their own shapes at the edge.

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A location in a source file; `uri` is a `file://` URI or, for live objects, `cluster://<context>/...`. */
export interface Location {
  uri: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Identity of a Kubernetes object: group is '' for the core group. */
export interface ObjectKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Why a resource has the namespace it has (hover on metadata.name explains it). */
export type NamespaceSource =
  | { kind: 'metadata' }
  | { kind: 'kustomization'; uri: string }
  | { kind: 'default'; setting: string }
  | { kind: 'cluster' }
  | { kind: 'cluster-scoped' };

/**
 * One Kubernetes object, from a YAML document in a file or from a live cluster.
 * Both become this same shape so that one resolver serves the editor, the CLI and the cluster.
 */
export interface Resource {
  /** Where it came from: file URI, or `cluster://<context>` for live objects. */
  uri: string;
  /** Index of the YAML document within the file (0 for cluster objects). */
  docIndex: number;
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  name: string;
  /** Effective namespace (explicit, inferred or defaulted); '' for cluster-scoped kinds. */
  namespace: string;
  namespaceSource: NamespaceSource;
  /** The plain JS value of the document (after bounded alias expansion). */
  object: Record<string, unknown>;
  /** Source ranges by JSON pointer (`/spec/model/name`): key range and value range. Empty for cluster objects. */
  ranges: SourceMap;
  /** Range of the whole document; zero range for cluster objects. */
  range: Range;
  /**
   * Set on a Secret that no Secret document defines but another object produces
   * (an ExternalSecret or a SealedSecret): it counts as the Secret for references.
   */
  producedBy?: ObjectKey;
}

/** JSON pointer → ranges of the key and of the value at that path. */
export interface SourceMap {
  get(pointer: string): { key?: Range; value: Range } | undefined;
  /** Every pointer present, in document order. */
  pointers(): Iterable<string>;
}

/** A quick fix as a list of text edits (same URI as the finding unless `uri` is set). */
export interface Fix {
  title: string;
  edits: { uri?: string; range: Range; newText: string }[];
  preferred?: boolean;
}

/** What a rule reports. Front ends map it to LSP diagnostics, CLI lines or SARIF results. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  fixes?: Fix[];
  related?: { location: Location; message: string }[];
  /** Extra tags an editor may render (unnecessary / deprecated). */
  tags?: ('unnecessary' | 'deprecated')[];
}
