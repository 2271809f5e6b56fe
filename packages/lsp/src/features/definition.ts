// Go to definition: from a reference to the target's metadata.name (or to the Namespace object,
// or to the key inside the Secret/ConfigMap, depending on which part the cursor is on).
import type { CancellationToken, DefinitionParams, Location } from 'vscode-languageserver/node';
import { joinPointer } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import { namesAt, keyFor, nameLocation, type NameAt } from './nameAt.js';

export async function provideDefinition(
  ctx: ServerContext,
  params: DefinitionParams,
  token: CancellationToken,
): Promise<Location[] | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  // A reference in a base resolves once per overlay: every target it reaches.
  const out = new Map<string, Location>();
  for (const at of namesAt(ctx.session, params.textDocument.uri, params.position)) {
    for (const l of definitionOf(ctx, at) ?? []) out.set(`${l.uri}#${l.range.start.line}:${l.range.start.character}`, l);
  }
  return out.size > 0 ? [...out.values()] : null;
}

function definitionOf(ctx: ServerContext, at: NameAt): Location[] | null {
  if (at.kind !== 'reference') return null;
  const ws = ctx.session.workspace;
  if (at.part === 'namespace') {
    const ns = ws.namespaceObject(at.reference.target.namespace);
    return ns && !ws.isExternal(ns) ? [nameLocation(ns)] : null;
  }
  const { target } = keyFor(ctx.session, at);
  // A cluster object has no file to open; hover shows where it lives instead.
  if (!target || ws.isExternal(target)) return null;
  if (at.part === 'key' && at.reference.key !== undefined) {
    for (const field of ['data', 'stringData', 'binaryData']) {
      const r = target.ranges.get(joinPointer(`/${field}`, at.reference.key));
      if (r) return [{ uri: target.uri, range: r.key ?? r.value }];
    }
  }
  return [nameLocation(target)];
}
