// @flokoa/kubectl-flokoa as a library: the cluster operations behind `kubectl flokoa`, for the
// VS Code extension (no second implementation of patching, rollouts or reference checks). The
// client they run on is @flokoa/kube.
export { validateImageReference, parseImageReference, formatImageReference, type ImageReference, type ImageValidation } from './image.js';
export { imageLocation, noImageReason, templateImage, IMAGE_POINTERS, type ImageLocation } from './agentImage.js';
export { patchImage, buildImagePatch, readAgent, CHANGE_CAUSE, type PatchImageOptions, type PatchImageResult } from './patchImage.js';
export { rolloutStatus, isFinal, type RolloutEvent, type RolloutStatusOptions } from './rollout/status.js';
export {
  evaluateRollout,
  deploymentStatus,
  podProblems,
  WAITING_FAILURES,
  formatPodProblem,
  type PodProblem,
  type Verdict,
} from './rollout/evaluate.js';
export { watchAgentState, type AgentState } from './rollout/agentState.js';
export { restartAgent, type RestartEvent, type RestartOptions } from './rollout/restart.js';
export { history, undo, revisionsOf, type Revision, type UndoOptions, type UndoResult } from './rollout/history.js';
export { refsTree, refsFromLookup, parseTarget, serviceAccountOf, type ClusterRefsOptions, type RefsTarget } from './refs/refsTree.js';
export { reverseRefs, reverseInFiles, dependentsIn, type ReverseReport, type DependentNode } from './refs/reverse.js';
export { checkRbac, missingGrants, grantManifests, type Grant } from './refs/rbac.js';
export { loadManifests, manifestFiles } from './refs/files.js';
export type { RefsReport, RootRefs, RefNode, NodeState, RbacCheck } from './refs/model.js';
export { renderRefs, renderReverse, type RefsFormat } from './render/refs.js';
export { viewRows, podSummary, type ViewRow } from './render/rolloutView.js';
