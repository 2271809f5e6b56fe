// What the renderer reads and what it returns. Pure data: the workspace (or a test) supplies the
// files through RenderHost, so the renderer itself never touches a file system.
import type { FieldOrigin, IdentityChange, SourceDocument, SourceOrigin, TransformerOrigin } from '../model.js';

export type { FieldOrigin, IdentityChange, ObjectIdentity as ObjectId, SourceDocument, SourceOrigin, TransformerOrigin } from '../model.js';

/** The files a rendering may read. Every method answers from memory; none may block on I/O. */
export interface RenderHost {
  /** The documents of a YAML file, or undefined when there is no such file. */
  documents(uri: string): SourceDocument[] | undefined;
  /** The text of any other file a kustomization reads (env and generator files), or undefined. */
  text(uri: string): string | undefined;
  /** YAML files under a folder URI (ending in '/'), at any depth, sorted: Flux generates a kustomization from them. */
  yamlFilesUnder(dirUri: string): string[];
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
  /** The kustomization that listed its file (or generated it): where configuration for it goes. */
  listedBy: SourceDocument;
}

export interface RenderResult {
  objects: RenderedObject[];
  issues: RenderIssue[];
  /** Every file the rendering read or looked for (a later change to any of them re-renders). */
  inputs: Set<string>;
  /** Folders whose file list it read (Flux's generated kustomization): a new file there re-renders. */
  folders: Set<string>;
  /** Files whose objects it read (listed as resources, directly or through bases). */
  resourceFiles: Set<string>;
  /** Files that served as patches or transformer configuration (objects only if also resources). */
  patchFiles: Set<string>;
  /** `images:` entries (kustomization or Flux) that changed no image field: the pin did not take. */
  unusedImages: { name: string; origin: TransformerOrigin }[];
  /** True when some part cannot be known offline and the objects must be read as plain files. */
  opaque: boolean;
}
