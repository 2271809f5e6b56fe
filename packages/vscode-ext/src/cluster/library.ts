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
  describeError,
  AGENT,
  objectPath,
  EVENT,
  collectionPath,
  type KindRef,
} from '@flokoa/kube';
export {
  patchImage,
  type PatchImageResult,
  imageLocation,
  templateImage,
  validateImageReference,
  evaluateRollout,
  podProblems,
  WAITING_FAILURES,
  history,
  type Revision,
  rolloutStatus,
  isFinal,
  type RolloutEvent,
  undo,
} from '@flokoa/kubectl-flokoa';
