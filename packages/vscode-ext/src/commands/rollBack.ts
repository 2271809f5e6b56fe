// "Flokoa: Roll Back Agent": the plugin's `rollout undo` (back to the revision before the current
// one, through the same guarded patch as patch-image), confirmed with both images, then followed.
import * as vscode from 'vscode';
import { describeError, undo } from '../cluster/library.js';
import { withAgent, type ClusterCommandDeps } from '../cluster/pickAgent.js';
import type { RolloutWatcher } from './watchRollout.js';

export function registerRollBack(deps: ClusterCommandDeps, rollouts: RolloutWatcher): vscode.Disposable {
  const { log } = deps;
  return vscode.commands.registerCommand('flokoa.rollBackAgent', (arg?: unknown) =>
    withAgent(deps, arg, 'Roll Back Agent', async (conn, picked) => {
      const { namespace, name } = picked;
      // From Show History: a chosen revision; else the one before the current.
      const toRevision = (arg as { toRevision?: unknown } | undefined)?.toRevision;
      const revision = typeof toRevision === 'number' ? { toRevision } : {};
      const changeCause = `flokoa vscode: roll back ${name}`;
      let plan;
      try {
        plan = await undo(conn.client, { namespace, name, ...revision, dryRun: 'client', changeCause });
      } catch (e) {
        void vscode.window.showErrorMessage(`Flokoa: cannot roll back agent ${namespace}/${name}: ${describeError(e)}`);
        return;
      }
      const confirm = await vscode.window.showWarningMessage(
        `Roll back agent ${namespace}/${name} in context "${conn.context}"?`,
        { modal: true, detail: `${plan.oldImage} → ${plan.newImage} (revision ${plan.revision})` },
        'Roll Back',
      );
      if (confirm !== 'Roll Back') return;
      let result;
      try {
        result = await undo(conn.client, { namespace, name, ...revision, changeCause });
      } catch (e) {
        const msg = describeError(e);
        log.error(`roll back ${namespace}/${name}: ${msg}`);
        void vscode.window.showErrorMessage(`Flokoa: roll back of agent ${namespace}/${name} failed: ${msg}`);
        return;
      }
      log.info(`rolled back agent ${namespace}/${name}: ${result.oldImage} → ${result.newImage} (context ${conn.context})`);
      await rollouts.follow(conn.client, namespace, name, `Rollback of agent ${namespace}/${name} to ${result.newImage}`);
    }),
  );
}
