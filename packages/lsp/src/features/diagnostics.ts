// Diagnostics, pushed or pulled as the client prefers (chosen once, at initialisation).
// Push: every change re-publishes the edited documents and the open documents whose diagnostics
// it changed. Pull: textDocument/diagnostic for open documents, workspace/diagnostic for every
// file of the repository (resultIds: unchanged files cost nothing), and a refresh request when a
// change altered the diagnostics of a file other than the edited ones.
import { PublishDiagnosticsNotification } from 'vscode-languageserver/node';
import type {
  Diagnostic,
  CancellationToken,
  DiagnosticServerCancellationData,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticReportPartialResult,
  WorkspaceDocumentDiagnosticReport,
  ResultProgressReporter,
} from 'vscode-languageserver/node';
import { whenIndexed, yieldToEventLoop, type ServerContext } from '../context.js';
import { runSafe } from '../request.js';
import type { ChangeEvent } from '../session.js';
import type { FileFindings } from '../findings.js';

/**
 * The diagnostics array of a report or a publish: our stdio writer copies its serialised parts as
 * they are, any other serialiser gets the array from its toJSON (see rawJson.ts).
 */
function wire(f: FileFindings): Diagnostic[] {
  return f.wire as unknown as Diagnostic[];
}

export type DiagnosticsMode = 'push' | 'pull';

/**
 * Pull when the client can pull and can be told to pull again (refresh): workspace-wide pull is
 * what fills the Problems panel for unopened files, and refresh is how an edit reaches the other
 * open files. A client that pulls but cannot refresh would show stale cross-file results: push.
 */
export function chooseDiagnosticsMode(ctx: Pick<ServerContext, 'client'>): DiagnosticsMode {
  return ctx.client.textDocument?.diagnostic && ctx.client.workspace?.diagnostics?.refreshSupport ? 'pull' : 'push';
}

export class Diagnostics {
  private refreshScheduled = false;
  private publishScheduled = false;
  private readonly toPublish = new Set<string>();
  /** What each open document was last published with: a dependent whose diagnostics did not change is not sent again. */
  private readonly published = new Map<string, { resultId: string; version: number }>();

  constructor(
    private readonly ctx: ServerContext,
    readonly mode: DiagnosticsMode,
  ) {
    ctx.session.onDidChange((e) => (mode === 'push' ? this.publishAffected(e) : this.requestRefresh(e)));
    if (mode === 'pull') this.registerPull();
  }

  /** Push mode: the client keeps no diagnostics for documents it closed. */
  documentClosed(uri: string): void {
    this.published.delete(uri);
    if (this.mode === 'push') void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publishAffected(e: ChangeEvent): void {
    const { session } = this.ctx;
    // Until the index is complete every reference might look unresolved: hold everything.
    if (!session.isReady) return;
    const uris = e.all ? session.openDocuments().map((d) => d.uri) : [...e.uris].filter((u) => session.isOpen(u));
    for (const uri of uris) this.toPublish.add(uri);
    if (this.publishScheduled || this.toPublish.size === 0) return;
    this.publishScheduled = true;
    // Right after the current message (a change may be flushed by a completion request, which
    // must not wait for diagnostics); the edited document first, then the others it affected.
    setImmediate(() => {
      this.publishScheduled = false;
      // Edits that arrived since must be in the analysis, or a stale result would carry the new version.
      this.ctx.session.flush();
      const batch = [...this.toPublish];
      this.toPublish.clear();
      for (const uri of batch) this.publish(uri);
    });
  }

  private publish(uri: string): void {
    const doc = this.ctx.session.document(uri);
    if (!doc) return;
    try {
      const f = this.ctx.findings.get(uri);
      const last = this.published.get(uri);
      if (last && last.resultId === f.resultId && last.version === doc.version) return;
      this.published.set(uri, { resultId: f.resultId, version: doc.version });
      const written = this.ctx.connection.sendNotification(PublishDiagnosticsNotification.method, {
        uri,
        version: doc.version,
        diagnostics: wire(f),
      });
      this.ctx.trace.ready(uri, doc.version, written);
    } catch (e) {
      this.ctx.log.error(`diagnostics failed on ${uri}: ${String(e)}`);
    }
  }

  private requestRefresh(e: ChangeEvent): void {
    if (!this.ctx.session.isReady) return;
    // The client re-pulls an edited document by itself; a refresh is for what it cannot know
    // about: another file whose diagnostics the change altered (worked out now, so that an edit
    // whose dependents kept their diagnostics asks the client for nothing).
    if (!e.all && ![...e.uris].some((u) => !e.edited.has(u) && this.ctx.findings.changed(u))) return;
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    setImmediate(() => {
      this.refreshScheduled = false;
      this.ctx.connection.languages.diagnostics.refresh().catch((err) => this.ctx.log.info(`diagnostic refresh failed: ${String(err)}`));
    });
  }

  private registerPull(): void {
    const { connection, log } = this.ctx;
    connection.languages.diagnostics.on((params, token) =>
      runSafe<DocumentDiagnosticReport, DiagnosticServerCancellationData>(
        log,
        'textDocument/diagnostic',
        params.textDocument.uri,
        token,
        { kind: 'full', items: [] } as DocumentDiagnosticReport,
        () => this.pullDocument(params, token),
      ),
    );
    connection.languages.diagnostics.onWorkspace((params, token, _workDone, partial) =>
      runSafe<WorkspaceDiagnosticReport, DiagnosticServerCancellationData>(
        log,
        'workspace/diagnostic',
        undefined,
        token,
        { items: [] } as WorkspaceDiagnosticReport,
        () => this.pullWorkspace(params, token, partial),
      ),
    );
  }

  private async pullDocument(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    if (!(await whenIndexed(this.ctx.session, token))) return { kind: 'full', items: [] };
    const uri = params.textDocument.uri;
    this.ctx.session.file(uri); // applies pending edits
    const f = this.ctx.findings.get(uri);
    this.ctx.trace.ready(uri, this.ctx.session.document(uri)?.version ?? 0);
    if (params.previousResultId === f.resultId) return { kind: 'unchanged', resultId: f.resultId };
    return { kind: 'full', resultId: f.resultId, items: wire(f) };
  }

  /**
   * Every file of the workspace. With a partial-result token the reports stream out a slice at a
   * time (a big repository fills the Problems panel progressively); the final answer is then empty.
   */
  private async pullWorkspace(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    partial?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
  ): Promise<WorkspaceDiagnosticReport> {
    const { session, findings } = this.ctx;
    if (!(await whenIndexed(session, token))) return { items: [] };
    session.flush();
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let sliceStart = performance.now();
    for (const uri of session.workspace.uris()) {
      if (token.isCancellationRequested) return { items: [] };
      const version = session.document(uri)?.version ?? null;
      const prev = previous.get(uri);
      const f = findings.get(uri);
      if (prev !== undefined && prev === f.resultId) {
        items.push({ kind: 'unchanged', uri, version, resultId: prev });
        continue;
      }
      // A clean file is listed only to clear what the client showed for it before.
      if (f.count > 0 || prev !== undefined) items.push({ kind: 'full', uri, version, resultId: f.resultId, items: wire(f) });
      if (performance.now() - sliceStart > 10) {
        if (partial && items.length > 0) partial.report({ items: items.splice(0) });
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    // Files gone from the workspace: clear them.
    for (const uri of previous.keys()) {
      if (!session.workspace.file(uri)) items.push({ kind: 'full', uri, version: null, items: [] });
    }
    if (!partial) return { items };
    if (items.length > 0) partial.report({ items });
    return { items: [] };
  }
}
