// Kubeconfig loading with kubectl's precedence: --kubeconfig, else every file of $KUBECONFIG merged
// (the first file to set a name wins), else ~/.kube/config; then --context/--cluster/--user/--server/
// --token/-n override the chosen context. The parsing of entries is @kubernetes/client-node's.
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { newClusters, newContexts, newUsers, type Cluster, type Context, type User } from './clientNode.js';
import { UsageError } from './errors.js';
import { noteSecret } from './secrets.js';

/** The connection flags kubectl shares across commands. */
export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  namespace?: string;
  /** Milliseconds, 0 = no timeout (kubectl's default). */
  requestTimeoutMs?: number;
  insecureSkipTlsVerify?: boolean;
}

/** Everything needed to talk to one API server as one user. */
export interface Connection {
  contextName: string;
  server: string;
  namespace: string;
  /** Whether the namespace was chosen by -n (errors name it differently). */
  namespaceExplicit: boolean;
  cluster: Cluster;
  user: User;
  requestTimeoutMs: number;
}

interface RawConfig {
  'current-context'?: string;
  clusters?: unknown[];
  contexts?: unknown[];
  users?: unknown[];
}

export function kubeconfigPaths(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): string[] {
  if (flags.kubeconfig) return [flags.kubeconfig];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((p) => p !== '');
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

function readConfigFile(path: string, mustExist: boolean): RawConfig | undefined {
  if (!existsSync(path)) {
    if (mustExist) throw new UsageError(`stat ${path}: no such file or directory`);
    return undefined;
  }
  let value: unknown;
  try {
    value = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`error loading config file "${path}": ${(e as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`error loading config file "${path}": not a kubeconfig (expected a mapping)`);
  }
  return absolutizePaths(value as RawConfig, dirname(path));
}

// kubectl resolves relative file references against the directory of the kubeconfig that holds them.
function absolutizePaths(cfg: RawConfig, dir: string): RawConfig {
  const fix = (entries: unknown[] | undefined, field: 'cluster' | 'user', keys: string[]) => {
    for (const e of entries ?? []) {
      const inner = (e as Record<string, Record<string, unknown>> | null)?.[field];
      if (!inner || typeof inner !== 'object') continue;
      for (const k of keys) {
        const v = inner[k];
        if (typeof v === 'string' && v !== '' && !isAbsolute(v)) inner[k] = join(dir, v);
      }
    }
  };
  fix(cfg.clusters, 'cluster', ['certificate-authority']);
  fix(cfg.users, 'user', ['client-certificate', 'client-key', 'tokenFile']);
  return cfg;
}

function mergeByName(target: Map<string, unknown>, entries: unknown[] | undefined): void {
  for (const e of entries ?? []) {
    const name = (e as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && !target.has(name)) target.set(name, e);
  }
}

/** Resolves the connection for these flags; throws UsageError with kubectl-like wording. */
export function loadConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Connection {
  const paths = kubeconfigPaths(flags, env);
  const clusters = new Map<string, unknown>();
  const contexts = new Map<string, unknown>();
  const users = new Map<string, unknown>();
  let currentContext = '';
  for (const p of paths) {
    const cfg = readConfigFile(p, Boolean(flags.kubeconfig));
    if (!cfg) continue;
    mergeByName(clusters, cfg.clusters);
    mergeByName(contexts, cfg.contexts);
    mergeByName(users, cfg.users);
    if (!currentContext && typeof cfg['current-context'] === 'string') currentContext = cfg['current-context'];
  }
  const parse = <T>(fn: (a: unknown, o: { onInvalidEntry: 'filter' }) => T[], m: Map<string, unknown>): T[] =>
    fn([...m.values()], { onInvalidEntry: 'filter' });
  const clusterList = parse(newClusters, clusters);
  const contextList = parse(newContexts, contexts);
  const userList = parse(newUsers, users);

  const contextName = flags.context || currentContext;
  let ctx: Context | undefined;
  if (contextName) {
    ctx = contextList.find((c) => c.name === contextName);
    if (!ctx && flags.context) throw new UsageError(`context "${flags.context}" does not exist`);
  }
  const clusterName = flags.cluster || ctx?.cluster;
  const userName = flags.user || ctx?.user;
  let cluster = clusterName ? clusterList.find((c) => c.name === clusterName) : undefined;
  if (clusterName && !cluster && flags.cluster) throw new UsageError(`no server found for cluster "${flags.cluster}"`);
  let user: User | undefined = userName ? userList.find((u) => u.name === userName) : undefined;
  if (userName && !user && flags.user) throw new UsageError(`auth info "${flags.user}" does not exist`);

  if (flags.server) cluster = { ...(cluster ?? { name: 'flag', skipTLSVerify: false }), server: flags.server };
  if (flags.insecureSkipTlsVerify && cluster) cluster = { ...cluster, skipTLSVerify: true };
  if (!cluster) {
    throw new UsageError(
      paths.some((p) => existsSync(p))
        ? `no cluster is selected: the kubeconfig has no current context (use --context or --server)`
        : 'no configuration has been provided, try setting KUBECONFIG, --kubeconfig or --server',
    );
  }
  // A --token replaces the user's credentials, as kubectl does (client certificates stay).
  if (flags.token)
    user = {
      name: user?.name ?? 'token',
      certData: user?.certData,
      certFile: user?.certFile,
      keyData: user?.keyData,
      keyFile: user?.keyFile,
      token: flags.token,
    };
  const namespace = flags.namespace || ctx?.namespace || 'default';
  const { server, basic } = splitUserinfo(cluster.server);
  // Userinfo in the server URL is Basic auth (as Go's HTTP client sends it) unless the user has credentials.
  if (basic && !user?.token && !user?.password && !user?.exec) user = { ...(user ?? { name: 'userinfo' }), ...basic };
  noteSecret(user?.token);
  noteSecret(user?.password);
  return {
    contextName: contextName || '',
    server: server.replace(/\/+$/, ''),
    namespace,
    namespaceExplicit: Boolean(flags.namespace),
    cluster,
    user: user ?? { name: 'anonymous' },
    requestTimeoutMs: flags.requestTimeoutMs ?? 0,
  };
}

/** The server URL without its userinfo, which becomes credentials: `server` is shown in messages and views. */
function splitUserinfo(server: string): { server: string; basic?: { username: string; password: string } } {
  const at = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(server);
  if (!at) return { server };
  const [user, pass = ''] = at[2]!.split(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  noteSecret(decode(pass));
  return { server: at[1]! + server.slice(at[0].length), basic: { username: decode(user!), password: decode(pass) } };
}

/** Context names of the merged kubeconfig (completion). */
export function contextNames(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): string[] {
  const names: string[] = [];
  for (const p of kubeconfigPaths(flags, env)) {
    try {
      const cfg = readConfigFile(p, false);
      for (const c of cfg?.contexts ?? []) {
        const n = (c as { name?: unknown } | null)?.name;
        if (typeof n === 'string' && !names.includes(n)) names.push(n);
      }
    } catch {
      // Completion must stay quiet about broken kubeconfigs; the command itself reports them.
    }
  }
  return names;
}

/** kubectl's duration syntax for --request-timeout/--timeout: "0", "30" (seconds), "1m30s", "500ms". */
export function parseDuration(text: string, flag: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) {
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: a duration like 30s, 2m or 1h30m`);
  }
  return Math.round(total);
}
