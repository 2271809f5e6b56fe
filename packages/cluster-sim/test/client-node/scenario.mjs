// Run by client-node.test.ts in a Node that can load @kubernetes/client-node (its HTTP stack
// needs Node >= 22). Prints one JSON line per step; the test asserts on them.
import * as k8s from '@kubernetes/client-node';

const [kubeconfig] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const out = (step, data) => process.stdout.write(JSON.stringify({ step, ...data }) + '\n');
const G = { group: 'agent.flokoa.ai', version: 'v1alpha1', namespace: 'my-app', plural: 'agents' };

const co = kc.makeApiClient(k8s.CustomObjectsApi);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);

const list = await co.listNamespacedCustomObject(G);
out('list', { names: list.items.map((i) => i.metadata.name), rv: list.metadata.resourceVersion });

const pods = await core.listNamespacedPod({ namespace: 'my-app', labelSelector: 'flokoa.ai/agent=my-agent' });
out('pods', { count: pods.items.length, phases: pods.items.map((p) => p.status.phase) });

const patched = await co.patchNamespacedCustomObject(
  {
    ...G,
    name: 'my-agent',
    body: [
      { op: 'test', path: '/spec/runtime/spec/replicas', value: 2 },
      { op: 'replace', path: '/spec/runtime/spec/replicas', value: 3 },
    ],
  },
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
);
out('jsonpatch', { replicas: patched.spec.runtime.spec.replicas, generation: patched.metadata.generation });

try {
  await co.patchNamespacedCustomObject(
    { ...G, name: 'my-agent', body: [{ op: 'test', path: '/spec/runtime/spec/replicas', value: 2 }] },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
  );
  out('stale-test', { ok: true });
} catch (e) {
  out('stale-test', { code: e.code, reason: JSON.parse(e.body).reason });
}

const merged = await apps.patchNamespacedDeployment(
  { name: 'my-agent', namespace: 'my-app', body: { metadata: { labels: { team: 'x' } } } },
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
);
out('mergepatch', { team: merged.metadata.labels.team });

try {
  await core.readNamespacedSecret({ name: 'nope', namespace: 'my-app' });
} catch (e) {
  out('notfound', { code: e.code, message: JSON.parse(e.body).message });
}

// A watch from a version older than the server's history: ERROR 410; re-list and watch again.
const w = new k8s.Watch(kc);
const oldRv = '1';
const expired = await new Promise((resolve, reject) => {
  let req;
  w.watch(
    `/apis/agent.flokoa.ai/v1alpha1/namespaces/my-app/agents`,
    { resourceVersion: oldRv },
    (type, obj) => {
      if (type === 'ERROR') {
        resolve({ type, code: obj.code, reason: obj.reason });
        req?.abort();
      }
    },
    (err) => (err && err.name !== 'AbortError' ? reject(err) : undefined),
  ).then((r) => (req = r), reject);
});
out('watch-expired', expired);

const relist = await co.listNamespacedCustomObject(G);
const added = await new Promise((resolve, reject) => {
  let req;
  w.watch(
    `/apis/agent.flokoa.ai/v1alpha1/namespaces/my-app/agents`,
    { resourceVersion: relist.metadata.resourceVersion, allowWatchBookmarks: true },
    (type, obj) => {
      if (type === 'ADDED') {
        resolve({ type, name: obj.metadata.name });
        req?.abort();
      }
    },
    (err) => (err && err.name !== 'AbortError' ? reject(err) : undefined),
  ).then((r) => {
    req = r;
    out('watching', {});
  }, reject);
});
out('watch-resumed', added);

// An informer over Deployments sees the operator's Deployment for a new Agent.
const informer = k8s.makeInformer(kc, '/apis/apps/v1/namespaces/my-app/deployments', () =>
  apps.listNamespacedDeployment({ namespace: 'my-app' }),
);
const seen = new Promise((resolve) => informer.on('add', (d) => d.metadata.name === 'from-client' && resolve(d.metadata.name)));
await informer.start();
await co.createNamespacedCustomObject({
  ...G,
  body: {
    apiVersion: 'agent.flokoa.ai/v1alpha1',
    kind: 'Agent',
    metadata: { name: 'from-client' },
    spec: { runtime: { type: 'standard', spec: { container: { name: 'agent', image: 'ghcr.io/example/c:v1' } } } },
  },
});
out('informer', { name: await seen });
await informer.stop();
process.exit(0);
