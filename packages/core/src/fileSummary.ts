// What the renderings note of a file when it changes: whether it holds Flux Kustomizations, and the
// ConfigMaps and Secrets it defines (a rendering may read them). The workspace keeps it up to date
// from the documents an edit changed, so noting a change does not read the whole file again.
import { isFluxKustomization } from './render/index.js';
import { isPlainObject } from './schema/structural.js';

/** What noting a file needs to know of it. */
export interface FileSummary {
  documents: number;
  /** How many Flux Kustomizations it holds. */
  flux: number;
  /** The ConfigMaps and Secrets it defines (their values). */
  objects: unknown[];
}

/** A file's summary worked out from its documents (hosts that keep one up to date spare the pass). */
export function summarize(docs: readonly { value: unknown }[]): FileSummary {
  const objects = docs.map((d) => d.value).filter((v) => isPlainObject(v) && (v.kind === 'ConfigMap' || v.kind === 'Secret'));
  return { documents: docs.length, flux: docs.filter((d) => isFluxKustomization(d.value)).length, objects };
}
