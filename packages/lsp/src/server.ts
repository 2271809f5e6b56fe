// Composition root of the Flokoa language server: creates the connection, the workspace session
// and the feature modules, and wires LSP messages to them. Behaviour lives in the modules.
import {
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  FileChangeType,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type ResponseError,
} from 'vscode-languageserver/node';
import { WorkspaceSession } from './session.js';
import { FindingsCache } from './findings.js';
import { EditTrace } from './editTrace.js';
import { createServerConnection } from './connection.js';
import { Diagnostics, chooseDiagnosticsMode } from './features/diagnostics.js';
import { provideCompletion } from './features/completion.js';
import { provideHover } from './features/hover.js';
import { provideDefinition } from './features/definition.js';
import { provideReferences } from './features/references.js';
import { prepareRename, provideRename } from './features/rename.js';
import { provideCodeActions } from './features/codeActions.js';
import { provideDocumentSymbols } from './features/documentSymbols.js';
import { provideWorkspaceSymbols } from './features/workspaceSymbols.js';
import { provideCodeLenses, refreshCodeLensesOnChange } from './features/codeLens.js';
import { provideInlayHints } from './features/inlayHints.js';
import { provideDocumentHighlights } from './features/documentHighlight.js';
import { provideAgents } from './features/agents.js';
import { provideResourceAt } from './features/resourceAt.js';
import { provideApiGeneration } from './features/apiGeneration.js';
import { provideReferrers } from './features/referrers.js';
import { provideLiveObject, provideLiveState } from './features/liveState.js';
import { notifyModelChanges } from './features/modelEvents.js';
import { LiveCluster } from './liveCluster.js';
import { ServerConfiguration } from './configuration.js';
import { ruleLinks } from './ruleLinks.js';
import { runSafe, runSafeNotification, errorForLog, type Log } from './request.js';
import { validChangeParams, validClose, validOpen } from './params.js';
import {
  AGENTS_REQUEST,
  INDEX_STATUS_NOTIFICATION,
  LIVE_OBJECT_REQUEST,
  LIVE_STATE_REQUEST,
  REFERRERS_REQUEST,
  RESOURCE_AT_REQUEST,
  API_GENERATION_REQUEST,
  type IndexStatus,
} from './protocol.js';
import type { ServerContext } from './context.js';
import type { ExternalSourceFactory } from './externalSources.js';
import { clusterSources } from './clusterSource.js';

export interface ServerOptions {
  /** Resource sources beyond the files: by default the live cluster the `flokoa.cluster` settings name. */
  externalSources?: ExternalSourceFactory;
}

