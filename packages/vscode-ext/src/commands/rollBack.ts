// "Flokoa: Roll Back Agent": the plugin's `rollout undo` (back to the revision before the current
// one, through the same guarded patch as patch-image), confirmed with both images, then followed.
import * as vscode from 'vscode';
import { describeError, undo } from '../cluster/library.js';
import { clientForContext, pickAgent } from '../cluster/pickAgent.js';
import type { ClusterSession } from '../cluster/session.js';
import { agentTargetOf } from '../views/agentsTree.js';
import type { RolloutWatcher } from './watchRollout.js';

export function registerRollBack(cluster: ClusterSession, rollouts: RolloutWatcher, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('flokoa.rollBackAgent', async (arg?: unknown) => {
    const target = agentTargetOf(arg);
    const conn = await clientForContext(cluster, !target, target?.context);
    if (!conn) return;
    try {
      const picked = target ?? (await pickAgent(conn.client, 'Roll Back Agent'));
      if (!picked) return;
      const { namespace, name } = picked;
      const changeCause = `flokoa vscode: roll back ${name}`;
      let plan;
      try {
        plan = await undo(conn.client, { namespace, name, dryRun: 'client', changeCause });
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
        result = await undo(conn.client, { namespace, name, changeCause });
      } catch (e) {
        const msg = describeError(e);
        log.error(`roll back ${namespace}/${name}: ${msg}`);
        void vscode.window.showErrorMessage(`Flokoa: roll back of agent ${namespace}/${name} failed: ${msg}`);
        return;
      }
      log.info(`rolled back agent ${namespace}/${name}: ${result.oldImage} → ${result.newImage} (context ${conn.context})`);
      await rollouts.follow(conn.client, namespace, name, `Rollback of agent ${namespace}/${name} to ${result.newImage}`);
    } finally {
      if (conn.owned) conn.client.close();
    }
  });
}
