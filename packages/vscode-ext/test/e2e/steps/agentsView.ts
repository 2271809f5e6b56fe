// The Agents view: chains, live state, files changed on disk, cluster-only Agents, outside rollouts.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient, loadConnection } from '@flokoa/kube';
import { patchImage } from '@flokoa/kubectl-flokoa';
import { UI_TIMEOUT } from '../workbench.js';
import { agentsView, type Session } from './session.js';

export function agentsViewSteps(s: Session): void {
  s.uiTest('the Agents view shows the agents by namespace with their reference chains and live state', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = agentsView(wb);
    await view.locator('.monaco-list-row', { hasText: 'shop' }).first().waitFor({ timeout: UI_TIMEOUT });
    const checkout = view.locator('.monaco-list-row', { hasText: 'checkout' }).first();
    await checkout.waitFor({ timeout: UI_TIMEOUT });
    // Live state from cluster-sim: available replicas and the running image.
    await view
      .locator('.monaco-list-row', { hasText: /checkout.*\d+\/2.*checkout:v1\.0\.0/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    // An Agent with a broken reference says so on its row, before it is expanded.
    await view
      .locator('.monaco-list-row', { hasText: /support.*1 broken reference/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await checkout.locator('.monaco-tl-twistie').click();
    const model = view.locator('.monaco-list-row', { hasText: 'Model gpt-4o-model' }).first();
    await model.waitFor({ timeout: UI_TIMEOUT });
    // Clicking a node opens its definition.
    await model.click();
    await wb.activeTab('models.yaml').waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('the Agents view follows files changed on disk, as a branch switch changes them', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = agentsView(wb);
    const added = join(s.work, 'workspace', 'added-on-disk.yaml');
    writeFileSync(
      added,
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: newcomer\n  namespace: shop\nspec:\n  framework: langchain\n  model:\n    name: gpt-4o-model\n',
    );
    await view.locator('.monaco-list-row', { hasText: 'newcomer' }).first().waitFor({ timeout: UI_TIMEOUT });
    rmSync(added);
    await view.locator('.monaco-list-row', { hasText: 'newcomer' }).first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  });

  s.uiTest('an Agent only in the cluster opens as a read-only live document', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = agentsView(wb);
    await view
      .locator('.monaco-list-row', { hasText: /reporter.*reporter:v3\.0\.0/ })
      .first()
      .click();
    await wb.activeTab('reporter.yaml').waitFor({ timeout: UI_TIMEOUT });
    await wb.page
      .locator('.editor-instance .view-lines', { hasText: 'Live Agent shop/reporter in context "sim-admin" (read-only)' })
      .waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('the Agents view and live documents follow a rollout started outside the editor', async (wb) => {
    // Someone else ships an image (here: the plugin's library, as `kubectl flokoa patch-image` does).
    const client = new KubeClient(loadConnection({ kubeconfig: s.cluster.kubeconfig }));
    try {
      await patchImage(client, { namespace: 'shop', name: 'reporter', image: 'ghcr.io/example/reporter:v3.1.0' });
    } finally {
      client.close();
    }
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = agentsView(wb);
    await view
      .locator('.monaco-list-row', { hasText: /reporter.*reporter:v3\.1\.0/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    // The live document opened earlier is re-read too.
    await wb.page.locator('.tabs-container .tab', { hasText: 'reporter.yaml' }).click();
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'reporter:v3.1.0' }).waitFor({ timeout: UI_TIMEOUT });
  });
}
