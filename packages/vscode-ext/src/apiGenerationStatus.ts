// A status item beside the language mode: which Flokoa API generation the document at the cursor is
// read as (flokoa/apiGeneration), with why in its tooltip. Hidden outside Flokoa documents.
import * as vscode from 'vscode';
import { API_GENERATION_REQUEST, type ApiGenerationInfo } from '@flokoa/lsp/protocol';
import { apiGenerationLook } from './apiGenerationLook.js';

export type AskServer = <R>(method: string, params: unknown) => Promise<R | undefined>;

export class ApiGenerationStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flokoa.apiGeneration', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private asked = 0;

  constructor(private readonly ask: AskServer) {
    this.item.name = 'Flokoa API generation';
    this.item.command = { title: 'Pin the API generation', command: 'workbench.action.openSettings', arguments: ['flokoa.apiGeneration'] };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
    );
    this.schedule();
  }

  /** Asks again soon: a burst of cursor moves or keystrokes is one request. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 150);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'yaml') {
      this.item.hide();
      return;
    }
    const mine = ++this.asked;
    const info = await this.ask<ApiGenerationInfo>(API_GENERATION_REQUEST, {
      textDocument: { uri: editor.document.uri.toString() },
      position: editor.selection.active,
    });
    // An answer to an older question (the cursor moved on) is dropped.
    if (mine !== this.asked) return;
    if (!info) {
      this.item.hide();
      return;
    }
    const look = apiGenerationLook(info);
    this.item.text = look.text;
    this.item.tooltip = look.tooltip;
    this.item.accessibilityInformation = { label: look.tooltip };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
