// The in-extension checks, run inside desktop VS Code by run.mjs: the same behaviour the
// code-server e2e checks through the UI, asked here through VS Code's API. Checks start once the
// extension says its server has indexed the workspace, and wait for events; none sleeps.
const vscode = require('vscode');
const assert = require('node:assert/strict');

const TIMEOUT_MS = 60_000;

function fileUri(name) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
}

/** Resolves with the first value of `probe()` accepted by `ok`, re-asking after each change event. */
function until(probe, ok, what, events = [vscode.languages.onDidChangeDiagnostics]) {
  return new Promise((resolve, reject) => {
    const subs = [];
    const done = (fn) => {
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}`))), TIMEOUT_MS);
    const check = async () => {
      try {
        const v = await probe();
        if (ok(v)) done(() => resolve(v));
      } catch (e) {
        done(() => reject(e));
      }
    };
    for (const ev of events) subs.push(ev(check));
    void check();
  });
}

/** Asks a provider once the server has indexed the workspace (the extension's API says when). */
async function ask(command, args, ok, what) {
  const answer = await vscode.commands.executeCommand(command, ...args);
  if (!ok(answer)) throw new Error(`${what}: unexpected answer ${JSON.stringify(answer)}`);
  return answer;
}

const checks = {
  async 'diagnostics: an unresolved Model reference and a :latest image, nothing on other YAML'() {
    const broken = fileUri('broken-agent.yaml');
    await vscode.window.showTextDocument(broken);
    const diags = await until(
      () => vscode.languages.getDiagnostics(broken),
      (d) => d.length >= 2,
      'diagnostics of broken-agent.yaml',
    );
    assert.ok(diags.some((d) => d.message.includes('gpt-5-model') && d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(diags.some((d) => /latest/.test(d.message)));
    assert.ok(diags.every((d) => d.source === 'flokoa'));
    await vscode.window.showTextDocument(fileUri('ci.yaml'));
    assert.equal(vscode.languages.getDiagnostics(fileUri('ci.yaml')).length, 0);
  },
  async 'hover on a reference names the target and its file'() {
    const hovers = await ask(
      'vscode.executeHoverProvider',
      [fileUri('checkout-agent.yaml'), new vscode.Position(8, 12)],
      (h) => h && h.length > 0,
      'hover',
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /gpt-4o-model/);
    assert.match(text, /models\.yaml/);
  },
  async 'completion of a Model name offers the Models of the namespace'() {
    const list = await ask(
      'vscode.executeCompletionItemProvider',
      [fileUri('broken-agent.yaml'), new vscode.Position(9, 10)],
      (l) => l && l.items.length > 0,
      'completion',
    );
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'gpt-4o-model'));
  },
  async 'definition of a Model reference is in models.yaml'() {
    const defs = await ask(
      'vscode.executeDefinitionProvider',
      [fileUri('checkout-agent.yaml'), new vscode.Position(8, 12)],
      (d) => d && d.length > 0,
      'definition',
    );
    const uri = defs[0].uri ?? defs[0].targetUri;
    assert.ok(uri.path.endsWith('/models.yaml'), uri.toString());
  },
  async 'the Flokoa commands are registered'() {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['flokoa.patchAgentImage', 'flokoa.watchRollout', 'flokoa.showReferences', 'flokoa.showDependents'])
      assert.ok(all.includes(c), c);
  },
};

exports.run = async function run() {
  const api = await vscode.extensions.getExtension('flokoa.flokoa').activate();
  await api.serverReady();
  const failures = [];
  for (const [name, fn] of Object.entries(checks)) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`not ok - ${name}: ${e && e.message}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
};
