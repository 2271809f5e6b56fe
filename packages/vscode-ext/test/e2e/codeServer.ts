// code-server (VS Code's server and web workbench) for the e2e run: installed by e2e/setup.sh,
// given a fresh user-data and extensions dir per run, kept off the network (no gallery, telemetry
// or update checks), and serving one fixture workspace on 127.0.0.1 without auth.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAndWait, type Started } from './processes.js';

export interface E2ETools {
  node: string;
  codeServer: string;
  chromium: string;
}

/** Runs e2e/setup.sh (idempotent: fast when everything is installed) and returns the tool paths. */
export function setupTools(packageDir: string): E2ETools {
  const r = spawnSync('bash', [join(packageDir, 'e2e', 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`e2e/setup.sh failed (exit ${r.status})`);
  const kv = Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  if (!kv.node || !kv.code_server || !kv.chromium) throw new Error(`e2e/setup.sh printed no tool paths:\n${r.stdout}`);
  return { node: kv.node, codeServer: kv.code_server, chromium: kv.chromium };
}

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
  /** Where logs go. */
  logDir: string;
}

/** Environment that keeps code-server from reaching out: an empty gallery means no marketplace calls. */
function offlineEnv(): NodeJS.ProcessEnv {
  return { ...process.env, EXTENSIONS_GALLERY: '{}', VSCODE_TELEMETRY_LEVEL: 'off' };
}

export function installExtension(tools: E2ETools, vsix: string, dirs: CodeServerDirs): void {
  const r = spawnSync(
    tools.node,
    [tools.codeServer, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: offlineEnv() },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out))
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${out}`);
}

/**
 * A stand-in for another extension (same id, nothing inside), packed with the extension's vsce:
 * what Flokoa does beside it is what is tested (Red Hat YAML cannot be downloaded here).
 */
export function packStandIn(packageDir: string, workDir: string, id: string): string {
  const [publisher, name] = id.split('.');
  const dir = join(workDir, `stand-in-${id}`);
  mkdirSync(dir, { recursive: true });
  const manifest = { name, publisher, displayName: `${id} (test stand-in)`, description: 'test stand-in', version: '0.0.1' };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ ...manifest, engines: { vscode: '^1.91.0' }, activationEvents: ['onLanguage:yaml'], main: './extension.js' }),
  );
  writeFileSync(join(dir, 'extension.js'), 'exports.activate = () => {};\n');
  writeFileSync(join(dir, 'README.md'), `# ${id} stand-in\n`);
  const out = join(workDir, `${id}.vsix`);
  const vsce = join(packageDir, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packing the ${id} stand-in failed:\n${r.stdout}${r.stderr}`);
  return out;
}

/** The user settings of the run: a quiet workbench, and the cluster the extension should use. */
export function writeUserSettings(dirs: CodeServerDirs, settings: Record<string, unknown>): void {
  const user = join(dirs.userDataDir, 'User');
  mkdirSync(user, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'window.restoreWindows': 'none',
    'files.autoSave': 'off',
    'editor.hover.delay': 150,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    // Only the language server's suggestions, so a test sees what the extension offers.
    'editor.wordBasedSuggestions': 'off',
  };
  writeFileSync(join(user, 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
}

export interface CodeServer extends Started {
  url: string;
}

export async function startCodeServer(tools: E2ETools, dirs: CodeServerDirs, folder: string): Promise<CodeServer> {
  const config = join(dirs.logDir, 'code-server.yaml');
  // Its own config file, so code-server never writes one into the user's home.
  writeFileSync(config, 'auth: none\ncert: false\n');
  const started = await startAndWait(
    tools.node,
    [
      tools.codeServer,
      '--config',
      config,
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--ignore-last-opened',
      folder,
    ],
    {
      name: 'code-server',
      ready: /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/,
      logPath: join(dirs.logDir, 'code-server.log'),
      timeoutMs: 60_000,
      env: offlineEnv(),
    },
  );
  return { ...started, url: `${started.match[1]}/?folder=${encodeURIComponent(folder)}` };
}
