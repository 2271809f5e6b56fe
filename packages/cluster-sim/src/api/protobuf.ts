// Decoding of Kubernetes protobuf request bodies. kubectl's typed clients (create namespace,
// create secret/configmap/serviceaccount/role/rolebinding/deployment, auth can-i) send
// `application/vnd.kubernetes.protobuf` and do not fall back to JSON, so the sim reads the
// `k8s\0` envelope and the messages of those kinds (field numbers from k8s.io/api's
// generated.proto). Responses are always JSON, which every client accepts.

import { unsupportedMediaType } from '../errors.js';

type Scalar = 'string' | 'int' | 'bool' | 'bytes' | 'time' | 'intOrString' | 'quantity';
/** A field: name, type (scalar or message name), and whether it repeats; maps are `map:<valueType>`. */
type Field = [name: string, type: string, repeated?: boolean];
type Message = Record<number, Field>;

const META: Message = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', 'time'],
  11: ['labels', 'map:string'],
  12: ['annotations', 'map:string'],
  13: ['ownerReferences', 'OwnerReference', true],
  14: ['finalizers', 'string', true],
};

const MESSAGES: Record<string, Message> = {
  ObjectMeta: META,
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool'],
    7: ['blockOwnerDeletion', 'bool'],
  },
  LocalObjectReference: { 1: ['name', 'string'] },
  ObjectReference: {
    1: ['kind', 'string'],
    2: ['namespace', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
  },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  Secret: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'map:bytes'],
    3: ['type', 'string'],
    4: ['stringData', 'map:string'],
    5: ['immutable', 'bool'],
  },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map:string'], 3: ['binaryData', 'map:bytes'], 4: ['immutable', 'bool'] },
  ServiceAccount: {
    1: ['metadata', 'ObjectMeta'],
    2: ['secrets', 'ObjectReference', true],
    3: ['imagePullSecrets', 'LocalObjectReference', true],
    4: ['automountServiceAccountToken', 'bool'],
  },
  PolicyRule: {
    1: ['verbs', 'string', true],
    2: ['apiGroups', 'string', true],
    3: ['resources', 'string', true],
    4: ['resourceNames', 'string', true],
    5: ['nonResourceURLs', 'string', true],
  },
  Role: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', 'PolicyRule', true] },
  ClusterRole: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', 'PolicyRule', true] },
  Subject: { 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] },
  RoleRef: { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] },
  RoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', 'Subject', true], 3: ['roleRef', 'RoleRef'] },
  ClusterRoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', 'Subject', true], 3: ['roleRef', 'RoleRef'] },
  ResourceAttributes: {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
  },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  SubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SubjectAccessReviewSpec'] },
  LocalSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SubjectAccessReviewSpec'] },
  SubjectAccessReviewSpec: {
    1: ['resourceAttributes', 'ResourceAttributes'],
    2: ['nonResourceAttributes', 'NonResourceAttributes'],
    3: ['user', 'string'],
    4: ['groups', 'string', true],
    6: ['uid', 'string'],
  },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: {
    1: ['replicas', 'int'],
    2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'int'],
    6: ['revisionHistoryLimit', 'int'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int'],
  },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'intOrString'], 2: ['maxSurge', 'intOrString'] },
  LabelSelector: { 1: ['matchLabels', 'map:string'], 2: ['matchExpressions', 'LabelSelectorRequirement', true] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    2: ['containers', 'Container', true],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'map:string'],
    8: ['serviceAccountName', 'string'],
    15: ['imagePullSecrets', 'LocalObjectReference', true],
    20: ['initContainers', 'Container', true],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', true],
    4: ['args', 'string', true],
    5: ['workingDir', 'string'],
    6: ['ports', 'ContainerPort', true],
    7: ['env', 'EnvVar', true],
    8: ['resources', 'ResourceRequirements'],
    14: ['imagePullPolicy', 'string'],
  },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'map:quantity'], 2: ['requests', 'map:quantity'] },
  ResourceQuota: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ResourceQuotaSpec'] },
  ResourceQuotaSpec: { 1: ['hard', 'map:quantity'], 2: ['scopes', 'string', true], 3: ['scopeSelector', 'ScopeSelector'] },
  ScopeSelector: { 1: ['matchExpressions', 'ScopedResourceSelectorRequirement', true] },
  ScopedResourceSelectorRequirement: { 1: ['scopeName', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] },
};

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function toInt(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function decodeScalar(type: Scalar, r: Reader): unknown {
  switch (type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return r.bytes().toString('base64');
    case 'int':
      return toInt(r.varint());
    case 'bool':
      return r.varint() !== 0n;
    case 'time': {
      const t = decodeMessage({ 1: ['seconds', 'int'], 2: ['nanos', 'int'] }, r.bytes()) as { seconds?: number };
      return new Date((t.seconds ?? 0) * 1000).toISOString().replace('.000Z', 'Z');
    }
    case 'quantity':
      return (decodeMessage({ 1: ['string', 'string'] }, r.bytes()) as { string?: string }).string ?? '0';
    case 'intOrString': {
      const v = decodeMessage({ 1: ['type', 'int'], 2: ['intVal', 'int'], 3: ['strVal', 'string'] }, r.bytes()) as {
        type?: number;
        intVal?: number;
        strVal?: string;
      };
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
  }
}

const SCALARS = new Set(['string', 'int', 'bool', 'bytes', 'time', 'intOrString', 'quantity']);

function decodeValue(type: string, r: Reader): unknown {
  if (SCALARS.has(type)) return decodeScalar(type as Scalar, r);
  const msg = MESSAGES[type];
  if (!msg) throw new Error(`no protobuf description of ${type}`);
  return decodeMessage(msg, r.bytes());
}

function decodeMessage(msg: Message, buf: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = Number(r.varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    const f = msg[no];
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [name, type, repeated] = f;
    if (type.startsWith('map:')) {
      const entry = decodeMessage({ 1: ['key', 'string'], 2: ['value', type.slice(4)] }, r.bytes());
      const m = (out[name] ?? {}) as Record<string, unknown>;
      m[String(entry.key ?? '')] = entry.value ?? (type === 'map:string' ? '' : undefined);
      out[name] = m;
      continue;
    }
    const v = decodeValue(type, r);
    if (repeated) out[name] = [...((out[name] as unknown[]) ?? []), v];
    else out[name] = v;
  }
  return out;
}

/** Decodes a `k8s\0`-enveloped protobuf body into the JSON form of the object. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  const unsupported = (why: string): never => {
    throw unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${why})`,
    );
  };
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') unsupported('missing the k8s protobuf envelope');
  try {
    const r = new Reader(body.subarray(4));
    let apiVersion = '';
    let kind = '';
    let raw: Buffer = Buffer.alloc(0);
    while (!r.done) {
      const tag = Number(r.varint());
      const no = tag >>> 3;
      if (no === 1) {
        const tm = decodeMessage({ 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }, r.bytes());
        apiVersion = String(tm.apiVersion ?? '');
        kind = String(tm.kind ?? '');
      } else if (no === 2) raw = r.bytes();
      else r.skip(tag & 7);
    }
    const msg = MESSAGES[kind];
    if (!msg) return unsupported(`protobuf is not supported for ${kind || 'this kind'}`);
    return { apiVersion, kind, ...decodeMessage(msg, raw) };
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('the body')) throw e;
    return unsupported(`malformed protobuf: ${(e as Error).message}`);
  }
}
