// "Flokoa: Patch Agent Image…": context → namespace → agent → image (validated as the plugin
// validates it) → confirmation → the plugin's guarded JSON patch → follow the rollout.
import * as vscode from 'vscode';
import { AGENT, describeError, imageLocation, objectPath, patchImage, type KObject, type KubeClient } from '../cluster/library.js';
import { imageInputError } from './imageInput.js';
import { withAgent, type ClusterCommandDeps } from '../cluster/pickAgent.js';
import type { RolloutWatcher } from './watchRollout.js';

export function registerPatchImage(deps: ClusterCommandDeps, rollouts: RolloutWatcher): vscode.Disposable {
  const { log } = deps;
  return vscode.commands.registerCommand('flokoa.patchAgentImage', (arg?: unknown) =>
    withAgent(deps, arg, 'Patch Agent Image', async (conn, picked) => {
      const { namespace, name } = picked;
      // From the Agents view or a CodeLens only the name is known: read the Agent for its image.
      const agent = picked.agent ?? (await readAgent(conn.client, namespace, name, log));
      const current = agent ? imageLocation(agent)?.image : undefined;
      const image = await vscode.window.showInputBox({
        title: `Patch Agent Image: ${namespace}/${name}`,
        prompt: `New container image for agent ${namespace}/${name}${current ? ` (now ${current})` : ''}; pin a tag or a digest`,
        value: current,
        valueSelection: current ? [current.lastIndexOf(':') + 1, current.length] : undefined,
        ignoreFocusOut: true,
        validateInput: (v) => imageInputError(v),
      });
      if (image === undefined) return;
      const newImage = image.trim();
      const confirm = await vscode.window.showWarningMessage(
        `Patch agent ${namespace}/${name} in context "${conn.context}"?`,
        {
          modal: true,
          detail: `${current ?? '(current image)'} → ${newImage}\n\nThe operator rolls the new image out to the agent's pods.`,
        },
        'Patch',
      );
      if (confirm !== 'Patch') return;
      let result;
      try {
        result = await patchImage(conn.client, { namespace, name, image: newImage, changeCause: `flokoa vscode: patch-image ${newImage}` });
      } catch (e) {
        const msg = describeError(e);
        log.error(`patch-image ${namespace}/${name} → ${newImage}: ${msg}`);
        void vscode.window.showErrorMessage(`Flokoa: patch of agent ${namespace}/${name} failed: ${msg}`);
        return;
      }
      if (!result.changed) {
        void vscode.window.showInformationMessage(`Flokoa: agent ${namespace}/${name} already runs ${newImage}; nothing to patch.`);
        return;
      }
      log.info(`patched agent ${namespace}/${name}: ${result.oldImage} → ${result.newImage} (context ${conn.context})`);
      await rollouts.follow(conn.client, namespace, name, `Rollout of ${newImage} to agent ${namespace}/${name}`);
    }),
  );
}

/** The Agent as the cluster has it, or undefined (logged) when it cannot be read: the patch then reports why. */
async function readAgent(client: KubeClient, namespace: string, name: string, log: vscode.LogOutputChannel): Promise<KObject | undefined> {
  try {
    return await client.get<KObject>(objectPath(AGENT, namespace, name));
  } catch (e) {
    log.warn(`cannot read agent ${namespace}/${name} for its current image: ${describeError(e)}`);
    return undefined;
  }
}
