// Hover: on a reference, the resolved target (namespace, file) and the rest of its chain; on
// metadata.name, the effective namespace and why; elsewhere, the schema's docs and type.
import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver/node';
import {
  locate,
  resolve,
  chainOf,
  keyOf,
  splitApiVersion,
  subschemaAt,
  parentPointer,
  describe,
  dataKeysOf,
  splitPointer,
  labelsOf,
  type ChainNode,
  type Reference,
  type Resource,
} from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import { nameAt } from './nameAt.js';
import { namespaceExplanation, relativeLocation, resourceTitle } from './describeResource.js';
import { renderedIdentities, renderedReference } from './renderedHover.js';
import { effectiveResourcesHover } from './resourcesHover.js';

export async function provideHover(ctx: ServerContext, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  // A reference's target may sit in a file the initial scan has not reached yet.
  if (!(await whenIndexed(ctx.session, token))) return null;
  const file = ctx.session.file(uri);
  if (!file) return null;
  const at = nameAt(ctx.session, uri, params.position);
  let value: string | undefined;
  if (at?.kind === 'reference') {
    const each = at.part === 'name' ? renderedReference(ctx, uri, params.position) : undefined;
    value = [referenceHover(ctx, at.reference, at.part), each].filter(Boolean).join('\n\n');
  } else if (at?.kind === 'declaration') value = renderedIdentities(ctx, uri, params.position) ?? declarationHover(ctx, at.resource);
  const range = at?.range;
  if (value === undefined) {
    const loc = locate(file, params.position);
    const resource = ctx.session.workspace.resourceAt(uri, params.position);
    if (!loc || !resource || loc.pointer === '') return null;
    if (loc.pointer === '/metadata/namespace') value = renderedIdentities(ctx, uri, params.position);
    value ??= schemaHover(ctx, resource, loc.pointer, loc.keyName);
    const effective = effectiveResourcesHover(ctx, uri, params.position, loc.pointer);
    if (effective) value = value ? `${value}\n\n${effective}` : effective;
    if (value === undefined) return null;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** Which API generation the document is read as, and why (hover on apiVersion and kind). */
export function generationLine(r: Resource): string {
  const choice = r.api;
  if (!choice) return '';
  const what = choice.api ? `the **${choice.api.title} API** (${choice.api.hallmarks})` : 'no API generation these tools know';
  const notes = choice.notes?.length ? ` ${choice.notes.join('; ')}.` : '';
  // Where the docs of the generation and its operator's CRD differ, and no CRD here decides.
  const drift = choice.api && choice.source !== 'crd' ? choice.api.drift.filter((d) => d.kind === r.kind).map((d) => d.note) : [];
  const driftLine = drift.length
    ? ` The documented form is accepted: ${drift.join('; ')}; add the operator's CRDs to the workspace to check against them.`
    : '';
  return `Read as ${what}: ${choice.because}.${notes}${driftLine}`;
}

function schemaHover(ctx: ServerContext, r: Resource, pointer: string, keyName?: string): string | undefined {
  const { group, version } = splitApiVersion(r.apiVersion);
  const found = ctx.session.schemas.schemaFor(group, version, r.kind, r.api?.api);
  if (pointer === '/kind' || pointer === '/apiVersion') {
    if (!found) return generationLine(r) || undefined;
    // What this document is, and which versions of it the API serves (from which schema layer).
    const source =
      found.source === 'builtin'
        ? 'built-in schema'
        : found.source === 'crd-workspace'
          ? `CRD in the workspace${found.crdName ? ` \`${found.crdName}\`` : ''}`
          : 'CRD installed in the cluster';
    return [
      `**${r.kind}** (\`${r.apiVersion}\`)`,
      found.schema?.description ?? '',
      generationLine(r),
      `Served versions: ${found.servedVersions.map((v) => `\`${group}/${v}\``).join(', ') || 'none'} — ${source}.`,
    ]
      .filter(Boolean)
      .join('\n\n');
  }
  if (!found?.schema) return undefined;
  const schema = subschemaAt(found.schema, pointer);
  if (!schema) return undefined;
  const parent = subschemaAt(found.schema, parentPointer(pointer));
  const field = keyName ?? splitPointer(pointer).pop();
  const required = !!field && !!parent?.required?.includes(field);
  const origin =
    found.source === 'builtin'
      ? ''
      : `\n\n_Schema from ${found.source === 'crd-workspace' ? 'a CRD in the workspace' : "the cluster's CRD"}${found.crdName ? ` \`${found.crdName}\`` : ''}._`;
  return describe(schema, field, { required }).markdown + origin;
}

function declarationHover(ctx: ServerContext, r: Resource): string {
  const lines = [`**${r.kind}** \`${r.namespace ? `${r.namespace}/` : ''}${r.name}\``, namespaceExplanation(ctx, r)];
  const refs = ctx.session.workspace.referrersOf(keyOf(r));
  if (refs.length > 0) {
    lines.push(
      `Used by ${refs.length}: ${refs
        .slice(0, 10)
        .map((x) => `${x.source.kind} \`${x.source.namespace}/${x.source.name}\``)
        .join(', ')}${refs.length > 10 ? ', …' : ''}`,
    );
  } else if (r.group === 'agent.flokoa.ai' && r.kind !== 'Agent') {
    lines.push('Nothing in the workspace references it.');
  }
  return lines.join('\n\n');
}

function referenceHover(ctx: ServerContext, ref: Reference, part: 'name' | 'namespace' | 'key'): string {
  const ws = ctx.session.workspace;
  const t = ref.target;
  if (part === 'namespace') {
    const ns = ws.namespaceObject(t.namespace);
    const count = ws.list(t.group, t.kind, t.namespace).length;
    const labels = ns ? Object.entries(labelsOf(ns)) : [];
    return [
      `**Namespace** \`${t.namespace}\`${ns ? ` — ${relativeLocation(ctx, ns)}` : ' (no Namespace object in the workspace)'}`,
      labels.length ? `Labels: ${labels.map(([k, v]) => `\`${k}=${v}\``).join(', ')}` : '',
      `${count} ${t.kind}${count === 1 ? '' : 's'} in this namespace.`,
    ]
      .filter(Boolean)
      .join('\n\n');
  }
  const res = resolve(ref, ws);
  const head = res.target
    ? `**${t.kind}** \`${res.target.namespace}/${res.target.name}\` — ${relativeLocation(ctx, res.target)}`
    : `**${t.kind}** \`${t.namespace}/${t.name}\` — not found`;
  const out = [head];
  if (!ref.namespaceExplicit && ref.spec.hasNamespace)
    out.push(`No \`namespace:\` given: looked in the referrer's namespace \`${t.namespace}\`.`);
  if (!res.target) {
    if (res.status === 'wrong-kind' && res.wrongKind)
      out.push(`\`${t.name}\` in \`${t.namespace}\` is a ${res.wrongKind.kind}, not a ${t.kind}.`);
    if (res.elsewhere.length)
      out.push(`Exists in namespace${res.elsewhere.length > 1 ? 's' : ''} ${res.elsewhere.map((e) => `\`${e.namespace}\``).join(', ')}.`);
    if (res.closeNames.length) out.push(`Did you mean ${res.closeNames.map((n) => `\`${n}\``).join(' or ')}?`);
    return out.join('\n\n');
  }
  if (part === 'key' || ref.key !== undefined) {
    const keys = dataKeysOf(res.target);
    if (ref.key !== undefined && keys)
      out.push(
        keys.has(ref.key)
          ? `Key \`${ref.key}\` is present.`
          : `Key \`${ref.key}\` is not in it (keys: ${[...keys].map((k) => `\`${k}\``).join(', ') || 'none'}).`,
      );
  }
  const chain = chainOf(res.target, ws);
  if (chain.length > 0) out.push(renderChain(ctx, chain, 0).join('\n'));
  return out.join('\n\n');
}

const MAX_CHAIN_LINES = 30;

function renderChain(ctx: ServerContext, nodes: ChainNode[], depth: number, lines: string[] = []): string[] {
  for (const n of nodes) {
    if (lines.length >= MAX_CHAIN_LINES) {
      lines.push(`${'  '.repeat(depth)}- …`);
      return lines;
    }
    const t = n.reference.target;
    const key = n.reference.key !== undefined ? ` key \`${n.reference.key}\`` : '';
    const where = n.resolution.target
      ? relativeLocation(ctx, n.resolution.target)
      : n.resolution.status === 'forbidden'
        ? 'not readable (forbidden)'
        : `**not found** in \`${n.resolution.lookedIn}\``;
    lines.push(
      `${'  '.repeat(depth)}- ${n.resolution.target ? resourceTitle(n.resolution.target) : `${t.kind} \`${t.namespace}/${t.name}\``}${key} — ${where}`,
    );
    renderChain(ctx, n.children, depth + 1, lines);
  }
  return lines;
}
