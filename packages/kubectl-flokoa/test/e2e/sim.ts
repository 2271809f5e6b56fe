// A cluster-sim for one test file: the gitops fixtures and RBAC applied, a kubeconfig on disk with
// the admin context and one context per user of fixtures/users.csv.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClusterSim, parseUsersFile } from '@flokoa/cluster-sim';
import { FIXTURES } from './kubectl.js';

export type Sim = Awaited<ReturnType<typeof startClusterSim>>;

export interface TestCluster {
  sim: Sim;
  kubeconfig: string;
  /** Env for kubectl: KUBECONFIG pointing at the sim. */
  env: NodeJS.ProcessEnv;
  /** Resource requests the sim has served so far. */
  requests(): number;
  stop(): Promise<void>;
}

export async function startTestCluster(
  opts: { fixtures?: string[]; timeScale?: number; readyDelayMs?: number; apiGeneration?: string } = {},
): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kf-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await startClusterSim({
    port: 0,
    kubeconfigPath: kubeconfig,
    fixtures: opts.fixtures ?? [join(FIXTURES, 'gitops'), join(FIXTURES, 'rbac.yaml')],
    users: parseUsersFile(readFileSync(join(FIXTURES, 'users.csv'), 'utf8')),
    ...(opts.timeScale ? { timeScale: opts.timeScale } : {}),
    ...(opts.readyDelayMs !== undefined ? { readyDelayMs: opts.readyDelayMs } : {}),
    ...(opts.apiGeneration ? { apiGeneration: opts.apiGeneration } : {}),
  });
  return {
    sim,
    kubeconfig,
    env: { KUBECONFIG: kubeconfig },
    requests: () => sim.requests.count,
    stop: () => sim.stop(),
  };
}
