// The workspace session: core's Workspace kept in sync with the editor's open documents
// (incremental text sync) and with the YAML files on disk (initial background scan and watched
// file events). Features read from it; diagnostics subscribe to what each change affects.
import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { Workspace, SchemaStore, prepareMarkers, type ParsedFile, type Resource } from '@flokoa/core';
import { relative } from 'node:path';
import { readTextFile, readYamlFile, scanYamlFiles, uriToPath, isYamlPath, type ScanReport } from './scan.js';
import type { ServerSettings } from './settings.js';
import type { Log } from './request.js';
import type { IndexStatus } from './protocol.js';
import { OpenDocument, changeAt } from './openDocument.js';

/** What a change may have affected: these uris (or every file, after a settings or index change). */
export interface ChangeEvent {
  uris: Set<string>;
  all: boolean;
  /** Open documents whose text the editor changed (the others in `uris` are affected through them or on disk). */
  edited: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export type FileEvent = { uri: string; type: 'created' | 'changed' | 'deleted' };

/** Longest stretch the initial scan runs before letting queued requests through (ms). */
const SCAN_SLICE_MS = 8;
/** How often the scan reports its progress (a status item, not a log). */
const PROGRESS_EVERY_MS = 250;

export class WorkspaceSession {
  readonly workspace: Workspace;
  /** Built-in schemas layered with CRDs from the workspace (and from a cluster source). */
  readonly schemas = new SchemaStore();
  private readonly docs = new Map<string, OpenDocument>();
  /** Open documents whose whole latest text has not been handed to the workspace yet (range changes are at once). */
  private readonly pending = new Set<string>();
  /** Open documents changed since listeners were last told, and the files that affected. */
  private readonly edited = new Set<string>();
  private readonly affected = new Set<string>();
  private flushScheduled = false;
  private readonly listeners: ((e: ChangeEvent) => void)[] = [];
  private roots: string[] = [];
  private readyState = false;
  private markReady!: () => void;
  /** Resolves when the initial scan has finished; before that no reference is judged unresolved. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(
    settings: ServerSettings,
    private readonly log: Log,
  ) {
    this.workspace = new Workspace(settings.analysis, this.schemas);
    // Generator sources (env files, data files) a kustomization reads are not YAML the scan indexes.
    this.workspace.readOtherFile = (uri) => (this.inRoots(uri) ? readTextFile(uri) : undefined);
  }

  get isReady(): boolean {
    return this.readyState;
  }

  onDidChange(listener: (e: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  private fire(e: ChangeEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.error(`change listener failed: ${String(err)}`);
      }
    }
  }

  // ---- open documents ----

  openDocuments(): OpenDocument[] {
    return [...this.docs.values()];
  }

  document(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, new OpenDocument(uri, languageId, version, text, () => this.workspace.file(uri)?.text ?? ''));
    this.pending.add(uri);
    this.edited.add(uri);
    this.scheduleFlush();
  }

  /** Applies the editor's changes in order: ranges refer to the text left by the change before. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    for (const c of changes) {
      if (!TextDocumentContentChangeEvent.isIncremental(c)) {
        doc.pendingText = c.text;
        this.pending.add(uri);
        continue;
      }
      // A range is read against the text before it: a whole text still pending is parsed first.
      const parsed = this.parsedNow(uri, doc);
      this.workspace.editFile(uri, changeAt(parsed, c.range, c.text));
      this.noteDependents(uri, this.affected);
    }
    doc.version = version;
    this.edited.add(uri);
    this.scheduleFlush();
  }

  /** Core's parse of the document's current text (parsing it now when a whole text is pending). */
  private parsedNow(uri: string, doc: OpenDocument): ParsedFile {
    if (this.pending.delete(uri) || !this.workspace.file(uri)) this.handOver(uri, doc);
    return this.workspace.file(uri)!;
  }

  private handOver(uri: string, doc: OpenDocument): void {
    this.setFileTracking(uri, doc.getText(), this.affected);
    doc.pendingText = undefined;
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.pending.delete(uri);
    this.edited.delete(uri);
    // The editor may have discarded unsaved edits: the file on disk is the truth again.
    const onDisk = this.inRoots(uri) && isYamlPath(uri) ? readYamlFile(uri) : undefined;
    const affected = new Set<string>();
    if (onDisk === undefined) this.removeFileTracking(uri, affected);
    else this.setFileTracking(uri, onDisk, affected);
    this.fire({ uris: affected, all: false, edited: NONE });
  }

