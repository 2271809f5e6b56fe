// Resource endpoints: list/watch/get/create/update/patch/delete on a resource type, its
// status, scale, log and eviction subresources, rendered as JSON objects or Tables.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { UserInfo } from '../auth.js';
import type { SimContext } from '../context.js';
import { ApiError, badRequest, methodNotAllowed, unsupportedMediaType } from '../errors.js';
import type { KObject } from '../object.js';
import { clone, getPath, isPlainObject } from '../object.js';
import type { ResourceType } from '../resources.js';
import { apiVersionOf, typeKey } from '../resources.js';
import { formatSelector, fromLabelSelectorObject, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { IncludeObject } from '../table.js';
import { toTable } from '../table.js';
import type { DeleteOptions, FieldValidation, ListOptions, WriteOptions } from './objects.js';
import { PATCH_TYPES } from './patchBody.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { decodeKubernetesProtobuf } from './protobuf.js';
import { chooseOutput } from './negotiate.js';
import { sendJson, warningHeaders } from './respond.js';
import { answerReview } from './reviews.js';
import { handleEviction } from './eviction.js';
import { serveWatch } from './watch.js';

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  verb: string;
  t: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  user: UserInfo;
  body: Buffer;
}

function render(t: ResourceType, version: string, o: KObject): KObject {
  const out = o;
  out.apiVersion = apiVersionOf(t.group, version);
  out.kind = t.kind;
  return out;
}

function parseBody(r: ResourceRequest): unknown {
  if (r.body.length === 0) return undefined;
  const ct = (r.req.headers['content-type'] ?? 'application/json').split(';')[0].trim();
  if (ct === 'application/vnd.kubernetes.protobuf') return decodeKubernetesProtobuf(r.body);
  if (ct === 'application/cbor') {
    throw unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  const text = r.body.toString('utf8');
  try {
    if (ct === PATCH_TYPES.apply || ct === 'application/yaml') return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
}

function writeOptions(r: ResourceRequest, subresource = ''): WriteOptions {
  const dry = r.query.getAll('dryRun');
  if (dry.some((d) => d !== 'All')) throw badRequest(`Invalid dry run value: ${dry.join(',')}`);
  const fv = r.query.get('fieldValidation') ?? undefined;
  if (fv && !['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation must be one of: Ignore, Warn, Strict, but got: ${fv}`);
  }
  const ua = String(r.req.headers['user-agent'] ?? 'unknown');
  return {
    dryRun: dry.includes('All'),
    fieldManager: r.query.get('fieldManager') ?? ua.split('/')[0],
    ...(fv ? { fieldValidation: fv as FieldValidation } : {}),
    ...(subresource ? { subresource } : {}),
  };
}

function listOptions(r: ResourceRequest): ListOptions {
  return {
    labelSelector: parseLabelSelector(r.query.get('labelSelector')),
    fieldSelector: parseFieldSelector(r.query.get('fieldSelector'), typeKey(r.t), r.t.kind),
  };
}

function includeObject(r: ResourceRequest): IncludeObject {
  const v = r.query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function sendObject(ctx: SimContext, r: ResourceRequest, code: number, o: KObject, warnings: string[] = []): void {
  const out = chooseOutput(r.req.headers.accept);
  const obj = render(r.t, r.version, o);
  if (out.as === 'table') {
    const table = toTable(r.t, [obj], ctx.clock.now(), includeObject(r), { resourceVersion: obj.metadata.resourceVersion ?? '' });
    sendJson(r.res, code, table, warningHeaders(warnings));
    return;
  }
  if (out.as === 'metadata') {
    const { managedFields: _m, ...metadata } = obj.metadata;
    sendJson(r.res, code, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata }, warningHeaders(warnings));
    return;
  }
  sendJson(r.res, code, obj, warningHeaders(warnings));
}

interface ContinueToken {
  rv: string;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function handleList(ctx: SimContext, r: ResourceRequest): void {
  const opts = listOptions(r);
  let items = ctx.api.list(r.t, r.namespace, opts);
  const rv = String(ctx.store.currentRv());
  const meta: Record<string, unknown> = { resourceVersion: rv };
  const cont = r.query.get('continue');
  if (cont) {
    const token = decodeContinue(cont);
    items = items.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > token.start);
    meta.resourceVersion = token.rv;
  }
  const limit = Number(r.query.get('limit') ?? '0');
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1];
    meta.continue = encodeContinue({ rv: String(meta.resourceVersion), start: `${last.metadata.namespace ?? ''}/${last.metadata.name}` });
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  const out = chooseOutput(r.req.headers.accept);
  const rendered = items.map((o) => render(r.t, r.version, o));
  if (out.as === 'table') {
    sendJson(r.res, 200, toTable(r.t, rendered, ctx.clock.now(), includeObject(r), meta));
    return;
  }
  if (out.as === 'metadata') {
    sendJson(r.res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: meta,
      items: rendered.map((o) => {
        const { managedFields: _m, ...metadata } = o.metadata;
        return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
      }),
    });
    return;
  }
  sendJson(r.res, 200, {
    kind: r.t.listKind,
    apiVersion: apiVersionOf(r.t.group, r.t.version === r.version ? r.t.version : r.version),
    metadata: meta,
    items: rendered,
  });
}

function handleWatch(ctx: SimContext, r: ResourceRequest): void {
  const out = chooseOutput(r.req.headers.accept);
  const timeout = r.query.get('timeoutSeconds');
  const faultTimeout = ctx.faults.current.watchTimeoutSeconds;
  const timeouts = [timeout ? Number(timeout) : undefined, faultTimeout].filter((x): x is number => typeof x === 'number' && x >= 0);
  const rv = r.query.get('resourceVersion');
  if (rv !== null && rv !== '' && !/^\d+$/.test(rv)) throw badRequest(`resourceVersion: Invalid value: "${rv}": invalid resource version`);
  if (ctx.faults.current.expireResourceVersions) ctx.store.compact();
  if (ctx.faults.current.silentWatches) {
    r.res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    r.res.flushHeaders();
    const end = () => r.res.end();
    ctx.watchClosers.add(end);
    r.res.on('close', () => ctx.watchClosers.delete(end));
    return;
  }
  const now = (): number => ctx.clock.now();
  const include = includeObject(r);
  const sendInitial = r.query.get('sendInitialEvents');
  const end = serveWatch({
    store: ctx.store,
    key: typeKey(r.t),
    ...(r.t.namespaced && r.namespace ? { namespace: r.namespace } : {}),
    selectors: listOptions(r),
    ...(r.query.get('resourceVersion') !== null ? { resourceVersion: r.query.get('resourceVersion')! } : {}),
    allowBookmarks: r.query.get('allowWatchBookmarks') === 'true',
    ...(sendInitial !== null ? { sendInitialEvents: sendInitial === 'true' } : {}),
    ...(timeouts.length ? { timeoutMs: Math.min(...timeouts) * 1000 } : {}),
    bookmarkIntervalMs: ctx.bookmarkIntervalMs,
    render: (o) => {
      const obj = render(r.t, r.version, clone(o));
      return out.as === 'table' ? toTable(r.t, [obj], now(), include, { resourceVersion: obj.metadata.resourceVersion ?? '' }) : obj;
    },
    bookmarkType:
      out.as === 'table'
        ? { kind: 'Table', apiVersion: 'meta.k8s.io/v1' }
        : { kind: r.t.kind, apiVersion: apiVersionOf(r.t.group, r.version) },
    contentType: 'application/json',
    res: r.res,
  });
  ctx.watchClosers.add(end);
  r.res.on('close', () => ctx.watchClosers.delete(end));
}

function scaleOf(o: KObject): KObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: Number(getPath(o, 'spec.replicas') ?? 0) },
    status: {
      replicas: Number(getPath(o, 'status.replicas') ?? 0),
      selector: formatSelector(fromLabelSelectorObject(getPath(o, 'spec.selector'))).replace(/^<none>$/, ''),
    },
  };
}

