// cluster-sim, the project's simulated Kubernetes API server, started through its CLI as a user of
// the demo would, serving the fixture workspace's objects and writing a kubeconfig for the editor.
import { join } from 'node:path';
import { startAndWait, type Started } from './processes.js';

export interface ClusterSim extends Started {
  url: string;
  kubeconfig: string;
}

/** `fixtures`: Kubernetes YAML files to apply at start (cluster-sim rejects documents that are not objects). */
export async function startClusterSim(
  repoRoot: string,
  fixtures: string[],
  workDir: string,
  extraArgs: string[] = [],
): Promise<ClusterSim> {
  const kubeconfig = join(workDir, 'kubeconfig');
  const started = await startAndWait(
    process.execPath,
    [
      join(repoRoot, 'packages', 'cluster-sim', 'dist', 'cli.js'),
      '--port',
      '0',
      '--kubeconfig',
      kubeconfig,
      ...fixtures.flatMap((f) => ['--fixture', f]),
      '--ready-delay',
      '500',
      ...extraArgs,
    ],
    {
      name: 'cluster-sim',
      ready: /(https?:\/\/127\.0\.0\.1:\d+)[\s\S]*kubeconfig written/,
      logPath: join(workDir, 'cluster-sim.log'),
      timeoutMs: 30_000,
    },
  );
  return { ...started, url: started.match[1], kubeconfig };
}
