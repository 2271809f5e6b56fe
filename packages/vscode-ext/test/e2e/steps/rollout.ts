// Shipping an image from the editor: patch, watch, a failed rollout and what it offers.
import assert from 'node:assert/strict';
import { UI_TIMEOUT } from '../workbench.js';
import { agentsView, ROLLOUT_TIMEOUT, type Session } from './session.js';

export function rolloutSteps(s: Session): void {
  s.uiTest('Patch Agent Image from the Agents view or a CodeLens starts from the image the agent runs', async (wb) => {
    const expectCurrentImage = async (shot: string) => {
      await wb.quickInputMessage.filter({ hasText: '(now ghcr.io/example/checkout:v1.0.0)' }).waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await wb.quickInput.locator('input').first().inputValue(), 'ghcr.io/example/checkout:v1.0.0');
      await wb.screenshot(shot);
      await wb.page.keyboard.press('Escape');
    };
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = agentsView(wb);
    const row = view.locator('.monaco-list-row', { hasText: 'checkout' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Patch Agent Image…"]').click();
    await expectCurrentImage('patch-image-from-agents-view');
    await wb.openFile('checkout-agent.yaml');
    await wb.page.locator('.codelens-decoration a', { hasText: 'Patch image' }).first().click();
    await expectCurrentImage('patch-image-from-codelens');
  });

  s.uiTest(
    'Patch Agent Image validates the image, patches and follows the rollout to the end',
    async (wb) => {
      await wb.runCommand('Flokoa: Patch Agent Image…');
      await wb.pickRow('checkout').click();
      await wb.typeInQuickInput('ghcr.io/example/checkout:latest');
      await wb.quickInputMessage.filter({ hasText: /latest/ }).waitFor({ timeout: UI_TIMEOUT });
      await wb.typeInQuickInput('ghcr.io/example/checkout:v1.1.0');
      // A valid image clears the refusal before it can be accepted.
      await wb.quickInputMessage.filter({ hasText: /latest/ }).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await wb.page.keyboard.press('Enter');
      await wb.dialogButton('Patch').click();
      await wb
        .notification(/Rollout of ghcr\.io\/example\/checkout:v1\.1\.0 to agent shop\/checkout complete/)
        .waitFor({ timeout: ROLLOUT_TIMEOUT });
      // The CodeLens now shows the new image, and that the file still says the old one.
      await wb.openFile('checkout-agent.yaml');
      await wb.page
        .locator('.codelens-decoration', { hasText: /checkout:v1\.1\.0.*differs from this file/ })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  s.uiTest('a drift finding offers a diff of the live Agent and its file', async (wb) => {
    const rows = await wb.problems();
    await rows
      .filter({ hasText: /runs image 'ghcr\.io\/example\/checkout:v1\.1\.0'/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    // checkout-agent.yaml line 16 is `        image: ghcr.io/example/checkout:v1.0.0`, where the finding is.
    await wb.openFile('checkout-agent.yaml', 16, 25);
    await (await wb.quickFixes()).filter({ hasText: 'Compare with the cluster' }).first().click();
    await wb.activeTab('↔').waitFor({ timeout: UI_TIMEOUT });
    const diff = wb.page.locator('.monaco-diff-editor').first();
    await diff.locator('.view-lines', { hasText: 'image: ghcr.io/example/checkout:v1.1.0' }).first().waitFor({ timeout: UI_TIMEOUT });
    await diff.locator('.view-lines', { hasText: 'image: ghcr.io/example/checkout:v1.0.0' }).first().waitFor({ timeout: UI_TIMEOUT });
    await wb.screenshot('compare-with-cluster');
    // The live side is the object as a file would write it: no status.
    assert.equal(await diff.locator('.view-lines', { hasText: 'observedGeneration' }).count(), 0);
  });

  s.uiTest(
    "Watch Rollout follows an agent's rollout to the end",
    async (wb) => {
      await wb.runCommand('Flokoa: Watch Rollout');
      await wb.pickRow('checkout').click();
      await wb.notification(/Rollout of agent shop\/checkout complete/).waitFor({ timeout: ROLLOUT_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  s.uiTest(
    'a rollout whose image cannot be pulled: a short toast with its actions, the Agents view and the picker show it failed',
    async (wb) => {
      await wb.runCommand('Flokoa: Patch Agent Image…');
      await wb.pickRow('checkout').click();
      await wb.typeInQuickInput('ghcr.io/example/checkout:v2-pullfail');
      await wb.page.keyboard.press('Enter');
      await wb.dialogButton('Patch').click();
      const failure = wb.notification(/agent shop\/checkout failed: ImagePullBackOff/);
      await failure.waitFor({ timeout: ROLLOUT_TIMEOUT });
      // Short: the agent, the reason and the kubelet's pull message once (no pod name; that is in the log).
      const message = await failure.locator('.notification-list-item-message').innerText();
      assert.match(
        message,
        /^Rollout of agent shop\/checkout failed: ImagePullBackOff: cannot pull "ghcr\.io\/example\/checkout:v2-pullfail"/,
      );
      assert.equal(message.split('v2-pullfail').length - 1, 1, `the image once: ${message}`);
      assert.doesNotMatch(message, /pod "/);
      for (const action of ['Roll Back', 'Show Pod Events', 'Show History'])
        await failure.getByRole('button', { name: action, exact: true }).waitFor({ timeout: UI_TIMEOUT });
      // The row: red, the reason, and the counts of the pods that serve (the old image), no spinner.
      await wb.runCommand('Flokoa: Focus on Agents View');
      const row = agentsView(wb)
        .locator('.monaco-list-row', { hasText: /checkout.*2\/2 · checkout:v1\.1\.0 · ImagePullBackOff/ })
        .first();
      await row.locator('.codicon-error').waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await row.locator('.codicon-modifier-spin').count(), 0, 'no spinner on a failed rollout');
      // Its tooltip has every count, both images and the reason.
      await row.hover();
      await wb.page
        .locator('.monaco-hover, .workbench-hover', { hasText: /1 of 2 updated to ghcr\.io\/example\/checkout:v2-pullfail/ })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await wb.screenshot('agents-view-after-failed-rollout');
      // The Watch picker says what the view says.
      await wb.runCommand('Flokoa: Watch Rollout');
      await wb.pickRow(/checkout.*2\/2 · checkout:v1\.1\.0 · ImagePullBackOff/).waitFor({ timeout: UI_TIMEOUT });
      await wb.page.keyboard.press('Escape');
      // Show Pod Events: the kubelet's events of the new pod, in a read-only document.
      await failure.getByRole('button', { name: 'Show Pod Events', exact: true }).click();
      await wb.activeTab('checkout.events').waitFor({ timeout: UI_TIMEOUT });
      await wb.page.locator('.editor-instance .view-lines', { hasText: 'Error: ImagePullBackOff' }).waitFor({ timeout: UI_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  s.uiTest(
    'Show Rollout History from the Agents view lists the revisions, and picking the one before rolls back to it',
    async (wb) => {
      await wb.runCommand('Flokoa: Focus on Agents View');
      const row = agentsView(wb).locator('.monaco-list-row', { hasText: 'checkout' }).first();
      await row.click({ button: 'right' });
      // A menu ignores a click that comes right after it opened: point at the item, then Enter.
      await wb.page.locator('.monaco-menu .action-item', { hasText: 'Show Rollout History' }).first().hover();
      await wb.page.locator('.monaco-menu .action-item.focused', { hasText: 'Show Rollout History' }).waitFor({ timeout: UI_TIMEOUT });
      await wb.page.keyboard.press('Enter');
      await wb.pickRow(/revision \d+ \(current\).*checkout:v2-pullfail/).waitFor({ timeout: UI_TIMEOUT });
      await wb.quickInput.locator('.monaco-list-row', { hasText: 'checkout:v1.1.0' }).first().click();
      await wb.page
        .locator('.monaco-dialog-box', { hasText: 'checkout:v2-pullfail → ghcr.io/example/checkout:v1.1.0' })
        .waitFor({ timeout: UI_TIMEOUT });
      await wb.dialogButton('Roll Back').click();
      await wb
        .notification(/Rollback of agent shop\/checkout to ghcr\.io\/example\/checkout:v1\.1\.0 complete/)
        .waitFor({ timeout: ROLLOUT_TIMEOUT });
      await wb.runCommand('Flokoa: Focus on Agents View');
      await agentsView(wb)
        .locator('.monaco-list-row', { hasText: /checkout.*2\/2 · checkout:v1\.1\.0(?! ·)/ })
        .locator('.codicon-pass-filled')
        .waitFor({ timeout: UI_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  s.uiTest('while the cluster is unreachable, the live rows of the Agents view say they are the last state seen', async (wb) => {
    await s.cluster.stop();
    await wb.runCommand('Flokoa: Focus on Agents View');
    const row = agentsView(wb).locator('.monaco-list-row', { hasText: /checkout.*2\/2 · checkout:v1\.1\.0 · last seen/ });
    await row.locator('.codicon-debug-disconnect').waitFor({ timeout: UI_TIMEOUT });
  });
}
