// Kind names the cluster adds: a CRD's short names (`ag`, `mp`…, as `kubectl api-resources` lists
// them) are whatever the installed CRDs declare, so they are read from discovery, and only when a
// name is not one we know already (no request otherwise).
import { FLOKOA_GROUP, kindFromName } from '@flokoa/core';
import type { KubeClient } from '@flokoa/kube';

interface APIResource {
  name: string;
  kind: string;
  singularName?: string;
  shortNames?: string[];
}

/** `ag/my-agent` → `Agent/my-agent` when discovery says `ag` is short for agents; else `arg` unchanged. */
export async function expandShortName(client: KubeClient, arg: string): Promise<string> {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const text = arg.slice(0, slash).toLowerCase();
  if (text.includes('.') || kindFromName(text)) return arg;
  const lists = await Promise.all(
    ['/api/v1', `/apis/${FLOKOA_GROUP}/v1alpha1`].map((path) =>
      client.get<{ resources?: APIResource[] }>(path).then(
        (l) => l.resources ?? [],
        () => [] as APIResource[], // discovery refused or absent: the name stays unknown
      ),
    ),
  );
  const found = lists.flat().find((r) => !r.name.includes('/') && (r.shortNames ?? []).includes(text));
  return found ? `${found.kind}${arg.slice(slash)}` : arg;
}