function handleScale(ctx: SimContext, r: ResourceRequest): void {
  const cur = ctx.api.get(r.t, r.namespace, r.name!);
  if (r.verb === 'get') {
    sendJson(r.res, 200, scaleOf(cur));
    return;
  }
  const body = parseBody(r);
  let scale = scaleOf(cur);
  if (r.verb === 'update') scale = body as KObject;
  else {
    // Patch the Scale view, then carry its replicas over to the owner.
    const ct = (r.req.headers['content-type'] ?? '').split(';')[0].trim();
    if (ct === PATCH_TYPES.json) {
      scale = applyJsonPatch(scale, body) as KObject;
    } else if (isPlainObject(body)) {
      const replicas = getPath(body, 'spec.replicas');
      if (replicas !== undefined) scale.spec = { replicas };
    }
  }
  const replicas = getPath(scale, 'spec.replicas');
  if (typeof replicas !== 'number' || replicas < 0) {
    throw badRequest(
      `Scale.autoscaling "${r.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
    );
  }
  const rv = getPath(scale, 'metadata.resourceVersion');
  const next = clone(cur);
  (next.spec as Record<string, unknown>).replicas = replicas;
  if (typeof rv === 'string' && rv) next.metadata.resourceVersion = rv;
  const w = ctx.api.update(r.t, r.namespace, r.name!, next, writeOptions(r));
  sendJson(r.res, 200, scaleOf(w.object));
}

function podLog(ctx: SimContext, r: ResourceRequest): void {
  const pod = ctx.api.get(r.t, r.namespace, r.name!);
  const containers = (getPath(pod, 'spec.containers') as Record<string, unknown>[] | undefined) ?? [];
  const wanted = r.query.get('container') ?? String(containers[0]?.name ?? '');
  const c = containers.find((x) => x.name === wanted);
  if (!c) {
    throw badRequest(`container ${wanted} is not valid for pod ${r.name}`);
  }
  const statuses = (getPath(pod, 'status.containerStatuses') as Record<string, unknown>[] | undefined) ?? [];
  const st = statuses.find((s) => s.name === wanted);
  if (!st || !isPlainObject(st.state) || !('running' in st.state || 'terminated' in st.state)) {
    const reason = st && isPlainObject(st.state) && isPlainObject(st.state.waiting) ? String(st.state.waiting.reason) : 'ContainerCreating';
    throw badRequest(`container "${wanted}" in pod "${r.name}" is waiting to start: ${reason}`);
  }
  const text = `cluster-sim: container ${wanted} started from image ${String(c.image)}\ncluster-sim: listening on :${String(getPath(c, 'ports.0.containerPort') ?? 8080)}\n`;
  r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  r.res.end(text);
}

function deleteOptions(r: ResourceRequest): DeleteOptions {
  const body = parseBody(r);
  const b = isPlainObject(body) ? body : {};
  const policy = (r.query.get('propagationPolicy') ?? b.propagationPolicy) as DeleteOptions['propagationPolicy'] | undefined;
  if (policy && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  const dry = [...r.query.getAll('dryRun'), ...(Array.isArray(b.dryRun) ? b.dryRun.map(String) : [])];
  const grace = r.query.get('gracePeriodSeconds') ?? (typeof b.gracePeriodSeconds === 'number' ? String(b.gracePeriodSeconds) : null);
  return {
    dryRun: dry.includes('All'),
    ...(grace !== null && Number.isFinite(Number(grace)) ? { gracePeriodSeconds: Math.max(0, Number(grace)) } : {}),
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(isPlainObject(b.preconditions) ? { preconditions: b.preconditions as DeleteOptions['preconditions'] } : {}),
  };
}

function deletedResponse(ctx: SimContext, r: ResourceRequest, o: KObject): void {
  if (r.t.kind === 'Pod' || o.metadata.deletionTimestamp) {
    sendObject(ctx, r, 200, o);
    return;
  }
  sendJson(r.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: o.metadata.name, ...(r.t.group ? { group: r.t.group } : {}), kind: r.t.plural, uid: o.metadata.uid },
  });
}

export async function handleResource(ctx: SimContext, r: ResourceRequest): Promise<void> {
  const { t } = r;
  // Collections take GET, POST and DELETE; items take GET, PUT, PATCH and DELETE.
  if ((r.verb === 'update' || r.verb === 'patch') && !r.name) throw methodNotAllowed();
  if (r.subresource === 'eviction' && t.subresources.includes('eviction')) {
    if (r.verb !== 'create') throw methodNotAllowed();
    return handleEviction(ctx, r.namespace!, r.name!, parseBody(r), writeOptions(r).dryRun === true, r.res);
  }
  if (r.verb === 'create' && r.name) throw methodNotAllowed();
  if (r.subresource && !t.subresources.includes(r.subresource))
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  if (t.virtual) {
    if (r.verb !== 'create') throw methodNotAllowed();
    const body = parseBody(r);
    if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
    const answer = answerReview(t.kind, body as KObject, r.user, ctx.authz, r.namespace);
    sendJson(r.res, 201, answer);
    return;
  }
  if (r.subresource === 'scale') return handleScale(ctx, r);
  if (r.subresource === 'log') {
    if (r.verb !== 'get') throw methodNotAllowed();
    return podLog(ctx, r);
  }
  const sub = r.subresource ?? '';
  switch (r.verb) {
    case 'list':
      return handleList(ctx, r);
    case 'watch':
      return handleWatch(ctx, r);
    case 'get':
      return sendObject(ctx, r, 200, ctx.api.get(t, r.namespace, r.name!));
    case 'create': {
      const body = parseBody(r);
      if (!isPlainObject(body)) throw badRequest('Object cannot be handled: the body is not a JSON object');
      const w = ctx.api.create(t, r.namespace, body as KObject, writeOptions(r));
      return sendObject(ctx, r, 201, w.object, w.warnings);
    }
    case 'update': {
      const body = parseBody(r);
      if (!isPlainObject(body)) throw badRequest('Object cannot be handled: the body is not a JSON object');
      const w = ctx.api.update(t, r.namespace, r.name!, body as KObject, writeOptions(r, sub));
      return sendObject(ctx, r, 200, w.object, w.warnings);
    }
    case 'patch': {
      const ct = (r.req.headers['content-type'] ?? '').split(';')[0].trim();
      const body = parseBody(r);
      const w = ctx.api.patch(t, r.namespace, r.name!, ct, body, writeOptions(r, sub));
      return sendObject(ctx, r, w.created ? 201 : 200, w.object, w.warnings);
    }
    case 'delete': {
      const o = ctx.api.delete(t, r.namespace, r.name!, deleteOptions(r));
      return deletedResponse(ctx, r, o);
    }
    case 'deletecollection': {
      const opts = deleteOptions(r);
      const deleted = ctx.api
        .list(t, r.namespace, listOptions(r))
        .map((o) => ctx.api.delete(t, o.metadata.namespace, o.metadata.name!, opts));
      sendJson(r.res, 200, {
        kind: t.listKind,
        apiVersion: apiVersionOf(t.group, r.version),
        metadata: { resourceVersion: String(ctx.store.currentRv()) },
        items: deleted.map((o) => render(t, r.version, o)),
      });
      return;
    }
    default:
      throw methodNotAllowed();
  }
}
