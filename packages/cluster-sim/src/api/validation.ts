// The validations of built-in types that clients depend on (names, required container fields,
// Deployment selector vs template labels), with the API server's field paths and messages.

import { readPodSpec, requestsOverLimits } from '@flokoa/core';
import type { FieldError } from '../errors.js';
import type { KObject } from '../object.js';
import { isPlainObject } from '../object.js';
import { nameError } from '../names.js';
import { fromLabelSelectorObject, matchesLabels } from '../selectors.js';

type Obj = Record<string, unknown>;

const LABEL_NAMED = new Set(['Namespace', 'Service']);
const PATH_SEGMENT_NAMED = new Set(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

function pathSegmentError(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be '${name}'`;
  if (/[/%]/.test(name)) return `may not contain '${name.includes('/') ? '/' : '%'}'`;
  return undefined;
}

export function validateMetadata(kind: string, o: KObject): FieldError[] {
  const name = o.metadata.name;
  if (!name) return [{ field: 'metadata.name', reason: 'FieldValueRequired', detail: 'Required value: name or generateName is required' }];
  // RBAC objects only need a valid path segment (system:basic-user), as in the real validation.
  const err = kind === 'Event' ? undefined : PATH_SEGMENT_NAMED.has(kind) ? pathSegmentError(name) : nameError(name, LABEL_NAMED.has(kind));
  return err ? [{ field: 'metadata.name', reason: 'FieldValueInvalid', detail: `Invalid value: ${JSON.stringify(name)}: ${err}` }] : [];
}

function validateContainers(spec: Obj, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const cs = spec.containers;
  if (!Array.isArray(cs) || cs.length === 0) {
    return [{ field: `${base}.containers`, reason: 'FieldValueRequired', detail: 'Required value' }];
  }
  const seen = new Set<string>();
  cs.forEach((c, i) => {
    const at = `${base}.containers[${i}]`;
    if (!isPlainObject(c)) return;
    if (typeof c.name !== 'string' || c.name === '')
      errors.push({ field: `${at}.name`, reason: 'FieldValueRequired', detail: 'Required value' });
    else if (seen.has(c.name))
      errors.push({ field: `${at}.name`, reason: 'FieldValueDuplicate', detail: `Duplicate value: ${JSON.stringify(c.name)}` });
    else seen.add(c.name);
    if (typeof c.image !== 'string' || c.image.trim() === '')
      errors.push({ field: `${at}.image`, reason: 'FieldValueRequired', detail: 'Required value' });
  });
  for (const o of requestsOverLimits(readPodSpec(spec)))
    errors.push({ field: `${base}.${o.field}`, reason: 'FieldValueInvalid', detail: o.detail });
  return errors;
}

function validateWorkload(o: KObject): FieldError[] {
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const errors: FieldError[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errors.push({
      field: 'spec.replicas',
      reason: 'FieldValueInvalid',
      detail: `Invalid value: ${spec.replicas}: must be greater than or equal to 0`,
    });
  }
  const tpl = isPlainObject(spec.template) ? spec.template : {};
  const labels = isPlainObject(tpl.metadata) && isPlainObject(tpl.metadata.labels) ? (tpl.metadata.labels as Record<string, string>) : {};
  if (!isPlainObject(spec.selector)) {
    errors.push({ field: 'spec.selector', reason: 'FieldValueRequired', detail: 'Required value' });
  } else {
    const sel = fromLabelSelectorObject(spec.selector);
    if (sel.length === 0)
      errors.push({
        field: 'spec.selector',
        reason: 'FieldValueInvalid',
        detail: 'Invalid value: "null": empty selector is invalid for deployment',
      });
    else if (!matchesLabels(sel, labels)) {
      const shown = `map[string]string{${Object.entries(labels)
        .map(([k, v]) => `"${k}":"${v}"`)
        .join(', ')}}`;
      errors.push({
        field: 'spec.template.metadata.labels',
        reason: 'FieldValueInvalid',
        detail: `Invalid value: ${shown}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  errors.push(...validateContainers(isPlainObject(tpl.spec) ? tpl.spec : {}, 'spec.template.spec'));
  return errors;
}

export function validateBuiltin(kind: string, o: KObject): FieldError[] {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return validateWorkload(o);
    case 'Pod':
      return validateContainers(isPlainObject(o.spec) ? o.spec : {}, 'spec');
    case 'PodDisruptionBudget': {
      const spec = isPlainObject(o.spec) ? o.spec : {};
      if (spec.minAvailable === undefined || spec.maxUnavailable === undefined) return [];
      const detail = `Invalid value: ${JSON.stringify(spec)}: minAvailable and maxUnavailable cannot be both set`;
      return [{ field: 'spec', reason: 'FieldValueInvalid', detail }];
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = o.roleRef;
      if (!isPlainObject(ref) || !ref.name) return [{ field: 'roleRef.name', reason: 'FieldValueRequired', detail: 'Required value' }];
      if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') {
        return [
          {
            field: 'roleRef.kind',
            reason: 'FieldValueNotSupported',
            detail: `Unsupported value: ${JSON.stringify(ref.kind)}: supported values: "Role", "ClusterRole"`,
          },
        ];
      }
      return [];
    }
    default:
      return [];
  }
}
