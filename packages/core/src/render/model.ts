// What the renderer reads and what it returns. Pure data: the workspace (or a test) supplies the
// files through RenderHost, so the renderer itself never touches a file system.
import type { Range, SourceMap } from '../model.js';

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

/** The files a rendering may read. Every method answers from memory; none may block on I/O. */
export interface RenderHost {
  /** The documents of a YAML file, or undefined when there is no such file. */
  documents(uri: string): SourceDocument[] | undefined;
  /** The text of any other file a kustomization reads (env and generator files), or undefined. */
  text(uri: string): string | undefined;
  /** YAML files under a folder URI (ending in '/'), at any depth, sorted: Flux generates a kustomization from them. */
  yamlFilesUnder(dirUri: string): string[];
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

/** An object's identity as kustomize tracks it. */
export interface ObjectId {
  group: string;
  version: string;
  kind: string;
  /** '' when unset (kustomize then treats namespaced objects as in `default`). */
  namespace: string;
  name: string;
}

/** A change of name or namespace made by a transformer (namePrefix, nameSuffix, a generator's hash, namespace). */
export interface IdentityChange {
  from: ObjectId;
  to: ObjectId;
  by: TransformerOrigin;
}

/** A problem with a rendering, located on the line that causes it. */
export interface RenderIssue {
  severity: 'error' | 'warning' | 'info';
  /** Stable short code: `unknown-offline`, `missing-file`, `patch-target`, `duplicate-id`… */
  code: string;
  message: string;
  doc: SourceDocument;
  pointer: string;
  /** An issue that means the whole rendering is unknown: its objects fall back to the plain file view. */
  opaque?: boolean;
}

/** One object as the cluster will receive it. */
export interface RenderedObject {
  object: Record<string, unknown>;
  /** The document it comes from (for a generated object, the kustomization) and where in it. */
  source: SourceOrigin;
  /** Where each field came from: `originAt('/spec/model/name')`. */
  originAt(pointer: string): FieldOrigin | undefined;
  /** Name and namespace changes in the order transformers made them. */
  changes: IdentityChange[];
  /** The transformer that set metadata.namespace, when one did. */
  namespaceBy?: TransformerOrigin;
  /** Made by a generator (configMapGenerator, secretGenerator). */
  generated: boolean;
}

export interface RenderResult {
  objects: RenderedObject[];
  issues: RenderIssue[];
  /** Every file the rendering read or looked for (a later change to any of them re-renders). */
  inputs: Set<string>;
  /** Folders whose file list it read (Flux's generated kustomization): a new file there re-renders. */
  folders: Set<string>;
  /** Files that only served as patches or transformer configuration: they are not objects. */
  patchFiles: Set<string>;
  /** True when some part cannot be known offline and the objects must be read as plain files. */
  opaque: boolean;
}
