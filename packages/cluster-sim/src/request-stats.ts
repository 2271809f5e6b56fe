// Counts of the API requests served, for tests and benchmarks that must show a client's
// request count does not grow with the data. The log is bounded; the counters are not.

export interface RequestRecord {
  method: string;
  path: string;
  /** Kubernetes verb (get, list, watch, create, update, patch, delete...) or `get` for non-resource paths. */
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  user?: string;
  code: number;
  userAgent?: string;
}

export class RequestStats {
  count = 0;
  /** Requests of resources only (no discovery, OpenAPI or health), as a benchmark of a client's traffic wants. */
  resourceCount = 0;
  byVerb: Record<string, number> = {};
  /** `<verb> <resource>` (e.g. `list agents`) or `<verb> <path>` for non-resource requests. */
  byResource: Record<string, number> = {};
  log: RequestRecord[] = [];

  constructor(private readonly logLimit = 10_000) {}

  record(r: RequestRecord): void {
    this.count++;
    if (r.resource) this.resourceCount++;
    this.byVerb[r.verb] = (this.byVerb[r.verb] ?? 0) + 1;
    const key = `${r.verb} ${r.resource ? (r.subresource ? `${r.resource}/${r.subresource}` : r.resource) : r.path}`;
    this.byResource[key] = (this.byResource[key] ?? 0) + 1;
    this.log.push(r);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }

  reset(): void {
    this.count = 0;
    this.resourceCount = 0;
    this.byVerb = {};
    this.byResource = {};
    this.log = [];
  }
}
