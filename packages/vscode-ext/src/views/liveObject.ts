// Read-only documents of live cluster objects (`flokoa-live:` URIs), opened from the Agents view
// and the reference commands when an object has no file in the workspace. Secret values are never
// fetched: Secrets are read as metadata only.
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { ACCEPT_METADATA, objectPath, describeError } from '../cluster/library.js';
import type { ClusterSession } from '../cluster/session.js';

export const LIVE_SCHEME = 'flokoa-live';

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

  constructor(private readonly cluster: ClusterSession) {}

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
    const state = this.cluster.state;
    const client = state.state === 'connected' && state.context === key.context ? this.cluster.connectedClient : undefined;
    if (!client) return `# cluster context "${key.context}" is not connected; enable it with the flokoa.cluster settings\n`;
    const isSecret = key.group === '' && key.kind === 'Secret';
    try {
      const obj = await client.get<Record<string, unknown>>(
        objectPath({ group: key.group, kind: key.kind }, key.namespace, key.name),
        isSecret ? { accept: ACCEPT_METADATA } : {},
      );
      const meta = obj.metadata as Record<string, unknown> | undefined;
      // Server bookkeeping is noise to a reader of the object.
      if (meta) delete meta.managedFields;
      if (isSecret) {
        delete obj.data;
        delete obj.stringData;
      }
      const header = `# Live ${key.kind} ${key.namespace ? key.namespace + '/' : ''}${key.name} in context "${key.context}" (read-only)${isSecret ? '; values are not shown' : ''}\n`;
      return header + stringify(obj, { lineWidth: 0 });
    } catch (e) {
      return `# could not read ${key.kind} ${key.namespace}/${key.name}: ${describeError(e)}\n`;
    }
  }
}
