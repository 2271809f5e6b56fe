// SelfSubjectAccessReview, SubjectAccessReview and LocalSubjectAccessReview: answered by the
// same authorizer that guards every request, never stored.

import type { UserInfo } from '../auth.js';
import { badRequest } from '../errors.js';
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';
import type { Attributes, Authorizer } from '../rbac.js';

function attributesOf(spec: Record<string, unknown>, namespace?: string): Attributes {
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  if (isPlainObject(ra)) {
    return {
      verb: String(ra.verb ?? ''),
      group: String(ra.group ?? ''),
      resource: String(ra.resource ?? ''),
      subresource: String(ra.subresource ?? ''),
      namespace: namespace ?? String(ra.namespace ?? ''),
      name: String(ra.name ?? ''),
    };
  }
  if (isPlainObject(nra)) {
    return {
      verb: String(nra.verb ?? ''),
      group: '',
      resource: '',
      subresource: '',
      namespace: '',
      name: '',
      path: String(nra.path ?? ''),
    };
  }
  throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

/** Evaluates a review body and returns it with `status` filled in. */
export function answerReview(kind: string, body: KObject, requester: UserInfo, authz: Authorizer, namespace?: string): KObject {
  const spec = isPlainObject(body.spec) ? body.spec : {};
  if (kind === 'SelfSubjectRulesReview') {
    const rules = authz.rulesFor(requester, String(spec.namespace ?? ''));
    return {
      kind,
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null as unknown as string },
      spec,
      status: {
        resourceRules: rules
          .filter((r) => !r.nonResourceURLs)
          .map((r) => ({
            verbs: r.verbs ?? [],
            apiGroups: r.apiGroups ?? [],
            resources: r.resources ?? [],
            ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
          })),
        nonResourceRules: rules
          .filter((r) => r.nonResourceURLs)
          .map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs ?? [] })),
        incomplete: false,
      },
    };
  }
  let subject: UserInfo;
  if (kind === 'SelfSubjectAccessReview') subject = requester;
  else {
    if (typeof spec.user !== 'string' && !Array.isArray(spec.groups)) {
      throw badRequest(
        `${kind}.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified`,
      );
    }
    subject = { name: typeof spec.user === 'string' ? spec.user : '', groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] };
  }
  const attrs = attributesOf(spec, kind === 'LocalSubjectAccessReview' ? namespace : undefined);
  const decision = authz.authorize(subject, attrs);
  return {
    kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null as unknown as string, ...(namespace ? { namespace } : {}) },
    spec,
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  };
}
