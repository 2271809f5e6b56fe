// Rendering: what kustomize (and Flux on top of it) would send to the cluster, computed from the
// files in memory, every field traced back to the line that wrote it.
import { RenderContext } from './context.js';
import { KustomizeBuild } from './build.js';
import type { RenderHost, RenderResult } from './model.js';

export type * from './model.js';

/** `kustomize build DIR` for a folder URI (ending in '/'). */
export function renderKustomization(host: RenderHost, dir: string): RenderResult {
  return new KustomizeBuild(new RenderContext(host)).build(dir);
}

export {
  renderFluxKustomization,
  isFluxKustomization,
  resolveFluxPath,
  unresolvedFluxResult,
  FLUX_KUSTOMIZE_GROUP,
  type FluxOptions,
} from './flux.js';
