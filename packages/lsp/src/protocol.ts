// Custom protocol messages of the Flokoa language server, shared by the server, the VS Code
// extension and the protocol tests. Plain method names and payload types (no jsonrpc objects),
// so that a client on another vscode-jsonrpc version can use them as they are.

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

/**
 * Command of the "used by N" code lens, arguments `[uri: string, position: Position, locations: Location[]]`
 * (those of `editor.action.showReferences`, as JSON): the client converts them and shows the referrers.
 */
export const SHOW_REFERENCES_COMMAND = 'flokoa.showReferences';
