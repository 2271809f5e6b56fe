// kubectl kustomize as the oracle: render a folder both ways and list every difference in the
// objects (identity and every field), so a test can say exactly what we got wrong.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseFile, renderKustomization, type RenderResult } from '../../src/index.js';
import { diskHost } from '../render/diskHost.js';

export type Rendered = { objects: Record<string, unknown>[] } | { error: string };

export function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
}

/** `kubectl kustomize DIR`, parsed the way the workspace parses YAML. */
export function kubectlKustomize(dir: string): Rendered {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').pop() ?? 'failed' };
  const docs = parseFile('file:///kubectl-output.yaml', r.stdout).docs;
  return { objects: docs.map((d) => d.value).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') };
}

export function ours(dir: string): { result: RenderResult; rendered: Rendered } {
  const result = renderKustomization(diskHost(), pathToFileURL(dir.endsWith('/') ? dir : dir + '/').href);
  const errors = result.issues.filter((i) => i.severity === 'error');
  const rendered: Rendered =
    errors.length > 0
      ? { error: errors.map((e) => e.message).join('; ') }
      : { objects: result.objects.map((o) => JSON.parse(JSON.stringify(o.object)) as Record<string, unknown>) };
  return { result, rendered };
}

function keyOf(o: Record<string, unknown>): string {
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  return `${String(o.apiVersion)} ${String(o.kind)} ${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`;
}

function diffValues(path: string, a: unknown, b: unknown, out: string[]): void {
  if (out.length > 20) return;
  if (a === b) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diffValues(`${path}/${k}`, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out);
    return;
  }
  out.push(`${path || '/'}: kubectl ${JSON.stringify(a)} ≠ ours ${JSON.stringify(b)}`);
}

/** Differences between two renderings, as objects keyed by apiVersion, kind, namespace and name. */
export function diffObjects(expected: Record<string, unknown>[], actual: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  const theirs = new Map(expected.map((o) => [keyOf(o), o]));
  const mine = new Map(actual.map((o) => [keyOf(o), o]));
  for (const k of theirs.keys()) if (!mine.has(k)) out.push(`missing: ${k}`);
  for (const k of mine.keys()) if (!theirs.has(k)) out.push(`extra: ${k}`);
  for (const [k, o] of theirs) {
    const m = mine.get(k);
    if (m) diffValues(k, o, m, out);
  }
  return out;
}

/** Differences between kubectl's rendering of a folder and ours (empty: they agree). */
export function compareWithKubectl(dir: string): string[] {
  const expected = kubectlKustomize(dir);
  const { rendered } = ours(dir);
  if ('error' in expected || 'error' in rendered) {
    if ('error' in expected && 'error' in rendered) return [];
    return [
      'error' in expected
        ? `kubectl fails (${expected.error}) but ours renders`
        : `ours fails (${(rendered as { error: string }).error}) but kubectl renders`,
    ];
  }
  return diffObjects(expected.objects, rendered.objects);
}
