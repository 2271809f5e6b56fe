// Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` asks for, with the columns
// the real server's printers produce for each built-in kind and a CRD's additionalPrinterColumns.

import type { KObject } from './object.js';
import { getPath, isPlainObject } from './object.js';
import { jsonPathValues } from '@flokoa/core';
import type { PrinterColumn, ResourceType } from './resources.js';
import { formatSelector, fromLabelSelectorObject } from './selectors.js';

/** A printer column's path, compiled once (the same JSONPath dialect kubectl's -o jsonpath reads). */
const columnPaths = new Map<string, (o: unknown) => unknown[]>();
function columnPath(path: string): (o: unknown) => unknown[] {
  let f = columnPaths.get(path);
  if (!f) columnPaths.set(path, (f = jsonPathValues(path)));
  return f;
}

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number | boolean | null;

interface Printer {
  columns: [name: string, type?: string, priority?: number][];
  cells(o: KObject, now: number): Cell[];
}

/** kubectl's duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (years < 8) return `${years}y${Math.floor(hours / 24) % 365}d`;
  return `${years}y`;
}

function age(ts: unknown, now: number): string {
  if (typeof ts !== 'string') return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function arr(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

function containersOf(spec: unknown): Record<string, unknown>[] {
  return arr(getPath(spec, 'containers'));
}

function podStatus(o: KObject, now: number): [string, string, string] {
  const spec = o.spec;
  const status = isPlainObject(o.status) ? o.status : {};
  const total = containersOf(spec).length;
  let reason = typeof status.reason === 'string' ? status.reason : String(status.phase ?? 'Pending');
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  const cstatuses = arr(status.containerStatuses);
  for (const cs of cstatuses) {
    restarts += num(cs.restartCount);
    const lastTerm = getPath(cs, 'lastState.terminated.finishedAt');
    if (typeof lastTerm === 'string') lastRestart = Math.max(lastRestart, Date.parse(lastTerm));
  }
  for (let i = cstatuses.length - 1; i >= 0; i--) {
    const cs = cstatuses[i];
    const waiting = getPath(cs, 'state.waiting.reason');
    const term = getPath(cs, 'state.terminated');
    if (typeof waiting === 'string' && waiting) reason = waiting;
    else if (isPlainObject(term)) {
      reason = typeof term.reason === 'string' && term.reason ? term.reason : `ExitCode:${num(term.exitCode)}`;
    } else if (cs.ready && isPlainObject(getPath(cs, 'state.running'))) ready++;
  }
  if (reason === 'Running' && ready < total) {
    const readyCond = arr(status.conditions).find((c) => c.type === 'Ready');
    if (readyCond?.status !== 'True') reason = 'Running';
  }
  if (o.metadata.deletionTimestamp) reason = 'Terminating';
  const restartText = lastRestart > 0 && restarts > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return [`${ready}/${total}`, reason, restartText];
}

/** `pods: 2/20, requests.cpu: 200m/2` and `limits.cpu: 1/4`: status used/hard, limits.* apart, names sorted. */
function quotaColumns(o: KObject): [string, string] {
  const hard = isPlainObject(getPath(o, 'status.hard')) ? (getPath(o, 'status.hard') as Record<string, unknown>) : {};
  const used = isPlainObject(getPath(o, 'status.used')) ? (getPath(o, 'status.used') as Record<string, unknown>) : {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const k of Object.keys(hard).sort())
    (k.startsWith('limits.') ? limit : request).push(`${k}: ${String(used[k] ?? '0')}/${String(hard[k])}`);
  return [request.join(', '), limit.join(', ')];
}

function images(spec: unknown): [string, string] {
  const cs = containersOf(spec);
  return [cs.map((c) => String(c.name)).join(','), cs.map((c) => String(c.image)).join(',')];
}