  /** The parsed file for `uri` with the editor's latest text (parsing now if an edit is pending). */
  file(uri: string): ParsedFile | undefined {
    if (this.edited.size > 0) this.flush();
    return this.workspace.file(uri);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Not a debounce: edits that arrived in the same turn are applied together, then analysed at once.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Hands pending editor text to the workspace and tells listeners what the changes affected. */
  flush(): void {
    if (this.edited.size === 0) return;
    for (const uri of this.pending) {
      const doc = this.docs.get(uri);
      if (doc) this.handOver(uri, doc);
    }
    this.pending.clear();
    const edited = new Set(this.edited);
    const affected = new Set(this.affected);
    this.edited.clear();
    this.affected.clear();
    this.fire({ uris: affected, all: false, edited });
  }

  /**
   * Sets a file and collects the files whose findings it may change. Core's dependentsOf answers
   * for the change just made (referrers that lost or gained a target, duplicates, kustomized files).
   */
  private setFileTracking(uri: string, text: string, affected: Set<string>): void {
    const before = this.workspace.file(uri);
    if (this.workspace.setFile(uri, text) !== before) this.noteDependents(uri, affected);
    affected.add(uri);
  }

  private noteDependents(uri: string, affected: Set<string>): void {
    affected.add(uri);
    for (const d of this.workspace.dependentsOf(uri)) affected.add(d);
  }

  private removeFileTracking(uri: string, affected: Set<string>): void {
    if (!this.workspace.file(uri)) return;
    this.workspace.removeFile(uri);
    affected.add(uri);
    for (const d of this.workspace.dependentsOf(uri)) affected.add(d);
  }

  // ---- files on disk ----

  setRoots(rootUris: string[]): void {
    this.roots = rootUris.map((u) => uriToPath(u)).filter((p): p is string => !!p);
  }

  inRoots(uri: string): boolean {
    const path = uriToPath(uri);
    return !!path && this.roots.some((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/'));
  }

  /** A file's path relative to its workspace folder (the URI itself outside them), for messages. */
  displayPath(uri: string): string {
    const path = uriToPath(uri);
    if (!path) return uri;
    const root = this.roots.find((r) => path.startsWith(r.endsWith('/') ? r : r + '/'));
    return root ? relative(root, path) : path;
  }

  /** Indexes every YAML file of the workspace folders, yielding to requests between slices. */
  async indexWorkspace(status: (status: IndexStatus) => void): Promise<void> {
    status({ state: 'indexing', files: 0 });
    const started = performance.now();
    prepareMarkers();
    const count = await this.scan(this.roots, (files) => status({ state: 'indexing', files }));
    this.readyState = true;
    // Announced before the diagnostics it releases, so a client sees "ready" first.
    status({ state: 'ready', files: count, elapsedMs: Math.round(performance.now() - started) });
    this.markReady();
    this.fire({ uris: new Set(), all: true, edited: NONE });
  }

  /** Workspace folders added or removed while running: index the new ones, forget the old ones' files. */
  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const removedPaths = removed.map(uriToPath).filter((p): p is string => !!p);
    const addedPaths = added.map(uriToPath).filter((p): p is string => !!p);
    this.roots = [...this.roots.filter((r) => !removedPaths.includes(r)), ...addedPaths];
    for (const folder of removed) {
      for (const uri of this.indexedUnder(folder)) if (!this.docs.has(uri) && !this.inRoots(uri)) this.workspace.removeFile(uri);
    }
    await this.scan(addedPaths, () => undefined);
    this.fire({ uris: new Set(), all: true, edited: NONE });
  }

  private async scan(roots: string[], progress: (files: number) => void): Promise<number> {
    const report: ScanReport = { skipped: [], truncated: false, errors: [] };
    let count = 0;
    let sliceStart = performance.now();
    let lastProgress = sliceStart;
    try {
      for await (const f of scanYamlFiles(roots, report)) {
        // An open document is newer than the disk. Indexed in bulk: which other files a file
        // affects is not worked out, since every file is analysed again when the scan ends.
        if (!this.docs.has(f.uri)) this.workspace.setFiles([f]);
        count++;
        if (performance.now() - sliceStart > SCAN_SLICE_MS) {
          if (performance.now() - lastProgress > PROGRESS_EVERY_MS) {
            progress(count);
            lastProgress = performance.now();
          }
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
      }
    } catch (e) {
      this.log.error(`workspace scan stopped: ${String(e)}`);
    }
    for (const line of report.skipped) this.log.info(`not indexed: ${line}`);
    for (const e of report.errors.slice(0, 20)) this.log.info(`not indexed: ${e}`);
    if (report.truncated) this.log.error('workspace has more than 50,000 YAML files; only the first 50,000 are indexed');
    return count;
  }

  /** Applies watched-file events; open documents keep the editor's text. */
  filesChanged(events: FileEvent[]): void {
    const affected = new Set<string>();
    for (const e of events) {
      if (this.docs.has(e.uri)) continue;
      if (e.type === 'deleted') {
        const gone = isYamlPath(e.uri) ? [e.uri] : this.indexedUnder(e.uri); // a deleted folder
        for (const uri of gone) this.removeFileTracking(uri, affected);
        continue;
      }
      if (!isYamlPath(e.uri)) {
        // Perhaps a file a kustomization generates from: re-render what read it.
        this.workspace.otherFileChanged(e.uri);
        for (const d of this.workspace.dependentsOf(e.uri)) affected.add(d);
        continue;
      }
      const text = readYamlFile(e.uri);
      if (text === undefined) {
        this.removeFileTracking(e.uri, affected);
      } else {
        this.setFileTracking(e.uri, text, affected);
      }
    }
    if (affected.size > 0) this.fire({ uris: affected, all: false, edited: NONE });
  }

  private indexedUnder(folderUri: string): string[] {
    const prefix = folderUri.endsWith('/') ? folderUri : folderUri + '/';
    return this.workspace.uris().filter((u) => u.startsWith(prefix));
  }

  /** Replaces what an external source (the cluster) contributes; files keep precedence. */
  setExternal(source: string, resources: Resource[]): void {
    this.workspace.setExternal(source, resources);
    this.fire({ uris: new Set(), all: true, edited: NONE });
  }

  updateSettings(settings: ServerSettings): void {
    this.workspace.updateSettings(settings.analysis);
    this.fire({ uris: new Set(), all: true, edited: NONE });
  }
}
