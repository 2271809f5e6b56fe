// cluster-sim's command line: serves the simulated API on 127.0.0.1, writes a kubeconfig,
// applies fixtures, prints the URL as the first line of stdout and runs until SIGINT/SIGTERM.

import { readFileSync } from 'node:fs';
import { API_GENERATIONS, apiById } from '@flokoa/core';
import { parseUsersFile, startClusterSim } from './index.js';
import type { ClusterSimOptions, FaultConfig, UserEntry } from './index.js';

const USAGE = `Usage: cluster-sim --kubeconfig FILE [options]

Serve a simulated Kubernetes API server on 127.0.0.1 with a simulated Flokoa operator.

Options:
  --port N              port to listen on (default 0: any free port)
  --kubeconfig FILE     write a kubeconfig (context sim-admin, plus one per user) to FILE
  --fixture PATH        YAML file or folder to apply at start (repeatable, applied in name order)
  --users FILE          lines of token,user,group1|group2 to authenticate as
  --time-scale N        simulated time runs N times faster (default 1)
  --ready-delay MS      simulated milliseconds until a pod is Ready (default 2000)
  --latency MS          add latency to every resource request
  --error-rate R        answer a share R (0..1) of resource requests with 500
  --throttle-rate R     answer a share R (0..1) of resource requests with 429 + Retry-After
  --forbidden-rate R    answer a share R (0..1) of resource requests with 403 Forbidden
  --hang                accept resource requests and never answer them
  --watch-timeout S     close every watch after S seconds
  --silent-watches      answer watches and then send nothing on them, not even bookmarks
  --token-ttl MS        accept each user's token (not the admin's) for MS milliseconds from its first
                        use, then answer 401 Unauthorized, as an expired short-lived token
  --expire-rv           expire resourceVersions: resuming a watch from an older version gets 410 Gone
  --api-generation ID   the Flokoa operator release to simulate: 2026-01 (default, the API the docs
                        describe) or 2026-06 (modelRef, flat runtime, Capability)
  --strict-fixtures     exit when the API refuses a fixture object (default: warn and skip it,
                        as kubectl apply -f DIR goes on with the rest)
  -h, --help            show this help
`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

type CliOptions = ClusterSimOptions & { usersFile?: string; strictFixtures?: boolean };

/** The faults set by a number: flag → the FaultConfig field, and the range it takes. */
const NUMERIC_FAULTS: Record<string, [keyof FaultConfig, number, number]> = {
  '--latency': ['latencyMs', 0, Infinity],
  '--error-rate': ['errorRate', 0, 1],
  '--throttle-rate': ['throttleRate', 0, 1],
  '--forbidden-rate': ['forbiddenRate', 0, 1],
  '--token-ttl': ['tokenTtlMs', 0, Infinity],
  '--watch-timeout': ['watchTimeoutSeconds', 0, Infinity],
};

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { fixtures: [] };
  const faults: FaultConfig = {};
  const num = (flag: string, v: string | undefined, min = 0, max = Infinity): number => {
    const n = Number(v);
    if (v === undefined || v === '' || !Number.isFinite(n) || n < min || n > max)
      fail(`${flag} needs a number${max !== Infinity ? ` between ${min} and ${max}` : ` >= ${min}`}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (): string | undefined => value ?? argv[++i];
    switch (arg) {
      case '-h':
      case '--help':
        process.stdout.write(USAGE);
        return process.exit(0);
      case '--port':
        opts.port = num(arg, next(), 0, 65535);
        break;
      case '--kubeconfig':
        opts.kubeconfigPath = next() ?? fail('--kubeconfig needs a file');
        break;
      case '--fixture':
        opts.fixtures!.push(next() ?? fail('--fixture needs a path'));
        break;
      case '--users':
        opts.usersFile = next() ?? fail('--users needs a file');
        break;
      case '--time-scale':
        opts.timeScale = num(arg, next(), Number.MIN_VALUE);
        break;
      case '--ready-delay':
        opts.readyDelayMs = num(arg, next());
        break;
      case '--hang':
        faults.hang = true;
        break;
      case '--silent-watches':
        faults.silentWatches = true;
        break;
      case '--expire-rv':
        faults.expireResourceVersions = true;
        break;
      case '--api-generation': {
        const id = next() ?? fail('--api-generation needs an id');
        if (!apiById(id)) fail(`unknown API generation "${id}" (expected one of: ${API_GENERATIONS.map((a) => a.id).join(', ')})`);
        opts.apiGeneration = id;
        break;
      }
      case '--strict-fixtures':
        opts.strictFixtures = true;
        break;
      default: {
        const fault = NUMERIC_FAULTS[arg] ?? fail(`unknown flag: ${arg} (see --help)`);
        (faults as Record<string, number>)[fault[0]] = num(arg, next(), fault[1], fault[2]);
      }
    }
  }
  opts.faults = faults;
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  let users: UserEntry[] = [];
  if (opts.usersFile) {
    let text: string;
    try {
      text = readFileSync(opts.usersFile, 'utf8');
    } catch {
      fail(`cannot read users file ${opts.usersFile}`);
    }
    try {
      users = parseUsersFile(text);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const { usersFile: _u, strictFixtures, ...simOpts } = opts;
  let sim;
  try {
    sim = await startClusterSim({
      ...simOpts,
      users,
      ...(strictFixtures
        ? {}
        : { onFixtureError: (message: string) => process.stderr.write(`cluster-sim: warning: skipped ${message}\n`) }),
      // A real controller logs and retries; here one line on stderr tells a demo user what went wrong.
      onControllerError: (key, err) =>
        process.stderr.write(
          `cluster-sim: controller error on ${key}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
        ),
    });
  } catch (e) {
    fail((e as Error).message.split('\n')[0]);
  }
  process.stdout.write(`${sim.url}\n`);
  if (sim.kubeconfigPath)
    process.stderr.write(
      `cluster-sim: kubeconfig written to ${sim.kubeconfigPath} (contexts: sim-admin${users.map((u) => `, ${u.user}`).join('')})\n`,
    );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
