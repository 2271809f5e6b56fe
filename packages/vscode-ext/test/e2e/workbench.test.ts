// The extension in a real VS Code (code-server) driven through headless Chromium, as a user would
// use it: the built .vsix installed into a fresh profile, a fixture workspace, cluster-sim as the
// cluster. Every wait is on something the workbench shows. Screenshots and logs of a failure go to
// .test-artifacts/vscode-e2e/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  installExtension,
  packStandIn,
  setupTools,
  startCodeServer,
  writeUserSettings,
  type CodeServer,
  type E2ETools,
} from './codeServer.js';
import { startClusterSim, type ClusterSim } from './clusterSim.js';
import { UI_TIMEOUT, Workbench } from './workbench.js';
import type { Session } from './steps/session.js';
import { editorSteps } from './steps/editor.js';
import { agentsViewSteps } from './steps/agentsView.js';
import { referenceSteps } from './steps/references.js';
import { rolloutSteps } from './steps/rollout.js';

const pkgDir = fileURLToPath(new URL('../../../', import.meta.url));
const repoRoot = join(pkgDir, '..', '..');
const artifacts = join(repoRoot, '.test-artifacts', 'vscode-e2e');

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
    // Red Hat YAML beside it, as most users have it: Flokoa leaves YAML syntax and the Outline to it.
    installExtension(tools, packStandIn(pkgDir, work, 'redhat.vscode-yaml'), dirs);
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
  const session: Session = {
    uiTest,
    get work() {
      return work;
    },
    get cluster() {
      assert.ok(cluster, 'cluster-sim did not start');
      return cluster;
    },
  };
  // The steps of one user's session, in order: each builds on what the previous ones left.
  editorSteps(session);
  agentsViewSteps(session);
  referenceSteps(session);
  rolloutSteps(session);

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
