// "agent not found", with what the user probably meant: a close name in the namespace (did you
// mean), or the same name in another namespace (a forgotten -n). The refs engine words both the
// same way for references; here they cost two metadata LISTs, made only once a lookup has failed.
import { AGENT, ACCEPT_METADATA_LIST, collectionPath, UsageError } from '@flokoa/kube';
import type { KubeClient } from '@flokoa/kube';
import { closestNames } from '@flokoa/core';

/** The one-line error for a missing Agent, with hints when the cluster has them (never fails itself). */
export async function agentNotFound(client: KubeClient, namespace: string, name: string, signal?: AbortSignal): Promise<UsageError> {
  const names = async (ns?: string) => {
    try {
      const list = await client.list(collectionPath(AGENT, ns), { accept: ACCEPT_METADATA_LIST, ...(signal ? { signal } : {}) });
      return list.items.map((o) => ({ namespace: o.metadata.namespace ?? '', name: o.metadata.name }));
    } catch {
      return []; // a hint is a courtesy: no permission to list means no hint
    }
  };
  const [here, everywhere] = await Promise.all([names(namespace), names(undefined)]);
  const hints: string[] = [];
  const close = closestNames(name, new Set(here.map((a) => a.name)));
  if (close.length) hints.push(`did you mean ${close.map((n) => `"${n}"`).join(' or ')}?`);
  const elsewhere = [...new Set(everywhere.filter((a) => a.name === name && a.namespace !== namespace).map((a) => a.namespace))].sort();
  if (elsewhere.length) {
    hints.push(
      `agent "${name}" exists in namespace${elsewhere.length > 1 ? 's' : ''} ${elsewhere.map((n) => `"${n}"`).join(', ')} (-n ${elsewhere[0]})`,
    );
  }
  return new UsageError(`agent "${name}" not found in namespace "${namespace}"${hints.length ? `; ${hints.join('; ')}` : ''}`);
}
