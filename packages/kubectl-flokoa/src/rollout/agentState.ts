// The live state of one Agent's rollout: the Agent, its Deployment, ReplicaSets and pods, each kept
// current by a watch on just those objects (field selector on the name, label selector on the agent).
import { AGENT_LABEL } from '@flokoa/core';
import { observe, AGENT, DEPLOYMENT, POD, REPLICASET, collectionPath } from '@flokoa/kube';
import type { KObject, KubeClient } from '@flokoa/kube';

export interface AgentState {
  agent?: KObject;
  deployment?: KObject;
  replicaSets: Map<string, KObject>;
  pods: Map<string, KObject>;
  /** Which of the watched collections have completed their first list. */
  synced: Set<'agent' | 'deployment' | 'replicasets' | 'pods'>;
}

export interface WatchAgentOptions {
  namespace: string;
  name: string;
  signal: AbortSignal;
  replicaSets?: boolean;
}

/**
 * Starts the watches and calls `onChange` with the whole state after every change; the promise
 * settles when the signal aborts (resolve) or a watch fails for good (reject).
 */
export function watchAgentState(client: KubeClient, opts: WatchAgentOptions, onChange: (s: AgentState) => void): Promise<void> {
  const state: AgentState = { replicaSets: new Map(), pods: new Map(), synced: new Set() };
  // One watch failing for good ends them all: the others must not keep the command alive.
  const all = new AbortController();
  const signal = AbortSignal.any([opts.signal, all.signal]);
  const byName = { fieldSelector: `metadata.name=${opts.name}`, signal };
  const byLabel = { labelSelector: `${AGENT_LABEL}=${opts.name}`, signal };
  const watches = [
    observe(client, collectionPath(AGENT, opts.namespace), byName, (objs) => {
      state.agent = objs.get(opts.name);
      state.synced.add('agent');
      onChange(state);
    }),
    observe(client, collectionPath(DEPLOYMENT, opts.namespace), byName, (objs) => {
      state.deployment = objs.get(opts.name);
      state.synced.add('deployment');
      onChange(state);
    }),
    observe(client, collectionPath(POD, opts.namespace), byLabel, (objs) => {
      state.pods = objs;
      state.synced.add('pods');
      onChange(state);
    }),
  ];
  if (opts.replicaSets) {
    watches.push(
      observe(client, collectionPath(REPLICASET, opts.namespace), byLabel, (objs) => {
        state.replicaSets = objs;
        state.synced.add('replicasets');
        onChange(state);
      }),
    );
  }
  return Promise.all(watches.map((w) => w.catch((e: unknown) => (all.abort(), Promise.reject(e))))).then(() => undefined);
}
