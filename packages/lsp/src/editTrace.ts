// How long the server works on an edit, measured inside it: from the change notification's handler
// to the document's diagnostics ready, then written (push) or answered (pull). Sent as `$/logTrace`
// when the client asked for traces (initialize's `trace`, or `$/setTrace`), so a user can see
// where time goes and the benchmark can separate the server's work from the client's decoding:
//   diagnostics of <uri> v<version>: work <ms> ms, write <ms> ms, <n> documents analysed
import type { Connection } from 'vscode-languageserver/node';

interface Pending {
  at: number;
  analysed: number;
}

export class EditTrace {
  /** The first unanswered change of each document (a burst of changes is one edit). */
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly connection: Connection,
    /** How many documents have been analysed so far (core's counter). */
    private readonly analysed: () => number,
  ) {}

  received(uri: string): void {
    if (!this.pending.has(uri)) this.pending.set(uri, { at: performance.now(), analysed: this.analysed() });
  }

  /** The diagnostics of `uri` at `version` are ready; `written` settles when they are on the wire (push). */
  ready(uri: string, version: number, written?: Promise<void>): void {
    const p = this.pending.get(uri);
    if (!p) return;
    this.pending.delete(uri);
    const readyAt = performance.now();
    const line = (writeMs: number): void =>
      this.connection.tracer.log(
        `diagnostics of ${uri} v${version}: work ${(readyAt - p.at).toFixed(2)} ms, write ${writeMs.toFixed(2)} ms, ` +
          `${this.analysed() - p.analysed} documents analysed`,
      );
    if (!written) return line(0);
    written.then(
      () => line(performance.now() - readyAt),
      () => undefined,
    );
  }
}
