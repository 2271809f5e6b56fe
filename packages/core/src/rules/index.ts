// The registry: every rule, in the order their findings are listed.
import type { AnyRule } from './types.js';
import { syntax, yamlLimits } from './parserRules.js';
import { schemaType, schemaRequired, schemaEnum, schemaPattern, schemaRange, schemaUnknownField, schemaOneOf } from './schemaRules.js';
import { unknownKind, unservedVersion } from './kindRules.js';
import { apiGenerationMismatch, unknownApi } from './apiRules.js';
import { invalidName } from './invalidName.js';
import { unresolvedReference } from './unresolvedReference.js';
import { missingSecret, missingConfigMap, missingService, missingServiceAccount } from './missingExternal.js';
import { missingSecretKey, missingConfigMapKey } from './missingKey.js';
import { duplicateResource } from './duplicateResource.js';
import { imageLatest } from './imageLatest.js';
import { missingResources } from './missingResources.js';
import { missingProbe } from './missingProbe.js';
import { probePortMismatch } from './probePortMismatch.js';
import { replicasWithoutAntiAffinity, antiAffinitySelectorMismatch } from './antiAffinity.js';
import { literalSecretEnv } from './literalSecretEnv.js';
import { crossEnvironmentReference } from './crossEnvironment.js';
import { unusedResource } from './unusedResource.js';
import { clusterDrift } from './clusterDrift.js';
import { limitRangeViolation } from './limitRangeViolation.js';
import { quotaNeedsResources } from './quotaNeedsResources.js';
import { quotaExceeded, quotaRolloutStall } from './quotaExceeded.js';
import { pullSecretElsewhere } from './pullSecretElsewhere.js';
import { rbacMissingRead } from './rbacMissingRead.js';
import { rbacWildcard } from './rbacWildcard.js';
import { kustomizeNameReference } from './kustomizeNameReference.js';
import { kustomizeImageUnused } from './kustomizeImageUnused.js';
import { kustomizeBuild, renderOffline } from './renderingIssues.js';
import { fluxSourceNamespace, fluxTenantClusterScoped, fluxServiceAccount } from './fluxTenancy.js';

export type { Rule, AnyRule, RenderingRule, RuleContext, RenderingContext, Report } from './types.js';
export { imageTag } from './imageLatest.js';
export { referenceRule, referenceSeverity, type ReferenceProblem } from './referencePolicy.js';

export const ALL_RULES: readonly AnyRule[] = [
  syntax,
  yamlLimits,
  unknownKind,
  unservedVersion,
  unknownApi,
  apiGenerationMismatch,
  invalidName,
  schemaType,
  schemaRequired,
  schemaEnum,
  schemaPattern,
  schemaRange,
  schemaUnknownField,
  schemaOneOf,
  unresolvedReference,
  missingSecret,
  missingConfigMap,
  missingService,
  missingServiceAccount,
  missingSecretKey,
  missingConfigMapKey,
  duplicateResource,
  imageLatest,
  missingResources,
  missingProbe,
  probePortMismatch,
  replicasWithoutAntiAffinity,
  antiAffinitySelectorMismatch,
  literalSecretEnv,
  crossEnvironmentReference,
  unusedResource,
  clusterDrift,
  limitRangeViolation,
  quotaNeedsResources,
  quotaExceeded,
  quotaRolloutStall,
  pullSecretElsewhere,
  rbacMissingRead,
  rbacWildcard,
  kustomizeNameReference,
  kustomizeImageUnused,
  kustomizeBuild,
  renderOffline,
  fluxSourceNamespace,
  fluxTenantClusterScoped,
  fluxServiceAccount,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): AnyRule | undefined {
  return BY_ID.get(id);
}
