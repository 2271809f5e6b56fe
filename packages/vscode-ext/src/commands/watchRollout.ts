// Following a rollout in the editor: a cancellable progress notification fed by the plugin's
// rollout event stream, every line also written to the "Flokoa Rollout" output (the live view),
// and one final message with the outcome or the failure reason.
import * as vscode from 'vscode';
import { describeError, rolloutStatus, type KubeClient } from '../cluster/library.js';
import { toastMessageOf, verdictOf, type RolloutOutcome } from './rolloutOutcome.js';
import { clientForContext, pickAgent } from '../cluster/pickAgent.js';
import type { ClusterSession } from '../cluster/session.js';
import { agentTargetOf } from '../views/agentsTree.js';

/** Long enough for a real rollout; the user can cancel sooner. */
const FOLLOW_TIMEOUT_MS = 15 * 60_000;
export class RolloutWatcher implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Flokoa Rollout');
  private readonly running = new Map<string, AbortController>();
  private readonly finishedEmitter = new vscode.EventEmitter<void>();
  /** Fires after each followed rollout ends, so views re-read the cluster. */
  readonly onDidFinish = this.finishedEmitter.event;

  constructor(
    private readonly cluster: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** "Flokoa: Watch Rollout": from a view node or CodeLens argument, else pick the agent. */
  async pickAndWatch(arg?: unknown): Promise<void> {
    const target = agentTargetOf(arg);
    const conn = await clientForContext(this.cluster, !target, target?.context);
    if (!conn) return;
    try {
      const picked = target ?? (await pickAgent(conn.client, 'Watch Rollout'));
      if (!picked) return;
      await this.follow(conn.client, picked.namespace, picked.name, `Rollout of agent ${picked.namespace}/${picked.name}`);
    } finally {
      if (conn.owned) conn.client.close();
    }
  }

  /** Follows one rollout to its end; a second follow of the same agent replaces the first. */
  async follow(client: KubeClient, namespace: string, name: string, title: string): Promise<RolloutOutcome> {
    const id = `${client.connection.contextName}/${namespace}/${name}`;
    this.running.get(id)?.abort();
    const abort = new AbortController();
    this.running.set(id, abort);
    this.channel.show(true);
    this.line(`${title} (context ${client.connection.contextName})`);
    const outcome = await vscode.window.withProgress<RolloutOutcome>(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        try {
          for await (const e of rolloutStatus(client, { namespace, name, timeoutMs: FOLLOW_TIMEOUT_MS, signal: abort.signal })) {
            this.line(e.message);
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
    this.report(title, outcome, { namespace, name, context: client.connection.contextName });
    this.finishedEmitter.fire();
    return outcome;
  }

  private report(title: string, o: RolloutOutcome, agent: { namespace: string; name: string; context: string }): void {
    if (o.result === 'complete') {
      this.line(`${title}: complete`);
      void vscode.window.showInformationMessage(`${title} complete: ${o.message}`);
    } else if (o.result === 'failed') {
      this.line(`${title}: FAILED: ${o.message}`);
      this.log.warn(`${title} failed: ${o.message}`);
      // The toast names the agent once; the image is in the reason (the title with it is in the log).
      void vscode.window
        .showErrorMessage(`Rollout of agent ${agent.namespace}/${agent.name} failed: ${o.message}`, 'Roll Back', 'Show Rollout Log')
        .then((p) => {
          if (p === 'Roll Back') void vscode.commands.executeCommand('flokoa.rollBackAgent', agent);
          else if (p) this.channel.show(true);
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
