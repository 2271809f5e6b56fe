// How a rendering is named to a user looking at one file: a kustomization by its folder relative
// to where the two meet ("overlays/prod" seen from base/agent.yaml), a Flux Kustomization by name.
import type { RenderRoot } from './renderings.js';

export function renderingLabel(root: Pick<RenderRoot, 'kind' | 'dir' | 'flux'>, fromUri: string): string {
  if (root.kind === 'flux') return `Flux Kustomization ${root.flux}`;
  const from = fromUri.slice(0, fromUri.lastIndexOf('/') + 1);
  let common = 0;
  for (let i = 0; i < Math.min(from.length, root.dir.length); i++) {
    if (from[i] !== root.dir[i]) break;
    if (from[i] === '/') common = i + 1;
  }
  const rel = root.dir.slice(common).replace(/\/$/, '');
  return rel === '' ? root.dir.replace(/\/$/, '').split('/').pop() || root.dir : rel;
}
