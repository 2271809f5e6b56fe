// Hover on a document that kustomizations or Flux render: what each rendering makes of it (the
// object's name and namespace per overlay, and who renamed or moved it), and how a reference
// written in it resolves in each.
import { keyOf, renderingLabel, resolve, type Position, type Resource } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import { namesAt, type NameAt } from './nameAt.js';
import { relativeLocation } from './describeResource.js';

function identity(r: Resource): string {
  return `${r.kind} \`${r.namespace ? `${r.namespace}/` : ''}${r.name}\``;
}

/** "namePrefix (overlays/prod/kustomization.yaml:4), namespace (…)": who changed the identity. */
function changes(ctx: Pick<ServerContext, 'session'>, r: Resource): string {
  const by = (r.rendering?.changes ?? []).map((c) => {
    const line = (c.by.doc.ranges.get(c.by.pointer)?.value ?? c.by.doc.range).start.line + 1;
    return `${c.by.transformer} (${ctx.session.displayPath(c.by.doc.uri)}:${line})`;
  });
  return [...new Set(by)].join(', ');
}

/** The rendered identities of the document at a position, one line per rendering; undefined for a plain document. */
export function renderedIdentities(ctx: Pick<ServerContext, 'session'>, uri: string, pos: Position): string | undefined {
  const rendered = ctx.session.workspace.resourcesAt(uri, pos).filter((r) => r.rendering);
  if (rendered.length === 0) return undefined;
  const lines = rendered.map((r) => {
    const by = changes(ctx, r);
    const used = ctx.session.workspace.referrersOf(keyOf(r)).length;
    return `- ${renderingLabel({ kind: r.rendering!.flux ? 'flux' : 'kustomize', dir: r.rendering!.dir, flux: r.rendering!.flux }, uri)}: ${identity(r)}${by ? ` — ${by}` : ''}${used ? `; used by ${used}` : ''}`;
  });
  const head = rendered.length === 1 ? 'What the cluster receives:' : `Rendered ${rendered.length} times; what the cluster receives:`;
  return [head, lines.join('\n')].join('\n\n');
}

/** How a reference written in a rendered document resolves in each rendering. */
export function renderedReference(ctx: Pick<ServerContext, 'session'>, uri: string, pos: Position): string | undefined {
  const ats = namesAt(ctx.session, uri, pos).filter((a): a is Extract<NameAt, { kind: 'reference' }> => a.kind === 'reference');
  if (ats.length < 2 && !ats[0]?.resource.rendering) return undefined;
  const lines = ats.map((at) => {
    const r = at.resource;
    const where = renderingLabel(
      { kind: r.rendering?.flux ? 'flux' : 'kustomize', dir: r.rendering?.dir ?? '', flux: r.rendering?.flux },
      uri,
    );
    const res = resolve(at.reference, ctx.session.workspace);
    const t = at.reference.target;
    const status = res.target ? relativeLocation(ctx, res.target) : '**not found**';
    return `- ${where}: ${t.kind} \`${t.namespace}/${t.name}\` — ${status}`;
  });
  return ['In each rendering:', lines.join('\n')].join('\n\n');
}
