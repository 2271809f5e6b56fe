// What the API server itself does with a CustomResourceDefinition: validates its names and
// versions, and reports it accepted and established.
import type { FieldError } from '../errors.js';
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';

/** The status a CRD gets once its names are accepted (conditions stamped with `now`). */
export function crdStatus(obj: KObject, now: string): Record<string, unknown> {
  const accepted = isPlainObject(obj.spec) ? obj.spec.names : undefined;
  return {
    conditions: [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: now,
      },
    ],
    acceptedNames: accepted,
    storedVersions: Array.isArray((obj.spec as { versions?: unknown[] }).versions)
      ? (obj.spec as { versions: { name: string; storage?: boolean }[] }).versions.filter((v) => v.storage).map((v) => v.name)
      : [],
  };
}

/** A status without its conditions' transition times, to compare two statuses. */
export function stripTimes(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null, (k, x) => (k === 'lastTransitionTime' ? undefined : x)));
}

export function validateCrd(o: KObject): FieldError[] {
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const errors: FieldError[] = [];
  if (typeof spec.group !== 'string' || !spec.group)
    errors.push({ field: 'spec.group', reason: 'FieldValueRequired', detail: 'Required value' });
  if (typeof names.plural !== 'string' || !names.plural)
    errors.push({ field: 'spec.names.plural', reason: 'FieldValueRequired', detail: 'Required value' });
  if (typeof names.kind !== 'string' || !names.kind)
    errors.push({ field: 'spec.names.kind', reason: 'FieldValueRequired', detail: 'Required value' });
  if (errors.length === 0 && o.metadata.name !== `${names.plural}.${spec.group}`) {
    errors.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      detail: `Invalid value: ${JSON.stringify(o.metadata.name)}: must be spec.names.plural+"."+spec.group`,
    });
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    errors.push({
      field: 'spec.versions',
      reason: 'FieldValueInvalid',
      detail: 'Invalid value: null: must have exactly one version marked as storage version',
    });
  }
  return errors;
}
