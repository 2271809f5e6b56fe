// A minimal LSP client over stdio for the bundled server's protocol tests: Content-Length framing,
// requests with ids, the server's requests answered as VS Code would (configuration, capability
// registration, progress), and waits on notifications — never on time.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';

type Message = { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string } };

/** Bounds a wait that a regression would make endless; not a timing assertion. */
const HANG_GUARD_MS = 30_000;

export class LspProcess {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private waiters: { method: string; match: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  private readonly child: ChildProcess;

  constructor(serverJs: string, private readonly settings: Record<string, unknown>) {
    this.child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method) {
      // Server requests (window/showMessageRequest carries the server's notices) are answered and recorded too.
      if (msg.id !== undefined) this.answer(msg);
      this.notifications.push({ method: msg.method, params: msg.params });
      this.waiters = this.waiters.filter((w) => (w.method === msg.method && w.match(msg.params) ? (w.resolve(msg.params), false) : true));
      return;
    }
    const p = this.pending.get(msg.id as number);
    this.pending.delete(msg.id as number);
    if (msg.error) p?.reject(new Error(msg.error.message));
    else p?.resolve(msg.result);
  }

  private answer(msg: Message): void {
    const result = msg.method === 'workspace/configuration'
      ? (msg.params as { items: { section?: string }[] }).items.map((i) => (i.section === 'flokoa' ? this.settings : null))
      : null;
    this.write({ jsonrpc: '2.0', id: msg.id, result });
  }

  private write(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.write({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification `method` matching `match`, already received or still to come. */
  notification<T = unknown>(method: string, match: (p: T) => boolean = () => true): Promise<T> {
    const past = this.notifications.find((n) => n.method === method && match(n.params as T));
    if (past) return Promise.resolve(past.params as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gave up waiting for ${method}; received: ${JSON.stringify(this.notifications.map((n) => n.method === 'textDocument/publishDiagnostics' ? `diagnostics ${JSON.stringify(n.params).slice(0, 400)}` : `${n.method} ${JSON.stringify(n.params)}`))}`)), HANG_GUARD_MS);
      this.waiters.push({ method, match: (p) => match(p as T), resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
    });
  }

  async initialize(root: string): Promise<void> {
    const rootUri = pathToFileURL(root).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
      initializationOptions: { settings: this.settings },
    });
    this.notify('initialized', {});
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    await new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
  }
}
