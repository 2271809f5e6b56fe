// The HTTP front of the sim: authentication and impersonation, request info (verb, resource,
// namespace, name, subresource) parsed from the path as the API server does, authorization,
// fault injection, accounting, then discovery/OpenAPI or the resource handlers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import { handleResource } from './api/handlers.js';
import { wantsAggregatedDiscovery } from './api/negotiate.js';
import { sendError, sendJson } from './api/respond.js';
import type { UserInfo } from './auth.js';
import { ADMIN_USER, parseServiceAccountUser, withImplicitGroups } from './auth.js';
import type { SimContext } from './context.js';
import { aggregatedDiscovery, apiGroupDoc, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import { ApiError, forbidden, forbiddenPath, internalError, methodNotAllowed, tooManyRequests, unauthorized } from './errors.js';
import { openApiV3GroupVersion, openApiV3Index } from './openapi.js';
import type { RequestRecord } from './request-stats.js';
import type { ResourceType } from './resources.js';
import { SERVER_CERT, SERVER_KEY } from './tls.js';

const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-cluster-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
}

function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** Splits `/api/v1/...` or `/apis/g/v/...` into resource coordinates, or undefined for discovery paths. */
function parseResourcePath(ctx: SimContext, parts: string[]): ResourcePath | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = ctx.registry.find(group, version, rest[2]);
    if (t?.namespaced || (group === '' && !t && rest[2] !== 'status' && rest[2] !== 'finalize')) {
      return {
        group,
        version,
        namespace: rest[1],
        plural: rest[2],
        ...(rest[3] ? { name: rest[3] } : {}),
        ...(rest[4] ? { subresource: rest[4] } : {}),
      };
    }
  }
  return { group, version, plural: rest[0], ...(rest[1] ? { name: rest[1] } : {}), ...(rest[2] ? { subresource: rest[2] } : {}) };
}

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return hasName ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function headerList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Applies Impersonate-User / Impersonate-Group after checking the requester may impersonate. */
function impersonate(ctx: SimContext, req: IncomingMessage, user: UserInfo): UserInfo {
  const as = req.headers['impersonate-user'];
  const groups = headerList(req.headers['impersonate-group']);
  if (typeof as !== 'string' || !as) return user;
  const sa = parseServiceAccountUser(as);
  const check = (resource: string, name: string, namespace = ''): void => {
    const d = ctx.authz.authorize(user, { verb: 'impersonate', group: '', resource, subresource: '', namespace, name });
    if (!d.allowed) throw forbidden(user.name, 'impersonate', '', resource, '', namespace, name);
  };
  if (sa) check('serviceaccounts', sa.name, sa.namespace);
  else check('users', as);
  for (const g of groups) check('groups', g);
  return withImplicitGroups(as, groups);
}