/** Starts the server on `connection`, or on one made from the process arguments (`--stdio`, `--node-ipc`, `--socket=`). */
export function startServer(connection: Connection = createServerConnection(), options: ServerOptions = {}): Connection {
  const log: Log = { error: (m) => connection.console.error(m), info: (m) => connection.console.info(m) };
  process.on('uncaughtException', (e) => log.error(`uncaught exception: ${errorForLog(e)}`));
  process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${errorForLog(e)}`));
  const config = new ServerConfiguration(connection, log, options.externalSources ?? clusterSources);
  // Set by initialize; the handlers below run only after it (vscode-languageserver queues nothing before it).
  const state = {} as { ctx: ServerContext; diagnostics: Diagnostics };

  connection.onInitialize((params): InitializeResult => {
    const session = new WorkspaceSession(config.initial(params.initializationOptions), log);
    session.setRoots(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    const ctx: ServerContext = {
      connection,
      session,
      findings: new FindingsCache(
        session,
        ruleLinks(config.rulesDocUrl(params.initializationOptions), (m) => log.error(m)),
      ),
      trace: new EditTrace(connection, () => session.workspace.analysed),
      log,
      client: params.capabilities,
      live: new LiveCluster(),
    };
    state.ctx = ctx;
    state.diagnostics = new Diagnostics(ctx, chooseDiagnosticsMode(ctx));
    refreshCodeLensesOnChange(ctx);
    notifyModelChanges(ctx);
    return { serverInfo: { name: 'flokoa-lsp', version: '0.1.0' }, capabilities: capabilities(state.diagnostics.mode) };
  });
  connection.onInitialized(() => initialized(state.ctx, config));
  registerDocumentSync(connection, log, config, state);

  // Every request runs through runSafe: cancellation honoured, errors logged with the uri, a default returned.
  const on =
    <P, R>(what: string, fallback: R, fn: (c: ServerContext, p: P, t: CancellationToken) => R | Promise<R>) =>
    (p: P, t: CancellationToken) =>
      runSafe(log, what, (p as { textDocument?: { uri: string } }).textDocument?.uri, t, fallback, () => fn(state.ctx, p, t));
  registerRequests(connection, on);
  connection.onShutdown(() => config.dispose());

  connection.listen();
  return connection;
}

type On = <P, R>(
  what: string,
  fallback: R,
  fn: (c: ServerContext, p: P, t: CancellationToken) => R | Promise<R>,
) => (p: P, t: CancellationToken) => Promise<R | ResponseError<void>>;

function capabilities(mode: Diagnostics['mode']): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: [':', ' ', '/'] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    documentHighlightProvider: true,
    codeLensProvider: { resolveProvider: false },
    inlayHintProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    diagnosticProvider: mode === 'pull' ? { identifier: 'flokoa', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
  };
}

/** After initialize: watch files and settings, read the settings, connect the cluster, index the workspace. */
async function initialized(ctx: ServerContext, config: ServerConfiguration): Promise<void> {
  const { connection, session, client, log } = ctx;
  if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    // YAML, and the kinds of files kustomize generators read (env and data files).
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.{env,json,properties,txt,conf,ini,toml}' }],
    });
  }
  if (client.workspace?.didChangeConfiguration?.dynamicRegistration)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'flokoa' });
  if (client.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) =>
      runSafeNotification(log, 'didChangeWorkspaceFolders', undefined, () =>
        session.foldersChanged(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        ),
      ),
    );
  }
  const fetched = await config.fetch(client);
  if (fetched) session.updateSettings(fetched);
  config.startSources(session, ctx.live);
  await session.indexWorkspace((s: IndexStatus) => void connection.sendNotification(INDEX_STATUS_NOTIFICATION, s));
}

const FILE_EVENT = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
} as const;

/** Open documents, their edits, files on disk and settings, each notification isolated by runSafeNotification. */
function registerDocumentSync(
  connection: Connection,
  log: Log,
  config: ServerConfiguration,
  state: { ctx: ServerContext; diagnostics: Diagnostics },
): void {
  const malformed = (what: string) => log.error(`${what}: malformed parameters, ignored`);
  connection.onDidOpenTextDocument((p) => {
    if (!validOpen(p)) return malformed('didOpen');
    runSafeNotification(log, 'didOpen', p.textDocument.uri, () =>
      state.ctx.session.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text),
    );
  });
  connection.onDidChangeTextDocument((p) => {
    if (!validChangeParams(p)) return malformed('didChange');
    runSafeNotification(log, 'didChange', p.textDocument.uri, () => {
      state.ctx.trace.received(p.textDocument.uri);
      state.ctx.session.change(p.textDocument.uri, p.textDocument.version, p.contentChanges);
    });
  });
  connection.onDidCloseTextDocument((p) => {
    if (!validClose(p)) return malformed('didClose');
    runSafeNotification(log, 'didClose', p.textDocument.uri, () => {
      state.diagnostics.documentClosed(p.textDocument.uri);
      state.ctx.session.close(p.textDocument.uri);
    });
  });
  connection.onDidChangeWatchedFiles((p) =>
    runSafeNotification(log, 'didChangeWatchedFiles', undefined, () =>
      state.ctx.session.filesChanged(p.changes.map((c) => ({ uri: c.uri, type: FILE_EVENT[c.type] }))),
    ),
  );
  connection.onDidChangeConfiguration((p) =>
    runSafeNotification(log, 'didChangeConfiguration', undefined, async () => {
      const s = (await config.fetch(state.ctx.client)) ?? config.fromNotification(p.settings);
      state.ctx.session.updateSettings(s);
      config.startSources(state.ctx.session, state.ctx.live);
    }),
  );
}

/** The LSP features, and the views' model (protocol.ts): the same answers for every editor. */
function registerRequests(connection: Connection, on: On): void {
  connection.onCompletion(on('completion', null, provideCompletion));
  connection.onHover(on('hover', null, provideHover));
  connection.onDefinition(on('definition', null, provideDefinition));
  connection.onReferences(on('references', null, provideReferences));
  connection.onPrepareRename(on('prepareRename', null, prepareRename));
  connection.onRenameRequest(on('rename', null, provideRename));
  connection.onCodeAction(on('codeAction', null, provideCodeActions));
  connection.onDocumentSymbol(on('documentSymbol', null, provideDocumentSymbols));
  connection.onDocumentHighlight(on('documentHighlight', null, provideDocumentHighlights));
  connection.onWorkspaceSymbol(on('workspaceSymbol', null, provideWorkspaceSymbols));
  connection.onCodeLens(on('codeLens', null, provideCodeLenses));
  connection.languages.inlayHint.on(on('inlayHint', null, provideInlayHints));
  connection.onRequest(AGENTS_REQUEST, on('agents', null, provideAgents));
  connection.onRequest(RESOURCE_AT_REQUEST, on('resourceAt', null, provideResourceAt));
  connection.onRequest(API_GENERATION_REQUEST, on('apiGeneration', null, provideApiGeneration));
  connection.onRequest(REFERRERS_REQUEST, on('referrers', null, provideReferrers));
  connection.onRequest(LIVE_STATE_REQUEST, on('liveState', null, provideLiveState));
  connection.onRequest(LIVE_OBJECT_REQUEST, on('liveObject', null, provideLiveObject));
}
