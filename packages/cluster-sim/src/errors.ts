// Kubernetes `Status` errors with the reasons, codes and messages the real API server uses,
// so that kubectl and client libraries print and classify them as they would for a real cluster.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): Status {
    const s: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) s.details = this.details;
    return s;
  }
}

/** `agents.agent.flokoa.ai` or `secrets` for the core group: how the server names a resource in messages. */
export function qualified(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

function detailsOf(group: string, resource: string, name?: string): StatusDetails {
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (group) d.group = group;
  d.kind = resource;
  return d;
}

export function notFound(group: string, resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(group, resource)} "${name}" not found`, detailsOf(group, resource, name));
}

export function alreadyExists(group: string, resource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(group, resource)} "${name}" already exists`, detailsOf(group, resource, name));
}

export function conflict(group: string, resource: string, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(group, resource)} "${name}": ${why}`,
    detailsOf(group, resource, name),
  );
}

export const STALE_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldError {
  field: string;
  /** StatusCause reason: FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueTypeInvalid... */
  reason: string;
  /** The part after `field: `, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  detail: string;
}

/** 422 Invalid, formatted as the API server does: one error inline, several in brackets. */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const parts = errors.map((e) => (e.field ? `${e.field}: ${e.detail}` : e.detail));
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.detail, field: e.field })),
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(
  user: string,
  verb: string,
  group: string,
  resource: string,
  subresource: string,
  namespace: string,
  name: string,
): ApiError {
  const what = subresource ? `${resource}/${subresource}` : resource;
  const subject = name ? `${qualified(group, resource)} "${name}"` : qualified(group, resource);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${what}" in API group "${group}" ${scope}`,
    detailsOf(group, resource, name || undefined),
  );
}

/** 403 from an admission plugin (quota, limit ranges): `pods "x" is forbidden: <why>`. */
export function admissionForbidden(group: string, resource: string, name: string, why: string): ApiError {
  const subject = name ? `${qualified(group, resource)} "${name}"` : qualified(group, resource);
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, detailsOf(group, resource, name || undefined));
}

export function forbiddenPath(user: string, verb: string, path: string): ApiError {
  return new ApiError(403, 'Forbidden', `forbidden: User "${user}" cannot ${verb} path "${path}"`, {});
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    'TooManyRequests',
    'The server has received too many requests and has asked us to try again later',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function unsupportedMediaType(message: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', message);
}

export function notAcceptable(message: string): ApiError {
  return new ApiError(406, 'NotAcceptable', message);
}