export function createApiServer(ctx: SimContext): Server {
  const server = createServer({ cert: SERVER_CERT, key: SERVER_KEY }, (req, res) => {
    void handle(ctx, req, res);
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

async function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  const record: RequestRecord = { method, path: url.pathname, verb: 'get', code: 200, userAgent: String(req.headers['user-agent'] ?? '') };
  let body: Buffer | undefined;
  try {
    body = await readBody(req);
    const parts = url.pathname.split('/').filter(Boolean);
    if (PUBLIC_PATHS.has(url.pathname)) {
      serveNonResource(ctx, req, res, url);
      return;
    }
    const authenticated = ctx.authn.authenticate(req.headers.authorization);
    if (!authenticated) throw unauthorized();
    if (authenticated.name !== ADMIN_USER && ctx.faults.tokenExpired(String(req.headers.authorization))) throw unauthorized();
    const user = impersonate(ctx, req, authenticated);
    record.user = user.name;
    const rp = parseResourcePath(ctx, parts);
    if (!rp) {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
      const d = ctx.authz.authorize(user, {
        verb: 'get',
        group: '',
        resource: '',
        subresource: '',
        namespace: '',
        name: '',
        path: url.pathname,
      });
      if (!d.allowed) throw forbiddenPath(user.name, 'get', url.pathname);
      serveNonResource(ctx, req, res, url);
      return;
    }
    const t: ResourceType | undefined = ctx.registry.find(rp.group, rp.version, rp.plural);
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    const verb = verbOf(method, !!rp.name, watch);
    Object.assign(record, {
      verb,
      group: rp.group,
      resource: rp.plural,
      ...(rp.subresource ? { subresource: rp.subresource } : {}),
      ...(rp.namespace ? { namespace: rp.namespace } : {}),
      ...(rp.name ? { name: rp.name } : {}),
    });
    if (!t) throw notFoundPath();
    if (!t.namespaced && rp.namespace) throw notFoundPath();
    await injectFaults(ctx, verb);
    // For namespaces the name is also the namespace, so Roles can grant access to their own namespace.
    const namespace = rp.namespace ?? (t.kind === 'Namespace' && rp.name ? rp.name : '');
    const d = ctx.authz.authorize(user, {
      verb,
      group: t.group,
      resource: t.plural,
      subresource: rp.subresource ?? '',
      namespace,
      name: rp.name ?? '',
    });
    if (!d.allowed) throw forbidden(user.name, verb, t.group, t.plural, rp.subresource ?? '', namespace, rp.name ?? '');
    await handleResource(ctx, {
      req,
      res,
      verb,
      t,
      version: rp.version,
      ...(rp.namespace ? { namespace: rp.namespace } : {}),
      ...(rp.name ? { name: rp.name } : {}),
      ...(rp.subresource ? { subresource: rp.subresource } : {}),
      query: url.searchParams,
      user,
      body,
    });
  } catch (err) {
    record.code = sendError(res, err);
  } finally {
    if (record.code === 200) record.code = res.statusCode;
    ctx.requests.record(record);
  }
}

/** The configured faults of resource requests: latency, then an injected error or throttling. */
async function injectFaults(ctx: SimContext, verb: string): Promise<void> {
  const faults = ctx.faults.current;
  if (faults.latencyMs) await delay(faults.latencyMs);
  const decision = ctx.faults.decide(verb);
  if (decision.kind === 'hang') {
    ctx.faults.noteHung();
    // Never settles; the connection ends when the client gives up or the sim stops.
    await new Promise<never>(() => undefined);
  }
  if (decision.kind === 'error') throw internalError('injected fault: the server is failing this request');
  if (decision.kind === 'forbidden') throw new ApiError(403, 'Forbidden', `injected fault: ${verb} is denied`, {});
  if (decision.kind === 'throttle') throw tooManyRequests(decision.retryAfterSeconds);
}

function serveNonResource(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const p = url.pathname.replace(/\/$/, '') || '/';
  const accept = req.headers.accept;
  if (p === '/version') return sendJson(res, 200, VERSION_INFO);
  if (p === '/healthz' || p === '/livez' || p === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  if (p === '/api' || p === '/apis') {
    const v = wantsAggregatedDiscovery(accept);
    if (v) {
      const apiVersion = `apidiscovery.k8s.io/${v}`;
      return sendJson(
        res,
        200,
        aggregatedDiscovery(ctx.registry, p === '/api', apiVersion),
        { Vary: 'Accept' },
        `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
      );
    }
    return sendJson(res, 200, p === '/api' ? apiVersions(ctx.serverAddress()) : apiGroupList(ctx.registry), { Vary: 'Accept' });
  }
  const parts = p.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length === 2) {
    const doc = apiResourceList(ctx.registry, '', parts[1]);
    if (doc) return sendJson(res, 200, doc);
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    const doc = apiGroupDoc(ctx.registry, parts[1]);
    if (doc) return sendJson(res, 200, doc);
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const doc = apiResourceList(ctx.registry, parts[1], parts[2]);
    if (doc) return sendJson(res, 200, doc);
  }
  if (p === '/openapi/v3') return sendJson(res, 200, openApiV3Index(ctx.registry));
  if (parts[0] === 'openapi' && parts[1] === 'v3') {
    const [kind, a, b] = parts.slice(2);
    const doc =
      kind === 'api' ? openApiV3GroupVersion(ctx.registry, '', a) : kind === 'apis' ? openApiV3GroupVersion(ctx.registry, a, b) : undefined;
    if (doc) return sendJson(res, 200, doc, { 'Cache-Control': 'public, immutable' });
  }
  throw notFoundPath();
}
