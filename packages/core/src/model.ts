// The data every layer shares: positions, resources, findings.
// Pure types, no behaviour: front ends (LSP, CLI, VS Code) convert to their own shapes at the edge.
import type { ApiChoice } from './api/types.js';

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
  /** Set by a kustomization's `namespace:` (or, with `field`, another field: a Flux Kustomization's spec.targetNamespace). */
  | { kind: 'kustomization'; uri: string; field?: string }
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
  /**
   * For a Flokoa document: the API generation it is read as, and why (set by whoever indexes it
   * with the workspace's CRDs and settings at hand; absent, it is chosen from the object alone).
   */
  api?: ApiChoice;
  /** Set when the object is what a kustomization or Flux Kustomization renders (see renderings.ts). */
  rendering?: ResourceRendering;
}

/** Which rendering an object belongs to, and where each of its fields came from. */
export interface ResourceRendering {
  /** The kustomization file, or `<file>#<document>` of a Flux Kustomization, that is rendered. */
  root: string;
  /** The folder rendered (ending in '/'). */
  dir: string;
  /** For a Flux rendering: the Flux Kustomization's namespace/name. */
  flux?: string;
  originAt(pointer: string): FieldOrigin | undefined;
  /** Renames and namespace moves, in the order transformers made them. */
  changes: IdentityChange[];
  namespaceBy?: TransformerOrigin;
  /** Made by a configMapGenerator or secretGenerator. */
  generated: boolean;
  /** The kustomization that listed its file (or generated it), or the Flux Kustomization that generated one. */
  listedBy: SourceDocument;
}

/** JSON pointer → ranges of the key and of the value at that path. */
export interface SourceMap {
  get(pointer: string): { key?: Range; value: Range } | undefined;
  /** Every pointer present, in document order. */
  pointers(): Iterable<string>;
  /**
   * Where a field was written when that may be another file (a rendered object's field set by a
   * patch or a kustomization line); `get` answers only for the resource's own file.
   */
  locate?(pointer: string): { uri: string; key?: Range; value: Range } | undefined;
}

/** A quick fix as a list of text edits (same URI as the finding unless `uri` is set). */
export interface Fix {
  title: string;
  /** `create`: the file does not exist yet; the edit is its whole text. */
  edits: { uri?: string; range: Range; newText: string; create?: boolean }[];
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

// Rendering (render/): where a rendered object's fields came from.

/** One parsed YAML document of a file the host holds. */
export interface SourceDocument {
  uri: string;
  /** Index among the file's non-empty documents (Resource.docIndex). */
  docIndex: number;
  /** The plain value; undefined when the document does not parse. */
  value: unknown;
  /** Ranges by JSON pointer, in the file's coordinates. */
  ranges: SourceMap;
  /** The whole document. */
  range: Range;
}

/** A field written by a transformer rather than by the user in a resource file. */
export interface TransformerOrigin {
  kind: 'transformer';
  /** Which transformer, as the kustomization (or Flux Kustomization) names it: `namespace`, `images`… */
  transformer: string;
  /** The kustomization or Flux Kustomization document that configures it, and the field doing so. */
  doc: SourceDocument;
  pointer: string;
}

/** A field the user wrote: in which document, at which pointer of that document. */
export interface SourceOrigin {
  kind: 'source';
  doc: SourceDocument;
  pointer: string;
}

export type FieldOrigin = SourceOrigin | TransformerOrigin;

/** An object's identity as kustomize tracks it (with the API version). */
export interface ObjectIdentity {
  group: string;
  version: string;
  kind: string;
  /** '' when unset (kustomize then treats namespaced objects as in `default`). */
  namespace: string;
  name: string;
}

/** A change of name or namespace made by a transformer (namePrefix, nameSuffix, a generator's hash, namespace). */
export interface IdentityChange {
  from: ObjectIdentity;
  to: ObjectIdentity;
  by: TransformerOrigin;
}
