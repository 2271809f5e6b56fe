// Settings: from initializationOptions at start, then workspace/configuration (pull) or the
// didChangeConfiguration payload (clients without configuration support). Also (re)starts the
// external resource sources the settings ask for.
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { readServerSettings, type ServerSettings } from './settings.js';
import type { Log } from './request.js';
import type { WorkspaceSession } from './session.js';
import type { ExternalResourceSource, ExternalSourceFactory } from './externalSources.js';
import type { LiveCluster } from './liveCluster.js';

const SETTINGS_WAIT_MS = 3000;

export class ServerConfiguration {
  private current: ServerSettings = readServerSettings(undefined);
  private sources: ExternalResourceSource[] = [];
  private sourcesKey = '';

  constructor(
    private readonly connection: Connection,
    private readonly log: Log,
    private readonly sourceFactory: ExternalSourceFactory | undefined,
  ) {}

  get settings(): ServerSettings {
    return this.current;
  }

  initial(initializationOptions: unknown): ServerSettings {
    const opts = initializationOptions as { settings?: unknown } | undefined;
    return this.accept(opts?.settings ?? opts);
  }

  /** Asks the client for the `flokoa` section; undefined when the client cannot answer. */
  async fetch(client: ClientCapabilities): Promise<ServerSettings | undefined> {
    if (!client.workspace?.configuration) return undefined;
    let timer: NodeJS.Timeout | undefined;
    // A client that never answers must not keep the index (and so every diagnostic) waiting.
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SETTINGS_WAIT_MS)));
    try {
      const answer = await Promise.race([this.connection.workspace.getConfiguration([{ section: 'flokoa' }]), late]);
      if (answer === 'late') {
        this.log.error(`the client did not answer workspace/configuration within ${SETTINGS_WAIT_MS} ms; using the settings known so far`);
        return undefined;
      }
      return this.accept((answer as unknown[])[0]);
    } catch (e) {
      this.log.error(`could not read the flokoa settings: ${String(e)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `initializationOptions.rulesDocUrl`: an http(s) or file URL of docs/rules.md for diagnostics' code links. */
  rulesDocUrl(initializationOptions: unknown): string | undefined {
    const url = (initializationOptions as { rulesDocUrl?: unknown } | undefined)?.rulesDocUrl;
    return typeof url === 'string' && /^(https?|file):\/\//.test(url) ? url : undefined;
  }

  fromNotification(settings: unknown): ServerSettings {
    return this.accept(settings);
  }

  private accept(raw: unknown): ServerSettings {
    const problems: string[] = [];
    this.current = readServerSettings(raw, problems);
    for (const p of problems) this.log.error(`settings: ${p}`);
    return this.current;
  }

  /** (Re)creates external sources when the settings that shape them changed. */
  startSources(session: WorkspaceSession, live: LiveCluster): void {
    if (!this.sourceFactory) return;
    const key = JSON.stringify(this.current.cluster);
    if (key === this.sourcesKey) return;
    this.sourcesKey = key;
    this.disposeSources(session);
    // What the previous cluster ran is no answer about the next one.
    live.reset();
    this.sources = this.sourceFactory(this.current);
    for (const source of this.sources) {
      source.start({
        setResources: (resources) => session.setExternal(source.id, resources),
        status: (s) => live.setStatus(s),
        setLive: (snapshot) => live.setLive(snapshot),
        notice: (message, severity) => {
          const show =
            severity === 'error'
              ? this.connection.window.showErrorMessage
              : severity === 'warning'
                ? this.connection.window.showWarningMessage
                : this.connection.window.showInformationMessage;
          void show.call(this.connection.window, `Flokoa: ${message}`);
        },
      });
    }
  }

  private disposeSources(session?: WorkspaceSession): void {
    for (const s of this.sources) {
      try {
        s.dispose();
      } catch (e) {
        this.log.error(`disposing ${s.id}: ${String(e)}`);
      }
      session?.setExternal(s.id, []);
    }
    this.sources = [];
  }

  dispose(): void {
    this.disposeSources();
  }
}
