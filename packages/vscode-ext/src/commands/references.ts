// "Flokoa: Show References" (what a resource needs: its reference chain) and "Flokoa: Show
// Dependents" (who uses it, in files and live: the question before deleting or rotating it). Both
// work from the cursor, from a node of the Agents view, and — for the server's "used by N" lens —
// from LSP locations. The chains and the referrers are the language server's answers.
import * as vscode from 'vscode';
import type { ChainLink, Location, ResourceKey } from '@flokoa/lsp/protocol';
import type { ServerModel } from '../views/serverModel.js';
import { linkLook, type AgentsNode } from '../views/agentsTree.js';
import { describeKey, locationOf, toVsLocation } from '../views/definitions.js';
import { liveObjectUri } from '../views/liveObject.js';

type PickItem = vscode.QuickPickItem & { location?: vscode.Location };

export function registerReferenceCommands(model: ServerModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('flokoa.showReferences', async (...args: unknown[]) => {
      // The server's "used by N" CodeLens passes editor.action.showReferences' arguments in LSP shapes,
      // then the live referrers no file defines: those peek at their read-only live documents.
      if (typeof args[0] === 'string' && Array.isArray(args[2])) {
        const pos = args[1] as { line: number; character: number };
        const live = Array.isArray(args[3]) ? (args[3] as { key: ResourceKey; context: string }[]) : [];
        await vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(args[0]),
          new vscode.Position(pos.line, pos.character),
          [
            ...(args[2] as Location[]).map(toVsLocation),
            ...live.map((l) => new vscode.Location(liveObjectUri({ context: l.context, ...l.key }), new vscode.Position(0, 0))),
          ],
        );
        return;
      }
      const subject = await subjectOf(args[0], model);
      if (!subject) return noResource('Show References');
      const items: PickItem[] = [];
      const walk = (links: ChainLink[], depth: number) => {
        for (const l of links) {
          const t = l.target;
          const look = linkLook(l);
          items.push({
            label: `${'\u2003'.repeat(depth)}${look.codicon} ${t.kind} ${t.namespace}/${t.name}${l.dataKey ? ` [${l.dataKey}]` : ''}`,
            description: look.description,
            location: l.definition ? locationOf(l.definition, t) : l.written ? toVsLocation(l.written) : undefined,
          });
          walk(l.children, depth + 1);
        }
      };
      walk(subject.chain, 0);
      const name = describeKey(subject.key);
      await pickAndOpen(items, `References of ${name}`, `${name} references nothing.`);
    }),
    vscode.commands.registerCommand('flokoa.showDependents', async (arg?: unknown) => {
      const key = (await subjectOf(arg, model))?.key;
      if (!key) return noResource('Show Dependents');
      const items: PickItem[] = (await model.referrers(key)).map((ref) => ({
        label: `${ref.source.kind} ${ref.source.namespace}/${ref.source.name}`,
        description:
          ref.definition.in === 'cluster'
            ? `live in cluster ${ref.definition.context}`
            : vscode.workspace.asRelativePath(vscode.Uri.parse(ref.definition.location.uri)),
        detail: ref.field,
        location: ref.written ? toVsLocation(ref.written) : locationOf(ref.definition, ref.source),
      }));
      const name = describeKey(key);
      await pickAndOpen(items, `Dependents of ${name}`, `Nothing in the workspace or the cluster references ${name}.`);
    }),
  ];
}

/** The resource a command is about, with what it references: a view node, else the Flokoa document under the cursor. */
async function subjectOf(arg: unknown, model: ServerModel): Promise<{ key: ResourceKey; chain: ChainLink[] } | undefined> {
  const node = arg as AgentsNode | undefined;
  if (node?.type === 'agent') return node.agent;
  if (node?.type === 'ref') return { key: node.link.target, chain: node.link.children };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') return undefined;
  return model.resourceAt(editor.document, editor.selection.active);
}

async function pickAndOpen(items: PickItem[], title: string, empty: string): Promise<void> {
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Flokoa: ${empty}`);
    return;
  }
  const pick = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  if (pick?.location) await vscode.window.showTextDocument(pick.location.uri, { selection: pick.location.range });
}

function noResource(what: string): void {
  void vscode.window.showInformationMessage(
    `Flokoa: ${what} works on the Flokoa resource under the cursor or on a node of the Agents view.`,
  );
}
