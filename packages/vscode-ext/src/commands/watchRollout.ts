// Following a rollout in the editor: a cancellable progress notification fed by the plugin's
// rollout event stream, every line also written to the "Flokoa Rollout" output (the live view),
// and one final message with the outcome or the failure reason.
import * as vscode from 'vscode';
import { describeError, rolloutStatus, type KubeClient } from '../cluster/library.js';
import { toastMessageOf, verdictOf, type RolloutOutcome } from './rolloutOutcome.js';
import { withAgent, type ClusterCommandDeps } from '../cluster/pickAgent.js';

/** What a failed rollout's toast offers, each a command on the agent. */
const FAILURE_ACTIONS: Record<string, string> = {
  'Roll Back': 'flokoa.rollBackAgent',
  'Show Pod Events': 'flokoa.showAgentEvents',
  'Show History': 'flokoa.showRolloutHistory',
};

/** Long enough for a real rollout; the user can cancel sooner. */
const FOLLOW_TIMEOUT_MS = 15 * 60_000;
export class RolloutWatcher implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Flokoa Rollout');
  private readonly running = new Map<string, AbortController>();
  private readonly finishedEmitter = new vscode.EventEmitter<void>();
  /** Fires after each followed rollout ends, so views re-read the cluster. */
  readonly onDidFinish = this.finishedEmitter.event;

  constructor(private readonly deps: ClusterCommandDeps) {}

  /** "Flokoa: Watch Rollout": from a view node or CodeLens argument, else pick the agent. */
  async pickAndWatch(arg?: unknown): Promise<void> {
    await withAgent(this.deps, arg, 'Watch Rollout', (conn, { namespace, name }) =>
      this.follow(conn.client, namespace, name, `Rollout of agent ${namespace}/${name}`),
    );
  }

  /** Follows one rollout to its end; a second follow of the same agent replaces the first. */
  async follow(client: KubeClient, namespace: string, name: string, title: string): Promise<RolloutOutcome> {
    const id = `${client.connection.contextName}/${namespace}/${name}`;
    this.running.get(id)?.abort();
    const abort = new AbortController();
    this.running.set(id, abort);
    this.channel.show(true);
    this.line(`${title} (context ${client.connection.contextName})`);
    let last = '';
    const outcome = await vscode.window.withProgress<RolloutOutcome>(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        try {
          for await (const e of rolloutStatus(client, { namespace, name, timeoutMs: FOLLOW_TIMEOUT_MS, signal: abort.signal })) {
            this.line(e.message);
            last = e.message;
            const shown = toastMessageOf(e);
            if (shown) progress.report({ message: shown });
            const end = verdictOf(e);
            if (end) return end;
          }
          return abort.signal.aborted ? { result: 'cancelled' } : { result: 'failed', message: 'the watch ended before the rollout did' };
        } catch (err) {
          if (abort.signal.aborted) return { result: 'cancelled' };
          return { result: 'failed', message: describeError(err) };
        }
      },
    );
    if (this.running.get(id) === abort) this.running.delete(id);
    abort.abort();
    this.report(title, outcome, last, { namespace, name, context: client.connection.contextName });
    this.finishedEmitter.fire();
    return outcome;
  }

  private report(title: string, o: RolloutOutcome, lastEvent: string, agent: { namespace: string; name: string; context: string }): void {
    if (o.result === 'complete') {
      this.line(`${title}: complete`);
      void vscode.window.showInformationMessage(`${title} complete: ${o.message}`);
    } else if (o.result === 'failed') {
      this.line(`${title}: FAILED: ${o.message}`);
      // The full chain (which pod, the image) goes to the log; the toast names the agent and the reason once.
      this.deps.log.warn(`${title} failed: ${lastEvent || o.message}`);
      void vscode.window
        .showErrorMessage(`Rollout of agent ${agent.namespace}/${agent.name} failed: ${o.message}`, ...Object.keys(FAILURE_ACTIONS))
        .then((p) => {
          if (p) void vscode.commands.executeCommand(FAILURE_ACTIONS[p], agent);
        });
    } else {
      this.line(`${title}: stopped following (the rollout goes on in the cluster)`);
    }
  }

  private line(text: string): void {
    this.channel.appendLine(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
  }

  dispose(): void {
    for (const a of this.running.values()) a.abort();
    this.channel.dispose();
    this.finishedEmitter.dispose();
  }
}
