// A minimal LSP client for the benchmark: spawns a server over stdio, answers the requests a
// VS Code-like client answers (configuration, registrations), and turns diagnostics — pushed or
// pulled, whichever the server offers — into promises the measurements can await.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/** A VS Code-like client; `pull: false` leaves out pull diagnostics, so servers push. */
function capabilities({ pull = true } = {}) {
  const caps = structuredClone(CAPABILITIES);
  if (!pull) {
    delete caps.workspace.diagnostics;
    delete caps.textDocument.diagnostic;
  }
  return caps;
}

const CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true },
};

function section(settings, name) {
  if (!name) return settings;
  let v = settings;
  for (const part of name.split('.')) v = v?.[part];
  return v ?? null;
}

export class BenchClient {
  /**
   * @param {{ name: string, command: string, args: string[], rootDir: string, settings: object, pull?: boolean, trace?: boolean }} opts
   * `trace`: ask the server for verbose `$/logTrace` (ours traces each edit from receipt to diagnostics written).
   */
  constructor(opts) {
    this.opts = opts;
    this.waiters = new Map(); // uri -> [resolve]
    this.notificationWaiters = []; // { method, predicate, resolve }
    this.lastDiagnostics = new Map();
    this.stderr = '';
    this.versions = new Map();
    /** Pull: the last report per uri, so an `unchanged` answer can be resolved to its items. */
    this.pulled = new Map();
    /** `$/logTrace` messages received, oldest first. */
    this.traces = [];
    /** Resolves when the server first asks for its settings (the peer validates nothing before). */
    this.configurationPulled = new Promise((resolve) => (this.markConfigurationPulled = resolve));
  }

  async start() {
    const { command, args, rootDir, settings } = this.opts;
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    const conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn = conn;
    conn.onRequest('workspace/configuration', (params) => {
      this.markConfigurationPulled();
      return params.items.map((it) => section(settings, it.section));
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onRequest('workspace/codeLens/refresh', () => null);
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.onRequest('workspace/semanticTokens/refresh', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.lastDiagnostics.set(p.uri, p.diagnostics);
      const list = this.waiters.get(p.uri);
      if (list && list.length > 0) {
        this.waiters.delete(p.uri);
        for (const r of list) r(p.diagnostics);
      }
    });
    conn.onNotification('$/logTrace', (p) => void this.traces.push(p));
    conn.onUnhandledNotification((n) => {
      this.notificationWaiters = this.notificationWaiters.filter((w) => {
        if (w.method === n.method && w.predicate(n.params)) {
          w.resolve(n.params);
          return false;
        }
        return true;
      });
    });
    conn.listen();
    const rootUri = pathToFileURL(rootDir).href;
    const t0 = performance.now();
    const init = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: capabilities({ pull: this.opts.pull }),
      initializationOptions: settings,
      ...(this.opts.trace ? { trace: 'verbose' } : {}),
    });
    this.initializeMs = performance.now() - t0;
    this.capabilities = init.capabilities;
    this.pull = !!init.capabilities.diagnosticProvider;
    this.incremental = (init.capabilities.textDocumentSync?.change ?? init.capabilities.textDocumentSync) === 2;
    conn.sendNotification('initialized', {});
    this.initializedAt = performance.now();
    conn.sendNotification('workspace/didChangeConfiguration', { settings });
    return this;
  }

  get pid() {
    return this.child.pid;
  }

  /** VmRSS and VmHWM of the server process, in MB (Linux /proc). */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key) => Number(/^(\w+):\s+(\d+) kB/m.exec(status.split('\n').find((l) => l.startsWith(key + ':')) ?? '')?.[2] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
    } catch {
      return { rssMb: NaN, hwmMb: NaN };
    }
  }

  /**
   * CPU time the server process has used so far (user + system, all its threads: garbage
   * collection's too), in ms (Linux /proc). On a shared machine it moves less with the load than
   * wall-clock does.
   */
  cpuMs() {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s
    } catch {
      return NaN;
    }
  }

  waitForNotification(method, predicate = () => true, timeoutMs = 60_000) {
    return withTimeout(
      new Promise((resolve) => this.notificationWaiters.push({ method, predicate, resolve })),
      timeoutMs,
      `${this.opts.name}: no ${method} within ${timeoutMs} ms`,
    );
  }

  /** The next pushed diagnostics for `uri` (register before causing them). */
  nextPushedDiagnostics(uri, timeoutMs = 60_000) {
    const p = new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
    });
    return withTimeout(p, timeoutMs, `${this.opts.name}: no diagnostics for ${uri} within ${timeoutMs} ms`);
  }

  /** Diagnostics of `uri` for its latest text: a pull request (with the previous resultId), or the next push. */
  async diagnosticsAfter(uri, cause, timeoutMs = 60_000) {
    if (this.pull) {
      cause();
      const previous = this.pulled.get(uri);
      const report = await withTimeout(
        this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: previous?.resultId }),
        timeoutMs,
        `${this.opts.name}: textDocument/diagnostic timed out`,
      );
      if (report.kind === 'unchanged') return previous.items;
      this.pulled.set(uri, report);
      return report.items ?? [];
    }
    const next = this.nextPushedDiagnostics(uri, timeoutMs);
    cause();
    return next;
  }

  open(uri, text) {
    this.versions.set(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** A one-character replacement at `pos`; `fullText()` makes the document after it (for full-sync servers). */
  changeChar(uri, pos, char, fullText) {
    this.edit(uri, { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: char }, fullText);
  }

  /**
   * One edit: `change` is a range and its new text, `fullText()` makes the document after it. Sent
   * as a range when the server syncs incrementally and `sync` is not 'full'; else as the whole text
   * (as some clients send, and VS Code does for some files, whatever the server asks for). The whole
   * text is made only then: joining a large file per keystroke is work no incremental client does,
   * and it showed in the server's own figures (the two processes share the machine's caches).
   */
  edit(uri, change, fullText, sync = 'incremental') {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const incremental = this.incremental && sync !== 'full';
    this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [incremental ? change : { text: fullText() }],
    });
  }

  request(method, params, timeoutMs = 30_000) {
    return withTimeout(this.conn.sendRequest(method, params), timeoutMs, `${this.opts.name}: ${method} timed out`);
  }

  async stop() {
    try {
      await withTimeout(this.conn.sendRequest('shutdown'), 5000, 'shutdown timed out');
      this.conn.sendNotification('exit');
    } catch {
      // A server that does not shut down cleanly is killed below.
    }
    const exited = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(undefined), 3000))]);
    if (!exited) this.child.kill('SIGKILL');
    this.conn.dispose();
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
