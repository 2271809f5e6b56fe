// Label and field selectors with the grammar of k8s.io/apimachinery/pkg/labels and /fields.

import { badRequest } from './errors.js';
import type { KObject } from './object.js';
import { getPath, isPlainObject } from './object.js';

export type Requirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export type Selector = Requirement[];

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

function checkKey(key: string, whole: string): string {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: ${whole}: invalid label key "${key}"`);
  return key;
}

export function parseLabelSelector(text: string | null | undefined): Selector {
  if (!text) return [];
  const reqs: Selector = [];
  for (const part of splitTop(text)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^!\s*(\S+)$/))) reqs.push({ key: checkKey(m[1], part), op: '!exists' });
    else if ((m = part.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
      reqs.push({ key: checkKey(m[1], part), op: m[2] as 'in' | 'notin', values });
    } else if ((m = part.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      reqs.push({ key: checkKey(m[1], part), op: m[2] === '!=' ? '!=' : '=', value: m[3] });
    } else if ((m = part.match(/^(\S+)$/))) reqs.push({ key: checkKey(m[1], part), op: 'exists' });
    else throw badRequest(`unable to parse requirement: found '${part}', expected: ',' or 'end of string'`);
  }
  return reqs;
}

export function matchesLabels(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case '=':
        return has && l[r.key] === r.value;
      case '!=':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
    }
  });
}

/** A metav1.LabelSelector (matchLabels / matchExpressions) as requirements. */
export function fromLabelSelectorObject(sel: unknown): Selector {
  if (!isPlainObject(sel)) return [];
  const reqs: Selector = [];
  if (isPlainObject(sel.matchLabels)) {
    for (const [key, value] of Object.entries(sel.matchLabels)) reqs.push({ key, op: '=', value: String(value) });
  }
  if (Array.isArray(sel.matchExpressions)) {
    for (const e of sel.matchExpressions) {
      if (!isPlainObject(e) || typeof e.key !== 'string') continue;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      switch (e.operator) {
        case 'In':
          reqs.push({ key: e.key, op: 'in', values });
          break;
        case 'NotIn':
          reqs.push({ key: e.key, op: 'notin', values });
          break;
        case 'Exists':
          reqs.push({ key: e.key, op: 'exists' });
          break;
        case 'DoesNotExist':
          reqs.push({ key: e.key, op: '!exists' });
          break;
      }
    }
  }
  return reqs;
}

/** The textual form kubectl shows in the SELECTOR column. */
export function formatSelector(sel: Selector): string {
  if (sel.length === 0) return '<none>';
  return sel
    .map((r) => {
      switch (r.op) {
        case 'exists':
          return r.key;
        case '!exists':
          return `!${r.key}`;
        case '=':
        case '!=':
          return `${r.key}${r.op}${r.value}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.op} (${r.values.join(',')})`;
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
/** Field labels each kind supports beyond metadata.name/namespace, as the real server does. */
const EXTRA_FIELDS: Record<string, string[]> = {
  '/events': [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  '/pods': ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP'],
  '/secrets': ['type'],
  '/namespaces': ['status.phase'],
  'apps/replicasets': ['status.replicas'],
};

export function parseFieldSelector(text: string | null | undefined, typeKey: string, kind: string): FieldRequirement[] {
  if (!text) return [];
  const allowed = [...COMMON_FIELDS, ...(EXTRA_FIELDS[typeKey] ?? [])];
  const out: FieldRequirement[] = [];
  for (const part of splitTop(text)) {
    const m = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${part}'; can't understand '${part}'`);
    const field = m[1].trim();
    if (!allowed.includes(field)) throw badRequest(`field label not supported: ${field}`);
    void kind;
    out.push({ field, op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return out;
}

export function matchesFields(reqs: FieldRequirement[], obj: KObject): boolean {
  return reqs.every((r) => {
    const raw = r.field === 'source' ? getPath(obj, 'source.component') : getPath(obj, r.field);
    const v = raw === undefined || raw === null ? '' : String(raw);
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}
