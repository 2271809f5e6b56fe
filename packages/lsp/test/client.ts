// A small LSP client for protocol tests: spawns the BUILT server over stdio, answers the
// server's requests the way an editor would, and lets tests wait for notifications.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
export const RULES_DOC_URL = 'https://flokoa.example/docs/rules.md';
export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

export interface ClientOptions {
  /** Fixture folder name under test/fixtures, or undefined for no workspace folder. */
  fixture?: string;
  /** An absolute workspace folder instead of a fixture. */
  root?: string;
  /** Copy the fixture to a temporary folder first (for tests that change files on disk). */
  copy?: boolean;
  /** Advertise pull diagnostics (textDocument/diagnostic + workspace/diagnostic) instead of push. */
  pull?: boolean;
  /** Sent as initializationOptions (default: the rules documentation link the extension would send). */
  initializationOptions?: Record<string, unknown>;
  /** The `flokoa` settings section returned to workspace/configuration. */
  settings?: Record<string, unknown>;
}

/**
 * Not a timing assertion: a wait that can never be satisfied (a regression) must fail the test
 * with what was seen instead of hanging the run, so every wait gives up after this long.
 */
const HANG_GUARD_MS = 30_000;

function guarded<T>(what: () => string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what()}`)), HANG_GUARD_MS);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

interface Waiter<T> {
  match: (v: T) => boolean;
  resolve: (v: T) => void;
}

export class TestClient {
  readonly conn: MessageConnection;
  readonly root: string | undefined;
  readonly logs: { type: number; message: string }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  refreshCount = 0;
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  private diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private notifWaiters: { method: string; w: Waiter<unknown> }[] = [];
  /** Every notification received, in order (publishDiagnostics included). */
  readonly notifLog: { method: string; params: unknown }[] = [];
  private refreshWaiters: (() => void)[] = [];
  private exited: Promise<number | null>;
  private tempDir: string | undefined;

  private constructor(
    readonly proc: ChildProcess,
    opts: ClientOptions,
  ) {
    this.settings = opts.settings ?? {};
    if (opts.fixture && opts.copy) {
      this.tempDir = mkdtempSync(join(tmpdir(), 'flokoa-lsp-'));
      cpSync(join(FIXTURES, opts.fixture), this.tempDir, { recursive: true });
      this.root = this.tempDir;
    } else if (opts.fixture) {
      this.root = join(FIXTURES, opts.fixture);
    } else {
      this.root = opts.root;
    }
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.notifLog.push({ method: 'textDocument/publishDiagnostics', params: p });
      this.diagnostics.set(p.uri, p);
      this.diagWaiters = this.diagWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => void this.logs.push(p));
    this.conn.onNotification((method: string, params: unknown) => this.record(method, params));
    // The server's notices (window/showMessageRequest) are answered as dismissed, and logged like notifications.
    this.conn.onRequest('window/showMessageRequest', (p: unknown) => {
      this.record('window/showMessageRequest', p);
      return null;
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'flokoa' ? this.settings : i.section ? null : { flokoa: this.settings })),
    );
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshCount++;
      const ws = this.refreshWaiters;
      this.refreshWaiters = [];
      ws.forEach((r) => r());
      return null;
    });
    this.conn.listen();
  }

  private record(method: string, params: unknown): void {
    this.notifLog.push({ method, params });
    this.notifWaiters = this.notifWaiters.filter((n) => (n.method === method && n.w.match(params) ? (n.w.resolve(params), false) : true));
  }

  static async start(opts: ClientOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new TestClient(proc, opts);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: false },
        diagnostics: opts.pull ? { refreshSupport: true } : undefined,
        codeLens: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        rename: { prepareSupport: true },
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          codeDescriptionSupport: true,
          tagSupport: { valueSet: [1, 2] },
        },
        diagnostic: opts.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
    };
    const rootUri = client.root ? pathToFileURL(client.root).href : null;
    client.initializeResult = await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      initializationOptions: opts.initializationOptions ?? { rulesDocUrl: RULES_DOC_URL },
      workspaceFolders: client.root ? [{ uri: rootUri, name: 'fixture' }] : null,
    });
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  /** Resolves once the server reports the initial index complete. */
  indexReady(): Promise<unknown> {
    return this.notification('flokoa/indexStatus', (p) => (p as { state: string }).state === 'ready');
  }

  /** Resolves with the first notification `method` matching `match`, including ones already received. */
  notification(method: string, match: (p: unknown) => boolean = () => true): Promise<unknown> {
    const past = this.notifLog.find((n) => n.method === method && match(n.params));
    if (past) return Promise.resolve(past.params);
    return guarded(() => `notification ${method}`, new Promise((resolve) => this.notifWaiters.push({ method, w: { match, resolve } })));
  }

  /** Resolves with the latest diagnostics of `uri` that satisfy `match` (now or when they arrive). */
  diagnosticsFor(uri: string, match: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const cur = this.diagnostics.get(uri);
    if (cur && match(cur.diagnostics)) return Promise.resolve(cur.diagnostics);
    return guarded(
      () =>
        `matching diagnostics for ${uri}; last published: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => `${d.range.start.line}:${d.code}`))}`,
      new Promise((resolve) =>
        this.diagWaiters.push({ match: (p) => p.uri === uri && match(p.diagnostics), resolve: (p) => resolve(p.diagnostics) }),
      ),
    );
  }

  /** Diagnostics published for `uri` for its current version (after the last open/change). */
  currentDiagnostics(uri: string, match: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const ok = (p: PublishDiagnosticsParams) => p.uri === uri && (version === undefined || p.version === version) && match(p.diagnostics);
    const cur = this.diagnostics.get(uri);
    if (cur && ok(cur)) return Promise.resolve(cur.diagnostics);
    return guarded(
      () =>
        `diagnostics of ${uri} version ${version}; last published: version ${this.diagnostics.get(uri)?.version} ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => `${d.range.start.line}:${d.code}`))}`,
      new Promise((resolve) => this.diagWaiters.push({ match: ok, resolve: (p) => resolve(p.diagnostics) })),
    );
  }

  nextRefresh(): Promise<void> {
    return guarded(() => 'workspace/diagnostic/refresh', new Promise((resolve) => this.refreshWaiters.push(resolve)));
  }

  uri(rel: string): string {
    if (!this.root) throw new Error('no workspace');
    return pathToFileURL(join(this.root, rel)).href;
  }

  path(rel: string): string {
    return join(this.root!, rel);
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? readFileSync(fileURLToPath(uri), 'utf8');
  }

  /** Opens a fixture file (its text from disk unless given) and returns its uri. */
  async open(rel: string, text?: string): Promise<string> {
    const uri = rel.includes('://') ? rel : this.uri(rel);
    const content = text ?? readFileSync(fileURLToPath(uri), 'utf8');
    this.texts.set(uri, content);
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: content } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) {
      if ('range' in c) {
        const start = offsetAt(text, c.range.start);
        const end = offsetAt(text, c.range.end);
        text = text.slice(0, start) + c.text + text.slice(end);
      } else {
        text = c.text;
      }
    }
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the first occurrence of `find` (after `after`, when given) by `replacement` with a ranged edit. */
  async replace(uri: string, find: string, replacement: string, after?: string): Promise<number> {
    const range = this.rangeOf(uri, find, after);
    return this.change(uri, [{ range, text: replacement }]);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    this.versions.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Position of the start of `find` (plus `delta` characters), searching after `after` when given. */
  positionOf(uri: string, find: string, after?: string, delta = 0): Position {
    return this.rangeOf(uri, find, after, delta).start;
  }

  rangeOf(uri: string, find: string, after?: string, delta = 0): Range {
    const text = this.text(uri);
    const from = after === undefined ? 0 : text.indexOf(after);
    if (from < 0) throw new Error(`"${after}" not found in ${uri}`);
    const at = text.indexOf(find, from);
    if (at < 0) throw new Error(`"${find}" not found in ${uri}`);
    return { start: positionAt(text, at + delta), end: positionAt(text, at + find.length) };
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return guarded(() => `the answer to ${method}`, this.conn.sendRequest(method, params) as Promise<R>);
  }

  async shutdown(): Promise<void> {
    try {
      await guarded(
        () => 'shutdown',
        (async () => {
          await this.conn.sendRequest('shutdown');
          await this.conn.sendNotification('exit');
          await this.exited;
        })(),
      );
    } finally {
      this.conn.dispose();
      this.proc.kill();
      if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    }
  }

  /** Resolves with the exit code if the server process dies (fuzz tests race requests against it). */
  exit(): Promise<number | null> {
    return this.exited;
  }
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    if (text.charCodeAt(i) === 10) line++;
    i++;
  }
  return Math.min(i + pos.character, text.length);
}
