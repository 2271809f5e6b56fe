// The extension in a real VS Code (code-server) driven through headless Chromium, as a user would
// use it: the built .vsix installed into a fresh profile, a fixture workspace, cluster-sim as the
// cluster. Every wait is on something the workbench shows. Screenshots and logs of a failure go to
// .test-artifacts/vscode-e2e/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, setupTools, startCodeServer, writeUserSettings, type CodeServer, type E2ETools } from './codeServer.js';
import { startClusterSim, type ClusterSim } from './clusterSim.js';
import { UI_TIMEOUT, Workbench } from './workbench.js';
import { KubeClient, loadConnection } from '@flokoa/kube';
import { patchImage } from '@flokoa/kubectl-flokoa';

const pkgDir = fileURLToPath(new URL('../../../', import.meta.url));
const repoRoot = join(pkgDir, '..', '..');
const artifacts = join(repoRoot, '.test-artifacts', 'vscode-e2e');
/** A rollout in cluster-sim takes seconds; the cap only bounds a hang. */
const ROLLOUT_TIMEOUT = 120_000;

describe('Flokoa extension in code-server', { skip: process.env.FLOKOA_E2E === '0' ? 'FLOKOA_E2E=0' : false }, () => {
  let tools: E2ETools;
  let work: string;
  let cluster: ClusterSim | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let failed = false;

  /** A step of the user's session; on failure, a screenshot and the logs are kept. */
  const uiTest = (name: string, fn: (wb: Workbench) => Promise<void>, timeout = 2 * UI_TIMEOUT): void =>
    void test(name, { timeout }, async () => {
      assert.ok(wb, 'the workbench did not open');
      try {
        await fn(wb);
      } catch (e) {
        failed = true;
        const shot = await wb.screenshot(name).catch(() => '(no screenshot)');
        throw new Error(`${(e as Error).message}\nscreenshot: ${shot}`, { cause: e });
      }
    });

  before(async () => {
    const t0 = Date.now();
    tools = setupTools(pkgDir);
    work = mkdtempSync(join(tmpdir(), 'flokoa-e2e-'));
    const vsix = join(work, 'flokoa.vsix');
    const pack = spawnSync(process.execPath, [join(pkgDir, 'scripts', 'package.mjs'), '--no-build', '--out', vsix], { encoding: 'utf8' });
    assert.equal(pack.status, 0, `packaging failed:\n${pack.stdout}${pack.stderr}`);
    const workspace = join(work, 'workspace');
    cpSync(join(pkgDir, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    // The cluster runs what the workspace describes (ci.yaml is not a Kubernetes object).
    const manifests = [
      ...['namespace.yaml', 'models.yaml', 'checkout-agent.yaml', 'broken-agent.yaml'].map((f) => join(workspace, f)),
      join(pkgDir, 'test', 'fixtures', 'cluster-only', 'reporter-agent.yaml'),
    ];
    cluster = await startClusterSim(repoRoot, manifests, work);
    const dirs = { userDataDir: join(work, 'user-data'), extensionsDir: join(work, 'extensions'), logDir: work };
    writeUserSettings(dirs, { 'flokoa.cluster.enabled': true, 'flokoa.cluster.kubeconfig': cluster.kubeconfig });
    installExtension(tools, vsix, dirs);
    server = await startCodeServer(tools, dirs, workspace);
    wb = await Workbench.open(tools.chromium, server.url, artifacts);
    // The extension reports itself in the status bar once the server has indexed the workspace.
    await wb.page.locator('.statusbar-item[aria-label*="Language server ready"]').waitFor({ timeout: 2 * UI_TIMEOUT });
    console.log(`# e2e: ${pack.stdout.trim().split(' (')[0]}; workbench ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });

  after(async () => {
    if (failed || !wb) keepLogs(work, artifacts);
    await wb?.close().catch(() => undefined);
    await server?.stop();
    await cluster?.stop();
    // The logs worth keeping were copied above; the profile and the workspace copy are not.
    if (work) rmSync(work, { recursive: true, force: true });
  });

  uiTest('the Problems panel lists the Flokoa diagnostics, and none for other YAML', async (wb) => {
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

  uiTest('hover on a reference shows the resolved Model and where it is defined', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 9, 13);
    const hover = await wb.hover();
    const text = await hover.innerText();
    assert.match(text, /gpt-4o-model/);
    assert.match(text, /models\.yaml/);
  });

  uiTest('completion of a Model reference offers the Models of the namespace', async (wb) => {
    // Line 10 is `    name: gpt-5-model`; the value starts at column 11.
    await wb.openFile('broken-agent.yaml', 10, 11);
    try {
      // Remove the broken name so the suggestions are not filtered by it.
      await wb.page.keyboard.press('Shift+End');
      await wb.page.keyboard.press('Delete');
      const rows = await wb.completions();
      await rows.filter({ hasText: 'gpt-4o-model' }).first().waitFor({ timeout: UI_TIMEOUT });
    } finally {
      await wb.page.keyboard.press('Escape');
      await wb.runCommand('File: Revert File');
    }
  });

  uiTest('go to definition (F12) opens the Model in its file', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 9, 13);
    await wb.page.keyboard.press('F12');
    await wb.activeTab('models.yaml').waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('the Flokoa commands are in the command palette', async (wb) => {
    const labels = await wb.commandsMatching('Flokoa:');
    for (const title of ['Flokoa: Patch Agent Image…', 'Flokoa: Watch Rollout', 'Flokoa: Show References', 'Flokoa: Show Dependents']) {
      assert.ok(
        labels.some((l) => l.includes(title)),
        `"${title}" missing from ${labels.join(' | ')}`,
      );
    }
  });

  uiTest('the Agents view shows the agents by namespace with their reference chains and live state', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
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

  uiTest('the Agents view follows files changed on disk, as a branch switch changes them', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
    const added = join(work, 'workspace', 'added-on-disk.yaml');
    writeFileSync(
      added,
      'apiVersion: agent.flokoa.ai/v1alpha1\nkind: Agent\nmetadata:\n  name: newcomer\n  namespace: shop\nspec:\n  framework: langchain\n  model:\n    name: gpt-4o-model\n',
    );
    await view.locator('.monaco-list-row', { hasText: 'newcomer' }).first().waitFor({ timeout: UI_TIMEOUT });
    rmSync(added);
    await view.locator('.monaco-list-row', { hasText: 'newcomer' }).first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  });

  uiTest('an Agent only in the cluster opens as a read-only live document', async (wb) => {
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
    await view
      .locator('.monaco-list-row', { hasText: /reporter.*reporter:v3\.0\.0/ })
      .first()
      .click();
    await wb.activeTab('reporter.yaml').waitFor({ timeout: UI_TIMEOUT });
    await wb.page
      .locator('.editor-instance .view-lines', { hasText: 'Live Agent shop/reporter in context "sim-admin" (read-only)' })
      .waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('the Agents view and live documents follow a rollout started outside the editor', async (wb) => {
    // Someone else ships an image (here: the plugin's library, as `kubectl flokoa patch-image` does).
    assert.ok(cluster);
    const client = new KubeClient(loadConnection({ kubeconfig: cluster.kubeconfig }));
    try {
      await patchImage(client, { namespace: 'shop', name: 'reporter', image: 'ghcr.io/example/reporter:v3.1.0' });
    } finally {
      client.close();
    }
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
    await view
      .locator('.monaco-list-row', { hasText: /reporter.*reporter:v3\.1\.0/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    // The live document opened earlier is re-read too.
    await wb.page.locator('.tabs-container .tab', { hasText: 'reporter.yaml' }).click();
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'reporter:v3.1.0' }).waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('Show References lists the chain of the Agent under the cursor', async (wb) => {
    await wb.openFile('checkout-agent.yaml', 4, 9);
    await wb.runCommand('Flokoa: Show References');
    for (const node of ['Model shop/gpt-4o-model', 'ModelProvider shop/openai-provider', 'Secret shop/openai-credentials']) {
      await wb.pickRow(node).waitFor({ timeout: UI_TIMEOUT });
    }
    await wb.page.keyboard.press('Escape');
  });

  uiTest('Show Dependents of a Model lists the Agents using it, live ones too, and opens one', async (wb) => {
    // models.yaml line 16 is the Model's `  name: gpt-4o-model`.
    await wb.openFile('models.yaml', 16, 9);
    await wb.runCommand('Flokoa: Show Dependents');
    // The server's referrers: reporter exists only in the cluster.
    await wb.pickRow(/Agent shop\/reporter.*live in cluster sim-admin/).waitFor({ timeout: UI_TIMEOUT });
    await wb.pickRow('Agent shop/checkout').click();
    await wb.activeTab('checkout-agent.yaml').waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('the server\'s "used by N" CodeLens peeks at the referrers', async (wb) => {
    await wb.openFile('models.yaml');
    // The lens above the Model (the last in the file); the checkout Agent uses it.
    await wb.page
      .locator('.codelens-decoration a', { hasText: /used by \d+/ })
      .last()
      .click();
    const peek = wb.page.locator('.reference-zone-widget');
    await peek.locator('.peekview-title', { hasText: 'checkout-agent.yaml' }).waitFor({ timeout: UI_TIMEOUT });
    await peek.locator('.monaco-list-row', { hasText: 'gpt-4o-model' }).first().waitFor({ timeout: UI_TIMEOUT });
    await wb.page.keyboard.press('Escape');
  });

  uiTest('the status bar shows the server state and the cluster context', async (wb) => {
    await wb.page
      .locator(`.statusbar-item[aria-label*="Language server ready"][aria-label*='context "sim-admin"']`)
      .waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('CodeLens above an Agent shows what runs in the cluster', async (wb) => {
    await wb.openFile('checkout-agent.yaml');
    await wb.page
      .locator('.codelens-decoration', { hasText: /available/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await wb.page.locator('.codelens-decoration', { hasText: 'Patch image' }).first().waitFor({ timeout: UI_TIMEOUT });
  });

  uiTest('Patch Agent Image from the Agents view or a CodeLens starts from the image the agent runs', async (wb) => {
    const expectCurrentImage = async (shot: string) => {
      await wb.quickInputMessage.filter({ hasText: '(now ghcr.io/example/checkout:v1.0.0)' }).waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await wb.quickInput.locator('input').first().inputValue(), 'ghcr.io/example/checkout:v1.0.0');
      await wb.screenshot(shot);
      await wb.page.keyboard.press('Escape');
    };
    await wb.runCommand('Flokoa: Focus on Agents View');
    const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
    const row = view.locator('.monaco-list-row', { hasText: 'checkout' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Patch Agent Image…"]').click();
    await expectCurrentImage('patch-image-from-agents-view');
    await wb.openFile('checkout-agent.yaml');
    await wb.page.locator('.codelens-decoration a', { hasText: 'Patch image' }).first().click();
    await expectCurrentImage('patch-image-from-codelens');
  });

  uiTest(
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

  uiTest(
    "Watch Rollout follows an agent's rollout to the end",
    async (wb) => {
      await wb.runCommand('Flokoa: Watch Rollout');
      await wb.pickRow('checkout').click();
      await wb.notification(/Rollout of agent shop\/checkout complete/).waitFor({ timeout: ROLLOUT_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  uiTest(
    'an image that cannot be pulled is reported with the reason, and Roll Back from the toast restores the image before',
    async (wb) => {
      await wb.runCommand('Flokoa: Patch Agent Image…');
      await wb.pickRow('checkout').click();
      await wb.typeInQuickInput('ghcr.io/example/checkout:v2-pullfail');
      await wb.page.keyboard.press('Enter');
      await wb.dialogButton('Patch').click();
      const failure = wb.notification(/agent shop\/checkout failed: .*(ImagePullBackOff|ErrImagePull)/);
      await failure.waitFor({ timeout: ROLLOUT_TIMEOUT });
      await wb.screenshot('agents-view-after-failed-rollout');
      // The failure offers the plugin's undo: back to the image before, confirmed, then followed.
      await failure.getByRole('button', { name: 'Roll Back', exact: true }).click();
      await wb.page
        .locator('.monaco-dialog-box', { hasText: 'checkout:v2-pullfail → ghcr.io/example/checkout:v1.1.0' })
        .waitFor({ timeout: UI_TIMEOUT });
      await wb.dialogButton('Roll Back').click();
      await wb
        .notification(/Rollback of agent shop\/checkout to ghcr\.io\/example\/checkout:v1\.1\.0 complete/)
        .waitFor({ timeout: ROLLOUT_TIMEOUT });
    },
    ROLLOUT_TIMEOUT + UI_TIMEOUT,
  );

  uiTest('a crashed language server is restarted and analyses edits again', async (wb) => {
    // The server this run's extension started (its path holds this run's extensions dir).
    const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
    const line = ps.find((l) => l.includes(join(work, 'extensions')) && l.includes('dist/server.js'));
    assert.ok(line, 'the language server process is running');
    process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    // Line 14 is `      replicas: 1`; a negative count is a schema error only a running server reports.
    await wb.openFile('broken-agent.yaml', 14, 17);
    try {
      await wb.page.keyboard.type('-');
      const rows = await wb.problems();
      await rows
        .filter({ hasText: /Ln 14, Col 1[67]/ })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
    } finally {
      await wb.runCommand('File: Revert File');
    }
  });
});

/** Copies code-server's, the extension host's and cluster-sim's logs next to the screenshots. */
function keepLogs(work: string | undefined, dest: string): void {
  if (!work || !existsSync(work)) return;
  mkdirSync(dest, { recursive: true });
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'extensions' && name !== 'workspace' && name !== 'CachedData') walk(p);
      } else if (name.endsWith('.log')) {
        cpSync(p, join(dest, p.slice(work.length + 1).replace(/\//g, '__')));
      }
    }
  };
  walk(work);
}
