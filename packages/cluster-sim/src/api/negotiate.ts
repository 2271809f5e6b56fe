// Content negotiation on the Accept header: plain JSON, meta.k8s.io Table, aggregated
// discovery. Protobuf is never produced; clients that also accept JSON get JSON.

import { notAcceptable } from '../errors.js';

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p: Record<string, string> = {};
    for (const kv of params) {
      const i = kv.indexOf('=');
      if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
    }
    return { type: type.toLowerCase(), params: p };
  });
}

const JSONISH = new Set(['application/json', '*/*', 'application/*']);

export type ObjectOutput = { as: 'object' } | { as: 'table'; version: string } | { as: 'metadata'; list: boolean };

/** How to render a resource response; throws 406 when nothing acceptable is asked for. */
export function chooseOutput(accept: string | undefined): ObjectOutput {
  const types = parseAccept(accept);
  for (const t of types) {
    if (!JSONISH.has(t.type)) continue;
    if (t.params.as === 'Table' && t.params.g === 'meta.k8s.io') return { as: 'table', version: t.params.v ?? 'v1' };
    if ((t.params.as === 'PartialObjectMetadata' || t.params.as === 'PartialObjectMetadataList') && t.params.g === 'meta.k8s.io') {
      return { as: 'metadata', list: t.params.as === 'PartialObjectMetadataList' };
    }
    if (!t.params.as) return { as: 'object' };
  }
  throw notAcceptable(
    `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json;as=Table;v=v1;g=meta.k8s.io`,
  );
}

/** The aggregated discovery version asked for (v2 or v2beta1), if any. */
export function wantsAggregatedDiscovery(accept: string | undefined): string | undefined {
  for (const t of parseAccept(accept)) {
    if (
      t.params.as === 'APIGroupDiscoveryList' &&
      t.params.g === 'apidiscovery.k8s.io' &&
      (t.params.v === 'v2' || t.params.v === 'v2beta1')
    ) {
      return t.params.v;
    }
    if (JSONISH.has(t.type) && !t.params.as) return undefined;
  }
  return undefined;
}
