// Starts the bundled Flokoa language server and keeps it alive: a crash restarts it, but a server
// that crashes in a loop is left stopped with one clear message instead of flapping forever.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashBudget } from './crashBudget.js';
import { settingsBeside } from './coexistence.js';
// The protocol module alone: importing the package root would bundle the whole server into the client.
import { INDEX_STATUS_NOTIFICATION, MODEL_CHANGED_NOTIFICATION, type IndexStatus, type ModelChanged } from '@flokoa/lsp/protocol';

export type ServerStatus =
  | { state: 'starting' }
  | { state: 'running' }
  | { state: 'indexing'; files: number }
  | { state: 'ready'; files: number }
  | { state: 'stopped'; reason: string };

export class RestartPolicy implements ErrorHandler {
  private readonly budget = new CrashBudget();
  constructor(
    private readonly onGiveUp: (reason: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few transport errors in a row are usually a dying process; the close handler decides then.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    if (!this.budget.crash(this.now())) {
      const reason = `The Flokoa language server crashed ${this.budget.max} times in the last 3 minutes and will not be restarted. Run "Flokoa: Restart Language Server" after checking the Flokoa output.`;
      this.onGiveUp(reason);
      return { action: CloseAction.DoNotRestart, message: reason, handled: true };
    }
    return { action: CloseAction.Restart, handled: true };
  }

  reset(): void {
    this.budget.reset();
  }
}

export class FlokoaLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<ServerStatus>();
  readonly onStatus = this.statusEmitter.event;
  private readonly modelEmitter = new vscode.EventEmitter<ModelChanged>();
  /** The server's model changed (flokoa/modelChanged): views built from its answers ask again. */
  readonly onModelChanged = this.modelEmitter.event;
  private status: ServerStatus = { state: 'starting' };
  private readonly policy: RestartPolicy;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    /** Red Hat's YAML extension is there: YAML syntax errors and the Outline are its (coexistence.ts). */
    private readonly redHatYaml: boolean,
  ) {
    this.policy = new RestartPolicy((reason) => {
      this.setStatus({ state: 'stopped', reason });
      void vscode.window.showErrorMessage(reason, 'Show Output').then((pick) => {
        if (pick) this.output.show(true);
      });
    });
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    // docs/rules.md ships in the package, so a diagnostic's rule id links to its section offline.
    const rulesDoc = this.context.asAbsolutePath('dist/rules.md');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Every YAML file goes to the server; it decides which are Flokoa documents and keeps quiet on the rest.
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      synchronize: {
        configurationSection: 'flokoa',
        // Files outside the open editors (kustomizations, Secrets, other namespaces) feed the index.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
      },
      // The first analysis already uses the user's settings; later changes come through the sync above.
      initializationOptions: {
        settings: settingsBeside(vscode.workspace.getConfiguration().get('flokoa'), this.redHatYaml),
        ...(existsSync(rulesDoc) ? { rulesDocUrl: vscode.Uri.file(rulesDoc).toString() } : {}),
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const answer = await next(params, token);
            if (!Array.isArray(answer)) return answer;
            return answer.map((v: unknown, i) => (params.items[i]?.section === 'flokoa' ? settingsBeside(v, this.redHatYaml) : v));
          },
        },
        provideDocumentSymbols: (document, token, next) => (this.redHatYaml ? [] : next(document, token)),
      },
      outputChannel: this.output,
      errorHandler: this.policy,
      initializationFailedHandler: (error) => {
        this.setStatus({ state: 'stopped', reason: `initialisation failed: ${String((error as Error)?.message ?? error)}` });
        return false;
      },
    };
    const client = new LanguageClient('flokoa', 'Flokoa Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Starting) this.setStatus({ state: 'starting' });
      else if (e.newState === State.Stopped && this.status.state !== 'stopped')
        this.setStatus({ state: 'stopped', reason: 'the server stopped' });
    });
    client.onNotification(INDEX_STATUS_NOTIFICATION, (s: IndexStatus) => {
      this.setStatus(s.state === 'ready' ? { state: 'ready', files: s.files } : { state: 'indexing', files: s.files });
    });
    client.onNotification(MODEL_CHANGED_NOTIFICATION, (c: ModelChanged) => this.modelEmitter.fire(c));
    this.setStatus({ state: 'starting' });
    await client.start();
    // A server that has not reported its index yet is still usable for open documents.
    if (this.status.state === 'starting') this.setStatus({ state: 'running' });
  }

  /** Asks the server; undefined when it is not running or could not answer (the reason is logged). */
  async request<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.client;
    if (!client || this.status.state === 'stopped') return undefined;
    try {
      return ((await client.sendRequest(method, params)) as R | null) ?? undefined;
    } catch (e) {
      this.output.warn(`${method} failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  async restart(): Promise<void> {
    this.policy.reset();
    if (this.client && this.client.state !== State.Stopped) {
      this.setStatus({ state: 'starting' });
      await this.client.restart();
      return;
    }
    await this.client?.dispose();
    await this.start();
  }

  private setStatus(s: ServerStatus): void {
    this.status = s;
    this.statusEmitter.fire(s);
  }

  async dispose(): Promise<void> {
    this.statusEmitter.dispose();
    this.modelEmitter.dispose();
    await this.client?.dispose();
  }
}
