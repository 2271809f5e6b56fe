// What every command receives: its arguments, flags, output, and a lazily created API client.
import type { Flags } from './argv.js';
import type { Output } from './output.js';
import { KubeClient, loadConnection, parseDuration, type Connection, type ConnectionFlags } from '@flokoa/kube';

export interface CommandContext {
  args: string[];
  flags: Flags;
  io: Output;
  /** The command line as typed after `kubectl` (the default change cause). */
  commandLine: string;
  /** Resolves kubeconfig and flags; throws a UsageError on a bad configuration. */
  connection(): Connection;
  client(): KubeClient;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

export function connectionFlags(flags: Flags): ConnectionFlags {
  const f: ConnectionFlags = {};
  const s = (n: string) => {
    const v = flags.string(n);
    return v === '' ? undefined : v;
  };
  f.kubeconfig = s('kubeconfig');
  f.context = s('context');
  f.cluster = s('cluster');
  f.user = s('user');
  f.server = s('server');
  f.token = s('token');
  f.namespace = s('namespace');
  const rt = s('request-timeout');
  if (rt !== undefined) f.requestTimeoutMs = parseDuration(rt, '--request-timeout');
  if (flags.bool('insecure-skip-tls-verify')) f.insecureSkipTlsVerify = true;
  return f;
}

export function createContext(
  args: string[],
  flags: Flags,
  io: Output,
  commandLine: string,
  signal: AbortSignal,
): CommandContext & { dispose(): void } {
  let conn: Connection | undefined;
  let client: KubeClient | undefined;
  const connection = () => (conn ??= loadConnection(connectionFlags(flags)));
  return {
    args,
    flags,
    io,
    commandLine,
    signal,
    connection,
    client: () => (client ??= new KubeClient(connection(), { signal })),
    dispose: () => client?.close(),
  };
}