function servicePorts(o: KObject): string {
  const ports = arr(getPath(o, 'spec.ports'));
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function subjectsOf(o: KObject, kind: string): string {
  const names = arr(o.subjects)
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? o.metadata.namespace ?? ''}/${s.name}` : String(s.name)));
  return names.length ? names.join(', ') : '';
}

const PRINTERS: Record<string, Printer> = {
  Namespace: {
    columns: [['Status'], ['Age']],
    cells: (o, now) => [String(getPath(o, 'status.phase') ?? ''), age(o.metadata.creationTimestamp, now)],
  },
  Pod: {
    columns: [
      ['Ready'],
      ['Status'],
      ['Restarts', 'string'],
      ['Age'],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ],
    cells: (o, now) => {
      const [ready, status, restarts] = podStatus(o, now);
      return [
        ready,
        status,
        restarts,
        age(o.metadata.creationTimestamp, now),
        String(getPath(o, 'status.podIP') ?? '<none>'),
        String(getPath(o, 'spec.nodeName') ?? '<none>'),
        '<none>',
        '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      ['Ready'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    cells: (o, now) => {
      const [names, imgs] = images(getPath(o, 'spec.template.spec'));
      return [
        `${num(getPath(o, 'status.readyReplicas'))}/${num(getPath(o, 'spec.replicas'))}`,
        num(getPath(o, 'status.updatedReplicas')),
        num(getPath(o, 'status.availableReplicas')),
        age(o.metadata.creationTimestamp, now),
        names,
        imgs,
        formatSelector(fromLabelSelectorObject(getPath(o, 'spec.selector'))),
      ];
    },
  },
  ReplicaSet: {
    columns: [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Age'],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
    cells: (o, now) => {
      const [names, imgs] = images(getPath(o, 'spec.template.spec'));
      return [
        num(getPath(o, 'spec.replicas')),
        num(getPath(o, 'status.replicas')),
        num(getPath(o, 'status.readyReplicas')),
        age(o.metadata.creationTimestamp, now),
        names,
        imgs,
        formatSelector(fromLabelSelectorObject(getPath(o, 'spec.selector'))),
      ];
    },
  },
  Service: {
    columns: [['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age'], ['Selector', 'string', 1]],
    cells: (o, now) => {
      const sel = getPath(o, 'spec.selector');
      return [
        String(getPath(o, 'spec.type') ?? 'ClusterIP'),
        String(getPath(o, 'spec.clusterIP') ?? '<none>'),
        '<none>',
        servicePorts(o),
        age(o.metadata.creationTimestamp, now),
        isPlainObject(sel) && Object.keys(sel).length
          ? Object.entries(sel)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')
          : '<none>',
      ];
    },
  },
  Secret: {
    columns: [['Type'], ['Data', 'integer'], ['Age']],
    cells: (o, now) => [
      String(o.type ?? 'Opaque'),
      Object.keys(isPlainObject(o.data) ? o.data : {}).length,
      age(o.metadata.creationTimestamp, now),
    ],
  },
  ConfigMap: {
    columns: [['Data', 'integer'], ['Age']],
    cells: (o, now) => [
      Object.keys(isPlainObject(o.data) ? o.data : {}).length + Object.keys(isPlainObject(o.binaryData) ? o.binaryData : {}).length,
      age(o.metadata.creationTimestamp, now),
    ],
  },
  ServiceAccount: {
    columns: [['Secrets', 'integer'], ['Age']],
    cells: (o, now) => [arr(o.secrets).length, age(o.metadata.creationTimestamp, now)],
  },
  Event: {
    columns: [
      ['Last Seen'],
      ['Type'],
      ['Reason'],
      ['Object'],
      ['Message'],
      ['Subobject', 'string', 1],
      ['Source', 'string', 1],
      ['First Seen', 'string', 1],
      ['Count', 'integer', 1],
      ['Name', 'string', 1],
    ],
    cells: (o, now) => {
      const inv = isPlainObject(o.involvedObject) ? o.involvedObject : {};
      return [
        age(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now),
        String(o.type ?? ''),
        String(o.reason ?? ''),
        `${String(inv.kind ?? '').toLowerCase()}/${inv.name ?? ''}`,
        String(o.message ?? ''),
        String(inv.fieldPath ?? ''),
        [getPath(o, 'source.component'), getPath(o, 'source.host')].filter(Boolean).join(', '),
        age(o.firstTimestamp ?? o.metadata.creationTimestamp, now),
        num(o.count) || 1,
        String(o.metadata.name),
      ];
    },
  },
  Role: { columns: [['Created At']], cells: (o) => [String(o.metadata.creationTimestamp ?? '')] },
  ClusterRole: { columns: [['Created At']], cells: (o) => [String(o.metadata.creationTimestamp ?? '')] },
  RoleBinding: {
    columns: [['Role'], ['Age'], ['Users', 'string', 1], ['Groups', 'string', 1], ['ServiceAccounts', 'string', 1]],
    cells: (o, now) => [
      `${getPath(o, 'roleRef.kind')}/${getPath(o, 'roleRef.name')}`,
      age(o.metadata.creationTimestamp, now),
      subjectsOf(o, 'User'),
      subjectsOf(o, 'Group'),
      subjectsOf(o, 'ServiceAccount'),
    ],
  },
  CustomResourceDefinition: { columns: [['Created At']], cells: (o) => [String(o.metadata.creationTimestamp ?? '')] },
  LimitRange: { columns: [['Created At']], cells: (o) => [String(o.metadata.creationTimestamp ?? '')] },
  PodDisruptionBudget: {
    columns: [['Min Available'], ['Max Unavailable'], ['Allowed Disruptions', 'integer'], ['Age']],
    cells: (o, now) => [
      String(getPath(o, 'spec.minAvailable') ?? 'N/A'),
      String(getPath(o, 'spec.maxUnavailable') ?? 'N/A'),
      num(getPath(o, 'status.disruptionsAllowed')),
      age(o.metadata.creationTimestamp, now),
    ],
  },
  ResourceQuota: {
    columns: [['Age'], ['Request'], ['Limit']],
    cells: (o, now) => [age(o.metadata.creationTimestamp, now), ...quotaColumns(o)],
  },
};
PRINTERS.ClusterRoleBinding = PRINTERS.RoleBinding;

const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

function column(name: string, type = 'string', priority = 0): ColumnDefinition {
  return { name, type, format: '', description: name, priority };
}

function crdColumns(cols: PrinterColumn[] | undefined): PrinterColumn[] {
  return cols && cols.length > 0 ? cols : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
}

export function columnDefinitions(t: ResourceType): ColumnDefinition[] {
  const printer = PRINTERS[t.kind];
  if (t.builtin && printer) return [NAME_COLUMN, ...printer.columns.map(([n, type, p]) => column(n, type, p))];
  if (t.builtin) return [NAME_COLUMN, column('Age')];
  return [
    NAME_COLUMN,
    ...crdColumns(t.printerColumns).map((c) => ({
      name: c.name,
      type: c.type === 'date' ? 'date' : c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
  ];
}

function cellsOf(t: ResourceType, o: KObject, now: number): Cell[] {
  const printer = PRINTERS[t.kind];
  if (t.builtin && printer) return [o.metadata.name ?? '', ...printer.cells(o, now)];
  if (t.builtin) return [o.metadata.name ?? '', age(o.metadata.creationTimestamp, now)];
  return [
    o.metadata.name ?? '',
    ...crdColumns(t.printerColumns).map((c): Cell => {
      const values = columnPath(c.jsonPath)(o);
      if (values.length === 0) return null;
      const v = values[0];
      if (c.type === 'date') return age(v, now);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        return values.length > 1 ? values.map(String).join(',') : v;
      }
      return JSON.stringify(v);
    }),
  ];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableRow(t: ResourceType, o: KObject, now: number, include: IncludeObject): Record<string, unknown> {
  const row: Record<string, unknown> = { cells: cellsOf(t, o, now) };
  if (include === 'Object') row.object = o;
  else if (include === 'Metadata') {
    const { managedFields: _m, ...metadata } = o.metadata;
    row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
  }
  return row;
}

export function toTable(
  t: ResourceType,
  objects: KObject[],
  now: number,
  include: IncludeObject,
  listMeta: Record<string, unknown>,
  withColumns = true,
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withColumns ? columnDefinitions(t) : [],
    rows: objects.map((o) => tableRow(t, o, now, include)),
  };
}
