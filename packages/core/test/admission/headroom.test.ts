// Live room for an Agent: quota objects as a cluster returns them (status.used counting what runs),
// how many more of its pods fit, and whether its next rollout can start its surge pod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, agentRoom, rolloutBlocker, roomText, type Resource } from '../../src/index.js';

function resources(yaml: string): Resource[] {
  const ws = new Workspace();
  ws.setFile('file:///live.yaml', yaml);
  return ws.resourcesIn('file:///live.yaml');
}

const quota = (used: string) => `apiVersion: v1
kind: ResourceQuota
metadata: {name: dev-quota, namespace: dev}
spec:
  hard: {requests.cpu: "2", pods: "20"}
status:
  hard: {requests.cpu: "2", pods: "20"}
  used: {requests.cpu: ${used}, pods: "3"}
`;
const AGENT = `apiVersion: agent.flokoa.ai/v1alpha1
kind: Agent
metadata: {name: planner, namespace: dev}
spec:
  framework: x
  model: {name: m}
  runtime:
    type: standard
    spec:
      replicas: 3
      container:
        name: agent
        image: x:v1
        resources: {requests: {cpu: 500m}, limits: {cpu: "1"}}
`;

test('room for one more pod: the rollout can start', () => {
  const [agent] = resources(AGENT);
  const room = agentRoom(agent, resources(quota('1500m')), [])!;
  assert.equal(room.rooms[0].morePods, 1);
  assert.equal(roomText(room.rooms[0]), 'dev-quota: pods 3/20 (1 a pod), requests.cpu 1500m/2 (500m a pod); room for 1 more pod');
  assert.equal(rolloutBlocker(room), undefined);
});

test('no room: the surge pod is refused and the rollout would stall', () => {
  const [agent] = resources(AGENT);
  const room = agentRoom(agent, resources(quota('"2"')), [])!;
  assert.equal(room.rooms[0].morePods, 0);
  assert.match(
    room.rooms[0].refusal ?? '',
    /^exceeded quota: dev-quota, requested: requests\.cpu=500m, used: requests\.cpu=2, limited: requests\.cpu=2$/,
  );
  assert.equal(
    rolloutBlocker(room),
    'its surge pod needs 500m requests.cpu more than ResourceQuota dev-quota leaves (pods 17 left, requests.cpu 0 left)',
  );
});

test('a pod a LimitRange refuses blocks whatever the room', () => {
  const [agent] = resources(AGENT);
  const lr = resources(`apiVersion: v1
kind: LimitRange
metadata: {name: small, namespace: dev}
spec:
  limits: [{type: Container, max: {cpu: 500m}}]
`);
  assert.equal(rolloutBlocker(agentRoom(agent, resources(quota('0')), lr)!), 'maximum cpu usage per Container is 500m, but limit is 1');
});
