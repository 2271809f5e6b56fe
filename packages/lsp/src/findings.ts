// Findings of each file at the current workspace state, computed once and shared by push and
// pull diagnostics and by code actions. Entries are invalidated by the session's change events
// and dropped when a file leaves the workspace, so the cache never outgrows the file set.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '@flokoa/core';
import type { ChangeEvent, WorkspaceSession } from './session.js';
import { toDiagnostic } from './convert.js';

export interface FileFindings {
  /** Changes whenever the findings may have changed (pull diagnostics' resultId). */
  resultId: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export class FindingsCache {
  private readonly entries = new Map<string, FileFindings>();
  private readonly generation = new Map<string, number>();
  private epoch = 0;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly rulesDocUrl?: string,
  ) {
    session.onDidChange((e) => this.invalidate(e));
  }

  private invalidate(e: ChangeEvent): void {
    if (e.all) {
      this.epoch++;
      this.entries.clear();
      this.generation.clear();
      return;
    }
    for (const uri of e.uris) {
      this.entries.delete(uri);
      if (this.session.workspace.file(uri)) this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
      else this.generation.delete(uri);
    }
  }

  resultId(uri: string): string {
    return `${this.epoch}.${this.generation.get(uri) ?? 0}`;
  }

  /** Findings of `uri` now (the caller makes sure pending edits are flushed and the index is ready). */
  get(uri: string): FileFindings {
    const cached = this.entries.get(uri);
    if (cached) return cached;
    const findings = this.session.workspace.file(uri) ? this.session.workspace.analyze(uri) : [];
    const entry: FileFindings = {
      resultId: this.resultId(uri),
      findings,
      diagnostics: findings.map((f) => toDiagnostic(f, this.rulesDocUrl)),
    };
    // Only files still in the workspace are kept: a closed untitled document must not linger.
    if (this.session.workspace.file(uri)) this.entries.set(uri, entry);
    return entry;
  }
}
