// The kubeconfig the sim writes: an admin context `sim-admin` (token auth) and one context per
// configured user, all pointing at the sim's URL.

import { stringify } from 'yaml';
import type { UserEntry } from './auth.js';
import { CA_CERT } from './tls.js';

export const ADMIN_CONTEXT = 'sim-admin';
const CLUSTER = 'cluster-sim';

export function kubeconfigYaml(url: string, adminToken: string, users: UserEntry[], namespace = 'default'): string {
  const contexts = [
    { name: ADMIN_CONTEXT, context: { cluster: CLUSTER, user: ADMIN_CONTEXT, namespace } },
    ...users.map((u) => ({ name: u.user, context: { cluster: CLUSTER, user: u.user, namespace } })),
  ];
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: CLUSTER, cluster: { server: url, 'certificate-authority-data': Buffer.from(CA_CERT).toString('base64') } }],
    users: [{ name: ADMIN_CONTEXT, user: { token: adminToken } }, ...users.map((u) => ({ name: u.user, user: { token: u.token } }))],
    contexts,
    'current-context': ADMIN_CONTEXT,
  });
}
