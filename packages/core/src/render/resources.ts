// Reading the objects a kustomization lists: documents of a file (Lists expanded), each a
// WorkingResource whose fields all trace back to the document they were written in.
import type { RenderContext } from './context.js';
import type { SourceDocument, SourceOrigin } from './model.js';
import { WorkingResource } from './resource.js';
import { derive, isJsonObject, type JsonObject } from './origins.js';
import type { Level } from './kustomization.js';
import { sameId, describeId } from './resid.js';
import { emptyConfig, type TransformerConfig } from './fieldSpec.js';

/**
 * The objects of a resource file, or an error message (kustomize rejects a document without
 * apiVersion/kind/metadata.name). Nothing else is read from the file.
 */
export function objectsOf(ctx: RenderContext, docs: SourceDocument[]): WorkingResource[] | string {
  const out: WorkingResource[] = [];
  const queue: { value: unknown; origin: SourceOrigin }[] = docs
    .filter((d) => d.value !== undefined && d.value !== null)
    .map((d) => ({ value: d.value, origin: { kind: 'source', doc: d, pointer: '' } }));
  while (queue.length > 0) {
    const { value, origin } = queue.shift()!;
    if (!isJsonObject(value)) return `${where(origin)} is not a Kubernetes object`;
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (kind.endsWith('List') && 'items' in value) {
      const items = value.items;
      if (Array.isArray(items))
        items.forEach((item, i) => queue.push({ value: item, origin: derive(derive(origin, 'items'), i) as SourceOrigin }));
      else if (items !== null) return `${where(origin)}: expected a list in ${kind}.items`;
      continue;
    }
    const meta = value.metadata;
    if (typeof value.apiVersion !== 'string' || kind === '' || !isJsonObject(meta))
      return `${where(origin)}: missing Resource metadata (apiVersion, kind, metadata)`;
    if (typeof meta.name !== 'string' || meta.name === '') return `${where(origin)}: missing metadata.name in ${kind}`;
    const object = ctx.book.adopt(value, origin) as JsonObject;
    out.push(new WorkingResource(object, origin, ctx.book));
  }
  return out;
}

function where(origin: SourceOrigin): string {
  return `document ${origin.doc.docIndex + 1} of ${origin.doc.uri.split('/').pop()}${origin.pointer ? ` (${origin.pointer})` : ''}`;
}

/** The objects a kustomization has gathered so far, and the transformer configuration that came with them. */
export class Accumulator {
  readonly resources: WorkingResource[] = [];
  config: TransformerConfig = emptyConfig();

  /** Appends objects; two objects with one identity fail the build, as in kustomize. */
  append(ctx: RenderContext, items: WorkingResource[], level: Level, pointer: string): void {
    for (const r of items) {
      const clash = this.resources.find((x) => sameId(x.id, r.id));
      if (clash) {
        ctx.issue('error', 'duplicate-id', `may not add resource with an already registered id: ${describeId(r.id)}`, level.doc, pointer);
        continue;
      }
      this.resources.push(r);
    }
  }

  remove(r: WorkingResource): void {
    const i = this.resources.indexOf(r);
    if (i >= 0) this.resources.splice(i, 1);
  }

  /** Every object whose current or earlier identity satisfies `match`. */
  matching(match: Parameters<WorkingResource['anyId']>[0]): WorkingResource[] {
    return this.resources.filter((r) => r.anyId(match));
  }
}
