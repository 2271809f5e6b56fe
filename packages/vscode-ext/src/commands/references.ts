// "Flokoa: Show References" (what a resource needs: its reference chain) and "Flokoa: Show
// Dependents" (who uses it: the question before deleting or rotating it). Both work from the
// cursor, from a node of the Agents view, and — for the server's "used by N" lens — from LSP locations.
import * as vscode from 'vscode';
import { describeKey, keyOf, type ChainNode, type ObjectKey, type Resource } from '@flokoa/core';
import type { ResourceModel } from '../views/resourceModel.js';
import type { AgentsNode } from '../views/agentsTree.js';
import { locationOf, toVsRange } from '../views/definitions.js';

interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

type PickItem = vscode.QuickPickItem & { location?: vscode.Location };

export function registerReferenceCommands(model: ResourceModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('flokoa.showReferences', async (...args: unknown[]) => {
      // The server's "used by N" CodeLens passes editor.action.showReferences' arguments in LSP shapes.
      if (typeof args[0] === 'string' && Array.isArray(args[2])) {
        const locations = (args[2] as LspLocation[]).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toVsRange(l.range)));
        const pos = args[1] as { line: number; character: number };
        await vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(args[0]),
          new vscode.Position(pos.line, pos.character),
          locations,
        );
        return;
      }
      await model.current();
      const r = resourceOf(args[0], model);
      if (!r) return noResource('Show References');
      const items: PickItem[] = [];
      const walk = (nodes: ChainNode[], depth: number) => {
        for (const n of nodes) {
          const t = n.reference.target;
          const res = n.resolution;
          const icon =
            res.status === 'found'
              ? '$(check)'
              : res.status === 'forbidden'
                ? '$(lock)'
                : res.status === 'wrong-kind'
                  ? '$(warning)'
                  : '$(error)';
          const where = res.target
            ? model.isLiveOnly(res.target)
              ? `cluster ${model.context}`
              : vscode.workspace.asRelativePath(vscode.Uri.parse(res.target.uri))
            : res.status;
          items.push({
            label: `${'\u2003'.repeat(depth)}${icon} ${t.kind} ${t.namespace}/${t.name}${n.reference.key ? ` [${n.reference.key}]` : ''}`,
            description: where,
            location: res.target
              ? locationOf(res.target, model.context)
              : locationOf(n.reference.source, model.context, n.reference.namePointer),
          });
          walk(n.children, depth + 1);
        }
      };
      walk(model.chain(r), 0);
      await pickAndOpen(items, `References of ${describeKey(r)}`, `${describeKey(r)} references nothing.`);
    }),
    vscode.commands.registerCommand('flokoa.showDependents', async (arg?: unknown) => {
      await model.current();
      const key = keyOfArg(arg, model);
      if (!key) return noResource('Show Dependents');
      const items: PickItem[] = model.referrersOf(key).map((ref) => ({
        label: `${ref.source.kind} ${ref.source.namespace}/${ref.source.name}`,
        description: vscode.workspace.asRelativePath(vscode.Uri.parse(ref.source.uri)),
        detail: ref.pointer,
        location: locationOf(ref.source, model.context, ref.namePointer),
      }));
      await pickAndOpen(items, `Dependents of ${describeKey(key)}`, `Nothing in the workspace references ${describeKey(key)}.`);
    }),
  ];
}

/** The resource a command is about: a view node, else the Flokoa document under the cursor. */
function resourceOf(arg: unknown, model: ResourceModel): Resource | undefined {
  const node = arg as AgentsNode | undefined;
  if (node?.type === 'agent') return node.resource;
  if (node?.type === 'ref') return node.node.resolution.target;
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') return undefined;
  return model.resourceAt(editor.document, editor.selection.active);
}

function keyOfArg(arg: unknown, model: ResourceModel): ObjectKey | undefined {
  const node = arg as AgentsNode | undefined;
  if (node?.type === 'ref') return node.node.reference.target;
  const r = resourceOf(arg, model);
  return r ? keyOf(r) : undefined;
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
