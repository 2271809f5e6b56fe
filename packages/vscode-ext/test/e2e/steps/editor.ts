// The editor features on the fixture workspace: Problems, hover, completion, F12, the palette.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UI_TIMEOUT } from '../workbench.js';
import type { Session } from './session.js';

export function editorSteps(s: Session): void {
  s.uiTest('the Problems panel lists the Flokoa diagnostics, and none for other YAML', async (wb) => {
    await wb.openFile('broken-agent.yaml');
    const rows = await wb.problems();
    await rows.filter({ hasText: 'gpt-5-model' }).first().waitFor({ timeout: UI_TIMEOUT });
    await rows
      .filter({ hasText: /latest/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      labels.some((l) => /gpt-5-model/.test(l) && /^Error/i.test(l)),
      `an unresolved Model reference is an error: ${labels.join(' | ')}`,
    );
    assert.ok(!labels.some((l) => /ci\.yaml/.test(l)), `ci.yaml is not a Flokoa document: ${labels.join(' | ')}`);
  });

  s.uiTest('beside Red Hat YAML, a syntax error is left to it and the Outline has no Flokoa group', async (wb) => {
    await wb.openFile('models.yaml');
    try {
      // models.yaml line 9 is `    key: api-key`: `key: api-key: b` is a YAML syntax error (a nested compact mapping).
      await wb.goTo(9, 17);
      await wb.page.keyboard.type(': b');
      // Line 21 is the Model's `    name: openai-provider`: a provider that does not exist, which Flokoa reports.
      await wb.goTo(21, 26);
      await wb.page.keyboard.type('x');
      const rows = await wb.problems();
      await rows.filter({ hasText: 'openai-providerx' }).first().waitFor({ timeout: UI_TIMEOUT });
      const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      assert.ok(!labels.some((l) => /\bsyntax\b/.test(l)), `no flokoa(syntax) beside Red Hat YAML: ${labels.join(' | ')}`);
      await wb.runCommand('Explorer: Focus on Outline View');
      const outline = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /outline/i }) });
      await outline.locator('.outline-message, .message').first().waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await outline.locator('.monaco-list-row').count(), 0, 'no Flokoa group in the Outline');
    } finally {
      await wb.runCommand('File: Revert File');
    }
  });

  s.uiTest("a diagnostic's rule code opens the rule's section of the bundled documentation", async (wb) => {
    // broken-agent.yaml line 17 holds `image: ghcr.io/example/support:latest` (rule image-latest).
    await wb.openFile('broken-agent.yaml');
    const rows = await wb.problems();
    await rows.filter({ hasText: 'image-latest' }).first().locator('a', { hasText: 'image-latest' }).first().click();
    await wb.activeTab('rules.md').waitFor({ timeout: UI_TIMEOUT });
    const line =
      readFileSync(new URL('../../../../../../docs/rules.md', import.meta.url), 'utf8')
        .split('\n')
        .indexOf('## image-latest') + 1;
    await wb.page
      .locator('.statusbar-item', { hasText: `Ln ${line},` })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('hover on a reference shows the resolved Model and where it is defined', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 9, 13);
    const hover = await wb.hover();
    const text = await hover.innerText();
    assert.match(text, /gpt-4o-model/);
    assert.match(text, /models\.yaml/);
  });

  s.uiTest("completion of a Model reference offers the namespace's Models, and another namespace's with its namespace:", async (wb) => {
    // Line 10 is `    name: gpt-5-model`; the value starts at column 11.
    await wb.openFile('broken-agent.yaml', 10, 11);
    try {
      // Remove the broken name so the suggestions are not filtered by it.
      await wb.page.keyboard.press('Shift+End');
      await wb.page.keyboard.press('Delete');
      const rows = await wb.completions();
      await rows.filter({ hasText: 'gpt-4o-model' }).first().waitFor({ timeout: UI_TIMEOUT });
      // platform-models.yaml's Model is in namespace platform: choosing it writes the namespace too.
      await rows.filter({ hasText: 'shared-gpt' }).first().click();
      await wb.page.locator('.editor-instance .view-lines', { hasText: 'namespace: platform' }).waitFor({ timeout: UI_TIMEOUT });
    } finally {
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('File: Revert File');
    }
  });

  s.uiTest('a reference to a Model that exists nowhere offers to create it, beside "did you mean"', async (wb) => {
    await wb.openFile('broken-agent.yaml', 10, 15);
    try {
      const actions = await wb.quickFixes();
      await actions
        .filter({ hasText: /Create Model 'gpt-5-model' in .*models\.yaml/ })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await actions.filter({ hasText: 'gpt-4o-model' }).first().waitFor({ timeout: UI_TIMEOUT });
    } finally {
      await wb.page.keyboard.press('Escape');
    }
  });

  s.uiTest('go to definition (F12) opens the Model in its file', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 9, 13);
    await wb.page.keyboard.press('F12');
    await wb.activeTab('models.yaml').waitFor({ timeout: UI_TIMEOUT });
  });

  s.uiTest('the Flokoa commands are in the command palette', async (wb) => {
    const labels = await wb.commandsMatching('Flokoa:');
    for (const title of ['Flokoa: Patch Agent Image…', 'Flokoa: Watch Rollout', 'Flokoa: Show References', 'Flokoa: Show Dependents']) {
      assert.ok(
        labels.some((l) => l.includes(title)),
        `"${title}" missing from ${labels.join(' | ')}`,
      );
    }
  });
}
