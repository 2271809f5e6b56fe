// The extension's reading of the `flokoa.*` settings it acts on itself (the language server reads
// the whole section through the client's configuration sync).
import * as vscode from 'vscode';

export interface ClusterConfig {
  enabled: boolean;
  /** Empty: the kubeconfig's current-context. */
  context?: string;
  /** Empty: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
}

export function readClusterConfig(): ClusterConfig {
  const c = vscode.workspace.getConfiguration('flokoa.cluster');
  const context = c.get<string>('context', '').trim();
  const kubeconfig = expandHome(c.get<string>('kubeconfig', '').trim());
  return {
    enabled: c.get<boolean>('enabled', false),
    ...(context ? { context } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
  };
}

/** Users write `~/.kube/x` in settings as they would in a shell. */
function expandHome(path: string): string {
  if (path === '~' || path.startsWith('~/')) return (process.env.HOME ?? '') + path.slice(1);
  return path;
}

export function affectsCluster(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('flokoa.cluster');
}
