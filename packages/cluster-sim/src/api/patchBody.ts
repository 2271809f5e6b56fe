// The body of a PATCH applied by its content type, and the preconditions of a DELETE.
import { badRequest, conflict, unsupportedMediaType } from '../errors.js';
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge.js';
import type { ResourceType } from '../resources.js';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** The object `current` with `patch` applied as its content type says (strategic merge only for built-in kinds). */
export function applyPatchOfType(t: ResourceType, current: KObject, contentType: string, patch: unknown): unknown {
  let patched: unknown;
  switch (contentType) {
    case PATCH_TYPES.json:
      patched = applyJsonPatch(current, patch);
      break;
    case PATCH_TYPES.merge:
      if (!isPlainObject(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      patched = applyMergePatch(current, patch);
      break;
    case PATCH_TYPES.strategic:
      if (!t.builtin) {
        throw unsupportedMediaType(
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      }
      patched = applyStrategicMergePatch(t.kind, current, patch);
      break;
    case PATCH_TYPES.apply:
      if (!isPlainObject(patch)) throw badRequest('apply patch must be an object');
      patched = t.builtin ? applyStrategicMergePatch(t.kind, current, patch) : applyMergePatch(current, patch);
      break;
    default:
      throw unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${t.builtin ? ', application/strategic-merge-patch+json' : ''}`,
      );
  }
  return patched;
}

/** A DELETE's preconditions against the stored object: a mismatch is a 409 as on a real server. */
export function checkPreconditions(t: ResourceType, name: string, old: KObject, pre: { resourceVersion?: string; uid?: string }): void {
  if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      t.group,
      t.plural,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
    );
  }
  if (pre.uid && pre.uid !== old.metadata.uid) {
    throw conflict(
      t.group,
      t.plural,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
}
