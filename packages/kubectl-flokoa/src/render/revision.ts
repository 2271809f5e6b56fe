// `rollout history AGENT --revision N` as text: the revision's facts, then its pod template the way
// `kubectl rollout history --revision` (kubectl describe's pod template) lays it out.
import type { Revision } from '../rollout/history.js';
import { age } from './age.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** `Key:<pad>first` then further values aligned under the first. */
function field(indent: string, key: string, values: string[], width: number): string[] {
  const head = `${indent}${`${key}:`.padEnd(width)}`;
  if (values.length === 0) return [`${head}<none>`];
  return values.map((v, i) => (i === 0 ? head : ' '.repeat(head.length)) + v);
}

function mapValues(m: unknown, sep: string): string[] {
  return Object.entries(obj(m))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}${sep}${String(v)}`);
}

function envValues(env: unknown): string[] {
  return list(env).map((e) => {
    const from = obj(e.valueFrom);
    const ref = obj(from.secretKeyRef ?? from.configMapKeyRef);
    if (from.secretKeyRef) return `${String(e.name)}: <set to the key '${String(ref.key)}' in secret '${String(ref.name)}'>`;
    if (from.configMapKeyRef) return `${String(e.name)}: <set to the key '${String(ref.key)}' of config map '${String(ref.name)}'>`;
    if (from.fieldRef) return `${String(e.name)}: (${String(obj(from.fieldRef).fieldPath)})`;
    return `${String(e.name)}: ${String(e.value ?? '')}`;
  });
}

function containerLines(c: Obj): string[] {
  const ports = list(c.ports).map((p) => `${String(p.containerPort)}/${String(p.protocol ?? 'TCP')}`);
  const res = obj(c.resources);
  const out = [`   ${String(c.name)}:`, ...field('    ', 'Image', [String(c.image ?? '<none>')], 14)];
  out.push(...field('    ', ports.length > 1 ? 'Ports' : 'Port', ports.length ? [ports.join(', ')] : [], 14));
  if (Object.keys(obj(res.limits)).length) out.push(...field('    ', 'Limits', mapValues(res.limits, ': '), 14));
  if (Object.keys(obj(res.requests)).length) out.push(...field('    ', 'Requests', mapValues(res.requests, ': '), 14));
  out.push(...field('    ', 'Environment', envValues(c.env), 14));
  out.push(
    ...field(
      '    ',
      'Mounts',
      list(c.volumeMounts).map((m) => `${String(m.mountPath)} from ${String(m.name)}${m.readOnly ? ' (ro)' : ' (rw)'}`),
      14,
    ),
  );
  return out;
}

export function renderRevision(kindName: string, r: Revision, now: number): string {
  const t = obj(r.podTemplate);
  const meta = obj(t.metadata);
  const spec = obj(t.spec);
  const lines = [
    `${kindName} with revision #${r.revision}${r.current ? ' (current)' : ''}`,
    `ReplicaSet:    ${r.replicaSet} (ready ${r.readyReplicas}/${r.replicas}${r.createdAt ? `, created ${age(r.createdAt, now)} ago` : ''})`,
    `Change-Cause:  ${r.changeCause ?? '<none>'}`,
    'Pod Template:',
    ...field('  ', 'Labels', mapValues(meta.labels, '='), 17),
    ...field('  ', 'Annotations', mapValues(meta.annotations, ': '), 17),
  ];
  if (spec.serviceAccountName) lines.push(...field('  ', 'Service Account', [String(spec.serviceAccountName)], 17));
  lines.push('  Containers:', ...list(spec.containers).flatMap(containerLines));
  lines.push(
    ...field(
      '  ',
      'Volumes',
      list(spec.volumes).map((v) => String(v.name)),
      17,
    ),
  );
  return lines.join('\n');
}
