// Rename a resource and every reference to it, across files. Only names can be renamed: a
// request anywhere else is refused with a reason, as is a name that Kubernetes would reject.
import {
  ResponseError,
  ErrorCodes,
  type CancellationToken,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { describeKey, keyString, type ObjectKey } from '@flokoa/core';
import { whenIndexed, type ServerContext } from '../context.js';
import { nameAt, namesAt, keyFor, keysFor, type NameAt } from './nameAt.js';
import { referrersOf } from './referrers.js';

// Object names are DNS-1123 subdomains: lower-case alphanumerics, '-' and '.', at most 253 characters.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function refuse(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}

function renamable(ctx: ServerContext, at: NameAt | undefined): NameAt {
  if (!at) throw refuse('Only the name of a resource (metadata.name) or the name in a reference to one can be renamed.');
  if (at.kind === 'reference' && at.part !== 'name') throw refuse(`Only names can be renamed, not the ${at.part} of a reference.`);
  const { target } = keyFor(ctx.session, at);
  if (at.kind === 'reference' && !target) {
    throw refuse(
      `${at.reference.target.kind} "${at.reference.target.name}" is not defined in the workspace (looked in namespace "${at.reference.target.namespace}"), so it cannot be renamed here.`,
    );
  }
  if (target && ctx.session.workspace.isExternal(target))
    throw refuse(`${target.kind} "${target.name}" lives in the cluster, not in a file; rename it there.`);
  if (target?.producedBy)
    throw refuse(`${target.kind} "${target.name}" is made by ${target.producedBy.kind} "${target.producedBy.name}"; rename it there.`);
  return at;
}

export async function prepareRename(
  ctx: ServerContext,
  params: PrepareRenameParams,
  token: CancellationToken,
): Promise<{ range: Range; placeholder: string } | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  const at = renamable(ctx, nameAt(ctx.session, params.textDocument.uri, params.position));
  const { key } = keyFor(ctx.session, at);
  return { range: at.range, placeholder: key.name };
}

export async function provideRename(ctx: ServerContext, params: RenameParams, token: CancellationToken): Promise<WorkspaceEdit | null> {
  if (!(await whenIndexed(ctx.session, token))) return null;
  const at = renamable(ctx, nameAt(ctx.session, params.textDocument.uri, params.position));
  const newName = params.newName.trim();
  if (newName.length > 253 || !DNS_SUBDOMAIN.test(newName)) {
    throw refuse(
      `"${params.newName}" is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.`,
    );
  }
  const ws = ctx.session.workspace;
  const { key } = keyFor(ctx.session, at);
  if (newName === key.name) return { changes: {} };
  const clash = ws.find({ ...key, name: newName }).find((r) => !ws.isExternal(r));
  if (clash) throw refuse(`${key.kind} "${newName}" already exists in namespace "${key.namespace}" (${clash.uri}).`);
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const edit = (uri: string, range: Range | undefined): void => {
    if (!range) return;
    const id = `${uri}#${range.start.line}:${range.start.character}`;
    if (seen.has(id)) return;
    seen.add(id);
    (changes[uri] ??= []).push({ range, newText: newName });
  };
  // A name written in a base is one object per overlay: its referrers in every rendering are renamed.
  const ats = namesAt(ctx.session, params.textDocument.uri, params.position).filter((a) => a.kind === 'declaration' || a.part === 'name');
  for (const { key: k } of keysFor(ctx.session, ats.length > 0 ? ats : [at])) {
    for (const r of ws.find(k)) if (!ws.isExternal(r) && !r.producedBy) edit(r.uri, r.ranges.get('/metadata/name')?.value);
    for (const ref of ws.referrersOf(k)) edit(ref.source.uri, ref.nameRange);
  }
  ctx.log.info(`rename ${keyString(key)} → ${newName}: ${seen.size} edits in ${Object.keys(changes).length} files`);
  warnLiveReferrers(ctx, key);
  return { changes };
}

/** Objects in the cluster that no file defines cannot be renamed with the files: say which still use the old name. */
function warnLiveReferrers(ctx: ServerContext, key: ObjectKey): void {
  const live = referrersOf(ctx, key).filter((r) => ctx.session.workspace.isExternal(r.source));
  if (live.length === 0) return;
  const context = live[0].source.uri.slice('cluster://'.length);
  const names = live.slice(0, 5).map((r) => describeKey(r.source));
  const more = live.length > 5 ? ` and ${live.length - 5} more` : '';
  void ctx.connection.window.showWarningMessage(
    `Flokoa: ${live.length} object${live.length > 1 ? 's' : ''} in cluster "${context}" still use${live.length > 1 ? '' : 's'} ${describeKey(key)}: ${names.join(', ')}${more}. They break when the renamed ${key.kind} is applied, unless they are changed too.`,
  );
}
