// @flokoa/core: pure analysis of Flokoa YAML. Text in, data out; no I/O, no protocol types.
export * from './model.js';
export * from './kinds.js';
export { parentPointer, valueAt, dottedPath } from './pointer.js';
export { escapeSegment, joinPointer, splitPointer } from './schema/pointer.js';
export { DocCore } from './docCore.js';
export { DocSourceMap, EMPTY_SOURCE_MAP } from './sourcemap.js';
export { spanAt, allPointers } from './yamlSpans.js';
export * from './parse.js';
export { readFastYaml, type FastDoc } from './fastYaml.js';
export { YAML_OPTIONS } from './yamlDocument.js';
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
export { agentPod, agentPodOf, allows, AGENT_LABEL, type AgentPod } from './api/agentPod.js';
export * from './api/types.js';
export { API_GENERATIONS, NEWEST_API, apiById, kindOf } from './api/index.js';
export { chooseApi, type ChoiceContext } from './api/choose.js';
export { markersIn, prepareMarkers } from './api/markers.js';
export { isPlainObject } from './schema/structural.js';
export { inferReferences, targetKind, type KnownKind, type Inferred } from './api/infer.js';
export { verdictOf } from './api/verdict.js';
export { digestOfCrd, fieldsOf, schemaOfFields, formatDigest, type ApiDigest, type KindDigest, type FieldFacts } from './api/digest.js';
export { RUNNER_IMAGE_REPOSITORY, DEFAULT_RUNNER_VERSION } from './api/generation-2026-06.js';
export { TEMPLATE_RUNTIME_IMAGE } from './api/generation-2026-01.js';
export {
  ALL_REFERENCE_SPECS,
  referencesOf,
  specsOf,
  specsTo,
  specsFrom,
  matchesRefPath,
  referenceFieldAt,
  type RefSpec,
  type Reference,
} from './references.js';
export { resolve, chainOf, type ResourceLookup, type Resolution, type ChainNode } from './resolve.js';
export { Workspace } from './workspace.js';
export type { NamespaceInfo, ResourceFilter } from './resourceIndex.js';
export { Renderings, RenderedSourceMap, locateOrigin, type RenderRoot, type RenderDelta, type RenderFiles } from './renderings.js';
export { renderingLabel } from './renderingLabel.js';
export { loadRenderInputs } from './loadInputs.js';
export { analyzeFile, severityOf, rangeOf, locationOf } from './analyze.js';
export type { DocFindings, FileAnalysis } from './docRecord.js';
export { silencedOn } from './suppress.js';
export { fact, RecordingReader, SharedMemos, type IndexReader } from './facts.js';
export {
  ALL_RULES,
  ruleById,
  imageTag,
  referenceRule,
  referenceSeverity,
  type ReferenceProblem,
  type Rule,
  type AnyRule,
  type RenderingRule,
  type RuleContext,
  type Report,
} from './rules/index.js';
export { selectsLabels } from './rules/antiAffinity.js';
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
export { compileJsonPath, jsonPathValues, JsonPathError } from './jsonpath.js';
