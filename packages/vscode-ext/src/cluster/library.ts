// The plugin's cluster library (and the client it runs on) as the extension uses it: one import
// site, so patching, rollout judgement, kubeconfig handling and error wording have a single
// implementation (kubectl-flokoa's and @flokoa/kube's).
export {
  KubeClient,
  ACCEPT_METADATA,
  ACCEPT_METADATA_LIST,
  type KObject,
  loadConnection,
  contextNames,
  observe,
  KubeApiError,
  AGENT,
  objectPath,
  collectionPath,
  type KindRef,
} from '@flokoa/kube';
export { patchImage, type PatchImageResult, imageLocation, validateImageReference, rolloutStatus, isFinal, type RolloutEvent } from '@flokoa/kubectl-flokoa';
import { describeError as describeKubeError } from '@flokoa/kube';

/** One line for any failure of a cluster operation (the plugin's wording, which users know from the CLI). */
export function describeError(e: unknown): string {
  // The plugin's own domain errors carry a message written for users already.
  if (e instanceof Error && (e.name === 'ConcurrentEditError' || e.name === 'ReportedFailure')) return e.message;
  return describeKubeError(e);
}
