// Container image reference grammar, as github.com/distribution/reference parses it:
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain "/"] path-component ["/" path-component]*
// plus the HA guide's policy: an image must be pinned (a tag other than `latest`, or a digest).

export interface ImageReference {
  /** Registry host[:port], '' when the reference relies on the default registry. */
  domain: string;
  /** Repository path without the domain, e.g. `example/my-agent`. */
  path: string;
  tag?: string;
  digest?: string;
}

export type ImageValidation = { ok: true; ref: ImageReference; pinned: boolean } | { ok: false; error: string };

const NAME_TOTAL_LENGTH_MAX = 255;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Parses an image reference; `allowLatest` lifts the refusal of `:latest` and untagged images. */
export function validateImageReference(image: string, opts: { allowLatest?: boolean } = {}): ImageValidation {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return parsed;
  const { ref } = parsed;
  const pinned = ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest');
  if (!pinned && !opts.allowLatest) {
    const why = ref.tag === 'latest' ? 'uses the :latest tag' : 'has no tag (it means :latest)';
    return {
      ok: false,
      error: `image "${image}" ${why}; pin a version tag or a digest (or pass --allow-latest)`,
    };
  }
  return { ok: true, ref, pinned };
}

export function parseImageReference(image: string): ImageValidation {
  const fail = (why: string): ImageValidation => ({ ok: false, error: `invalid image reference "${image}": ${why}` });
  if (image === '') return fail('empty');
  if (/\s/.test(image)) return fail('contains whitespace');

  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(`invalid digest "${digest}" (expected algorithm:hex, e.g. sha256:<64 hex>)`);
    if (digest.startsWith('sha256:') && digest.length !== 'sha256:'.length + 64) {
      return fail('a sha256 digest has exactly 64 hex characters');
    }
  }
  // The tag is after the last ':' that follows the last '/', so a registry port is not mistaken for one.
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return fail(`invalid tag "${tag}" (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')`);
  }
  if (rest === '') return fail('missing repository name');
  if (rest.length > NAME_TOTAL_LENGTH_MAX) return fail(`repository name longer than ${NAME_TOTAL_LENGTH_MAX} characters`);

  const parts = rest.split('/');
  let domain = '';
  const first = parts[0];
  // Same rule as the Docker CLI: a first component is a registry when it looks like a host.
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    domain = first;
    parts.shift();
    const domainError = checkDomain(domain);
    if (domainError) return fail(domainError);
  }
  for (const component of parts) {
    if (component === '') return fail('empty path component (double or trailing "/")');
    if (component !== component.toLowerCase()) return fail('repository name must be lowercase');
    if (!PATH_COMPONENT.test(component)) {
      return fail(`invalid path component "${component}" (lowercase letters and digits, separated by '.', '_', '__' or '-')`);
    }
  }
  const ref: ImageReference = { domain, path: parts.join('/') };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref, pinned: digest !== undefined || (tag !== undefined && tag !== 'latest') };
}

function checkDomain(domain: string): string | undefined {
  let host = domain;
  const portMatch = /^(.*):([^:\]]*)$/.exec(domain);
  if (portMatch && !IPV6_HOST.test(domain)) {
    host = portMatch[1];
    if (!/^[0-9]+$/.test(portMatch[2])) return `invalid registry port "${portMatch[2]}"`;
  }
  if (IPV6_HOST.test(host)) return undefined;
  for (const c of host.split('.')) {
    if (!DOMAIN_COMPONENT.test(c)) return `invalid registry host "${host}"`;
  }
  return undefined;
}

/** The canonical text of a parsed reference (what a user typed, minus nothing). */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.domain ? ref.domain + '/' : ''}${ref.path}${ref.tag !== undefined ? ':' + ref.tag : ''}${ref.digest ? '@' + ref.digest : ''}`;
}

/** Where an image comes from, as the runtime resolves it: `docker.io/library/x` for `x`. */
export function imageRepository(image: string): string | undefined {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return undefined;
  const domain = parsed.ref.domain === '' || parsed.ref.domain === 'index.docker.io' ? 'docker.io' : parsed.ref.domain;
  const path = domain === 'docker.io' && !parsed.ref.path.includes('/') ? `library/${parsed.ref.path}` : parsed.ref.path;
  return `${domain}/${path}`;
}
