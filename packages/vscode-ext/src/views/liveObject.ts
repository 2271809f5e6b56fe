// Read-only documents of live cluster objects (`flokoa-live:` URIs), opened from the Agents view
// and the reference commands when an object has no file in the workspace, as the language server's
// watches last saw it (flokoa/liveObject). Secret values are never read: Secrets are metadata only.
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { ServerModel } from './serverModel.js';
import { asFile, orderLike } from './liveShape.js';

export const LIVE_SCHEME = 'flokoa-live';
/** The query of a live document shown as a file would write it (Compare with Cluster). */
export const AS_FILE_QUERY = 'as-file';

export interface LiveObjectKey {
  context: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** `flokoa-live:/<context>/<group or core>/<kind>/<namespace>/<name>.yaml`: the path ends in .yaml so YAML highlighting applies. */
export function liveObjectUri(k: LiveObjectKey): vscode.Uri {
  const parts = [k.context, k.group || 'core', k.kind, k.namespace || '_', `${k.name}.yaml`].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: LIVE_SCHEME, path: '/' + parts.join('/') });
}

export function parseLiveObjectUri(uri: vscode.Uri): LiveObjectKey | undefined {
  const parts = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (parts.length !== 5 || !parts[4].endsWith('.yaml')) return undefined;
  const [context, group, kind, namespace, file] = parts;
  return {
    context,
    group: group === 'core' ? '' : group,
    kind,
    namespace: namespace === '_' ? '' : namespace,
    name: file.slice(0, -'.yaml'.length),
  };
}

export class LiveObjectProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  /** Per as-file document: the file it is compared with, whose key order it follows so the diff aligns. */
  private readonly layouts = new Map<string, unknown>();

  constructor(private readonly model: ServerModel) {}

  /** The live side of a comparison with `file` (the document's object): keys in the file's order. */
  comparedWith(uri: vscode.Uri, file: unknown): void {
    this.layouts.set(uri.toString(), file);
    this.emitter.fire(uri);
  }

  /** Re-reads the live documents that are open (after the cluster changed), so none shows stale state. */
  refreshOpen(): void {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === LIVE_SCHEME) this.emitter.fire(d.uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = parseLiveObjectUri(uri);
    if (!key) return `# not a Flokoa live object address: ${uri.toString()}\n`;
    const { context, ...objectKey } = key;
    const shown = `${key.kind} ${key.namespace ? key.namespace + '/' : ''}${key.name}`;
    const live = await this.model.liveObject(objectKey);
    if (!live)
      return `# ${shown} is not known in cluster context "${context}" (is the cluster connected? see the flokoa.cluster settings)\n`;
    if (live.context !== context) return `# cluster context "${context}" is not the one connected ("${live.context}")\n`;
    // Beside its file (Compare with Cluster): what a file would say, with nothing the diff would only show as noise.
    if (uri.query === AS_FILE_QUERY) {
      const file = this.layouts.get(uri.toString());
      return stringify(file ? orderLike(asFile(live.object), file) : asFile(live.object), { lineWidth: 0 });
    }
    const isSecret = key.group === '' && key.kind === 'Secret';
    const stale = this.model.stale ? '; the cluster is unavailable: last state seen' : '';
    const header = `# Live ${shown} in context "${context}" (read-only)${isSecret ? '; values are not shown' : ''}${stale}\n`;
    return header + stringify(live.object, { lineWidth: 0 });
  }
}
