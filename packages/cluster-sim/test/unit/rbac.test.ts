import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withImplicitGroups } from '../../src/auth.js';
import type { KObject } from '../../src/object.js';
import { Authorizer, bootstrapPolicy } from '../../src/rbac.js';
import type { Attributes } from '../../src/rbac.js';
import { Store } from '../../src/store.js';

const RBAC = 'rbac.authorization.k8s.io';
const put = (store: Store, plural: string, o: KObject): void => void store.put(`${RBAC}/${plural}`, o);

function cluster(): Authorizer {
  const store = new Store();
  for (const o of bootstrapPolicy()) put(store, o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings', o);
  put(store, 'roles', {
    kind: 'Role',
    metadata: { name: 'reader', namespace: 'shared' },
    rules: [{ apiGroups: ['agent.flokoa.ai'], resources: ['models', 'agenttools'], verbs: ['get', 'list'] }],
  } as KObject);
  put(store, 'roles', {
    kind: 'Role',
    metadata: { name: 'one-secret', namespace: 'shared' },
    rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['llm-key'], verbs: ['get'] }],
  } as KObject);
  put(store, 'roles', {
    kind: 'Role',
    metadata: { name: 'status-only', namespace: 'app' },
    rules: [{ apiGroups: ['*'], resources: ['*/status'], verbs: ['*'] }],
  } as KObject);
  put(store, 'rolebindings', {
    kind: 'RoleBinding',
    metadata: { name: 'sa-reads', namespace: 'shared' },
    roleRef: { kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'agent-sa', namespace: 'app' }],
  } as KObject);
  put(store, 'rolebindings', {
    kind: 'RoleBinding',
    metadata: { name: 'group-secret', namespace: 'shared' },
    roleRef: { kind: 'Role', name: 'one-secret' },
    subjects: [{ kind: 'Group', name: 'system:serviceaccounts:app' }],
  } as KObject);
  put(store, 'rolebindings', {
    kind: 'RoleBinding',
    metadata: { name: 'view', namespace: 'app' },
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'alice' }],
  } as KObject);
  put(store, 'rolebindings', {
    kind: 'RoleBinding',
    metadata: { name: 'status', namespace: 'app' },
    roleRef: { kind: 'Role', name: 'status-only' },
    subjects: [{ kind: 'User', name: 'bob' }],
  } as KObject);
  return new Authorizer(store);
}

const attrs = (verb: string, group: string, resource: string, namespace: string, name = '', subresource = ''): Attributes => ({
  verb,
  group,
  resource,
  subresource,
  namespace,
  name,
});

test('RBAC decisions: subjects, role kinds, resourceNames, wildcards, subresources', () => {
  const authz = cluster();
  const sa = withImplicitGroups('system:serviceaccount:app:agent-sa', []);
  const other = withImplicitGroups('system:serviceaccount:app:default', []);
  const alice = withImplicitGroups('alice', []);
  const bob = withImplicitGroups('bob', []);
  const admin = withImplicitGroups('root', ['system:masters']);
  const cases: [string, ReturnType<typeof withImplicitGroups>, Attributes, boolean][] = [
    ['SA through a RoleBinding to a Role', sa, attrs('list', 'agent.flokoa.ai', 'models', 'shared'), true],
    ['...only the verbs granted', sa, attrs('delete', 'agent.flokoa.ai', 'models', 'shared', 'm'), false],
    ['...only in the binding namespace', sa, attrs('list', 'agent.flokoa.ai', 'models', 'app'), false],
    ['another SA of the namespace is not the subject', other, attrs('list', 'agent.flokoa.ai', 'models', 'shared'), false],
    [
      'group system:serviceaccounts:<ns> with resourceNames: the named Secret',
      other,
      attrs('get', '', 'secrets', 'shared', 'llm-key'),
      true,
    ],
    ['...not another Secret', other, attrs('get', '', 'secrets', 'shared', 'other'), false],
    ['...and not a list (no name)', other, attrs('list', '', 'secrets', 'shared'), false],
    ['ClusterRole view through a RoleBinding', alice, attrs('watch', 'agent.flokoa.ai', 'agents', 'app'), true],
    ['view does not read Secrets', alice, attrs('get', '', 'secrets', 'app', 's'), false],
    ['view stays in the binding namespace', alice, attrs('get', 'agent.flokoa.ai', 'agents', 'other', 'a'), false],
    ['*/status matches any status subresource', bob, attrs('update', 'apps', 'deployments', 'app', 'd', 'status'), true],
    ['...but not the resource itself', bob, attrs('update', 'apps', 'deployments', 'app', 'd'), false],
    ['every authenticated user may review itself', bob, attrs('create', 'authorization.k8s.io', 'selfsubjectaccessreviews', ''), true],
    ['system:masters may do anything', admin, attrs('delete', 'x.example', 'things', 'ns', 'n'), true],
  ];
  for (const [name, user, a, want] of cases) assert.equal(authz.authorize(user, a).allowed, want, name);
  assert.equal(
    authz.authorize(alice, { ...attrs('get', '', '', ''), path: '/apis' }).allowed,
    true,
    'discovery is public to authenticated users',
  );
  assert.match(
    authz.authorize(sa, attrs('get', 'agent.flokoa.ai', 'models', 'shared', 'm')).reason,
    /RoleBinding "sa-reads\/shared" of Role "reader" to ServiceAccount "agent-sa\/app"/,
  );
});
