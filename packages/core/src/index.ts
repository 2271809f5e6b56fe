// @flokoa/core: pure analysis of Flokoa YAML. Text in, data out; no I/O, no protocol types.
export * from './model.js';
export * from './kinds.js';
export { parentPointer, valueAt } from './pointer.js';
export { escapeSegment, joinPointer, splitPointer } from './schema/pointer.js';
export { DocCore, DocSourceMap, EMPTY_SOURCE_MAP, spanAt, allPointers } from './sourcemap.js';
export * from './parse.js';
export { readFastYaml, type FastDoc } from './fastYaml.js';
export * from './settings.js';
export {
  kustomizationOf,
  KustomizationIndex,
  effectiveNamespace,
  describeNamespaceSource,
  entryCovers,
  type Kustomization,
} from './namespaces.js';
export { resourcesFromObject, isTracked, dataKeysOf, keyOf, labelsOf, type ResourceOrigin } from './resources.js';
export { agentPod, agentPodOf, AGENT_LABEL, type AgentPod } from './agentPod.js';
export {
  REFERENCE_SPECS,
  referencesOf,
  specsTo,
  specsFrom,
  matchesRefPath,
  referenceFieldAt,
  type RefSpec,
  type Reference,
} from './references.js';
export { resolve, chainOf, type ResourceLookup, type Resolution, type ChainNode } from './resolve.js';
export { Workspace, type NamespaceInfo, type ResourceFilter } from './workspace.js';
export { Renderings, RenderedSourceMap, locateOrigin, type RenderRoot, type RenderDelta, type RenderFiles } from './renderings.js';
export { renderingLabel } from './renderingLabel.js';
export { analyzeFile, severityOf, rangeOf } from './analyze.js';
export { suppressions, isSuppressed } from './suppress.js';
export {
  ALL_RULES,
  ruleById,
  imageTag,
  type Rule,
  type AnyRule,
  type RenderingRule,
  type RuleContext,
  type Report,
} from './rules/index.js';
export * from './schema/index.js';
export {
  renderKustomization,
  renderFluxKustomization,
  isFluxKustomization,
  resolveFluxPath,
  FLUX_KUSTOMIZE_GROUP,
  type FluxOptions,
  type RenderHost,
  type RenderResult,
  type RenderedObject,
  type RenderIssue,
} from './render/index.js';
export * from './admission/index.js';
