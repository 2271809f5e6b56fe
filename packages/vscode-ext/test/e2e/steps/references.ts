// Show References / Show Dependents, the server's "used by N" lens, the status bar, the Agent CodeLens.
import { UI_TIMEOUT } from '../workbench.js';
import type { Session } from './session.js';

export function referenceSteps(s: Session): void {
  s.uiTest('Show References lists the chain of the Agent under the cursor', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 4, 9);
    await wb.runCommand('Flokoa: Show References');
    for (const node of ['Model shop/gpt-4o-model', 'ModelProvider shop/openai-provider', 'Secret shop/openai-credentials']) {
      await wb.pickRow(node).waitFor({ timeout: UI_TIMEOUT });
    }
    await wb.page.keyboard.press('Escape');
  });

  s.uiTest('Show Dependents of a Model lists the Agents using it, live ones too, and opens one', async (wb) => {
    // models.yaml line 16 is the Model's `  name: gpt-4o-model`.
    await wb.openFile('models.yaml', 16, 9);
    await wb.runCommand('Flokoa: Show Dependents');
    // The server's referrers: reporter exists only in the cluster.
    await wb.pickRow(/Agent shop\/reporter.*live in cluster sim-admin/).waitFor({ timeout: UI_TIMEOUT });
    await wb.pickRow('Agent shop/checkout').click();
    await wb.activeTab('checkout-agent.yaml').waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('the server\'s "used by N" CodeLens counts live referrers and peeks at them too', async (wb) => {
    await wb.openFile('models.yaml');
    // The lens above the Model (the last in the file): the checkout Agent's file, and reporter, only live.
    await wb.page.locator('.codelens-decoration a', { hasText: 'used by 2 (1 live)' }).last().click();
    const peek = wb.page.locator('.reference-zone-widget');
    await peek.locator('.peekview-title', { hasText: 'checkout-agent.yaml' }).waitFor({ timeout: UI_TIMEOUT });
    await peek.locator('.monaco-list-row', { hasText: 'gpt-4o-model' }).first().waitFor({ timeout: UI_TIMEOUT });
    // The live referrer is listed with its read-only live document.
    await peek.locator('.monaco-list-row', { hasText: 'reporter.yaml' }).first().waitFor({ timeout: UI_TIMEOUT });
    await wb.page.keyboard.press('Escape');
  });

  s.uiTest('a rename warns that objects in the cluster still use the old name', async (wb) => {
    const rename = async (to: string) => {
      await wb.page.keyboard.press('F2');
      const box = wb.page.locator('.rename-box input').first();
      await box.waitFor({ timeout: UI_TIMEOUT });
      await box.fill(to);
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.editor-instance .view-lines', { hasText: `name: ${to}` }).waitFor({ timeout: UI_TIMEOUT });
    };
    // models.yaml line 16 is the Model's `  name: gpt-4o-model`; the live Agent reporter uses it.
    await wb.openFile('models.yaml', 16, 9);
    try {
      await rename('gpt-4o-main');
      await wb
        .notification(/1 object in cluster "sim-admin" still uses Model shop\/gpt-4o-model: Agent shop\/reporter/)
        .waitFor({ timeout: UI_TIMEOUT });
    } finally {
      // Back to the old name (the rename saved the referrers' files that were not open), then the file as on disk.
      await wb.goTo(16, 9);
      await rename('gpt-4o-model');
      await wb.runCommand('File: Revert File');
    }
  });

  s.uiTest('the status bar shows the server state and the cluster context', async (wb) => {
    await wb.page
      .locator(`.statusbar-item[aria-label*="Language server ready"][aria-label*='context "sim-admin"']`)
      .waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('the status item opens the Flokoa menu: the output (its start line), the context, the cluster off and on', async (wb) => {
    const status = wb.page.locator('.statusbar-item[aria-label*="Language server ready"]').first();
    const menu = async (item: string) => {
      await status.click();
      await wb.pickRow(item).click();
    };
    await menu('Show Output');
    const filter = wb.page
      .locator('.part.panel')
      .getByPlaceholder(/^Filter/)
      .first();
    await filter.fill('started in');
    await wb.page
      .locator('.part.panel .view-lines', { hasText: /Flokoa\s\d+\.\d+\.\d+\sstarted\sin\s.*;\scluster:\scontext\s"sim-admin"/ })
      .waitFor({ timeout: UI_TIMEOUT });
    await filter.fill('');
    await menu('Switch Kubernetes Context…');
    await wb.pickRow(/sim-admin.*current/).waitFor({ timeout: UI_TIMEOUT });
    await wb.page.keyboard.press('Escape');
    await menu('Turn Cluster Off');
    await wb.page.locator('.statusbar-item[aria-label*="Cluster: off"]').first().waitFor({ timeout: UI_TIMEOUT });
    await menu('Turn Cluster On');
    await wb.page.locator(`.statusbar-item[aria-label*='Cluster: context "sim-admin" (']`).first().waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('CodeLens above an Agent shows what runs in the cluster', async (wb) => {
    await wb.openFile('checkout-agent.yaml');
    await wb.page
      .locator('.codelens-decoration', { hasText: /available/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await wb.page.locator('.codelens-decoration', { hasText: 'Patch image' }).first().waitFor({ timeout: UI_TIMEOUT });
  });
}
