// What the steps of the one code-server session share (workbench.test.ts sets it up; steps run in
// the order they are registered, each building on the state the previous ones left).
import type { ClusterSim } from '../clusterSim.js';
import type { Workbench } from '../workbench.js';

export interface Session {
  /** Registers a step: a user's action and what they should see; on failure a screenshot is kept. */
  uiTest(name: string, fn: (wb: Workbench) => Promise<void>, timeout?: number): void;
  /** The run's scratch folder (the workspace copy is its `workspace/`). */
  readonly work: string;
  readonly cluster: ClusterSim;
}

/** A rollout in cluster-sim takes seconds; the cap only bounds a hang. */
export const ROLLOUT_TIMEOUT = 120_000;

/** The Agents view's pane. */
export function agentsView(wb: Workbench) {
  return wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /agents/i }) });
}
