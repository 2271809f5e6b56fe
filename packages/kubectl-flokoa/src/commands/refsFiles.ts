// `refs -f FILE|DIR [-R]`: the reference check on manifests, without a cluster (a CI gate).
import { FLOKOA_GROUP, type Resource } from '@flokoa/core';
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { ReportedFailure, UsageError } from '@flokoa/kube';
import { refsFromLookup, parseTarget as parseAnyTarget, type RefsTarget } from '../refs/refsTree.js';
import { fileLocation, loadManifests, unreadSubfolders } from '../refs/files.js';
import { fileRoots, judgeAsLinter, reachedKeys } from '../refs/filePolicy.js';
import { reverseInFiles } from '../refs/reverse.js';
import { checkRbacInFiles, existingRbacInFiles } from '../refs/rbacFiles.js';
import { missingGrants } from '../refs/rbac.js';
import { renderRefs, renderReverse, type RefsFormat } from '../render/refs.js';
import { print, printGrants } from './refsOutput.js';

export interface FilesRequest {
  format: RefsFormat;
  reverse: string | undefined;
  all: boolean;
  target: RefsTarget | undefined;
  /** --check-rbac: the files' own RBAC judged by core's engine. */
  checkRbac: boolean;
  /** --fix-rbac: print what grants the reads the files' RBAC denies. */
  fixRbac?: boolean;
}

export function runOnFiles(
  ctx: CommandContext,
  files: string[],
  { format, reverse, all, target: t, checkRbac, fixRbac }: FilesRequest,
): void {
  const p = palette(ctx.io.color);
  const explicitNs = ctx.flags.string('namespace') || undefined;
  const loaded = loadManifests(files, ctx.flags.bool('recursive'), explicitNs ?? 'default');
  for (const w of loaded.warnings) ctx.io.err(`warning: ${w}; not read`);
  for (const { file, finding } of loaded.problems) {
    ctx.io.err(`${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.message}`);
  }
  const source = files.join(',');
  const unread = unreadSubfolders(files, ctx.flags.bool('recursive'));
  const withoutR = unread.length ? ` (not read without -R: ${unread.join(', ')})` : '';
  const warnUnread = () => unread.length && ctx.io.err(`warning: subfolders not read without -R: ${unread.join(', ')}`);
  if (reverse) {
    const report = reverseInFiles(loaded.workspace, parseAnyTarget(reverse, 'Secret'), explicitNs ?? 'default', source);
    warnUnread();
    print(ctx, format, renderReverse(report, format, p));
    return finish(ctx, 0, loaded.problems.length);
  }
  let roots: Resource[];
  const inScope = (r: Resource) => !!r.name && (all || !explicitNs || r.namespace === explicitNs);
  if (t) {
    roots = loaded.workspace
      .resources({ group: t.group, kind: t.kind })
      .filter((r) => r.name === t.name && (!explicitNs || r.namespace === explicitNs));
    if (roots.length === 0) throw new UsageError(`${t.kind.toLowerCase()} "${t.name}" not found in ${source}${withoutR}`);
  } else {
    const agents = loaded.workspace
      .resources({ group: FLOKOA_GROUP, kind: 'Agent' })
      .filter(inScope)
      .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
    roots = fileRoots(loaded.workspace, agents, reachedKeys(refsFromLookup(agents, loaded.workspace, source))).filter(inScope);
    // A gate that checked nothing has not passed (a folder given without -R, a wrong path).
    if (roots.length === 0 && loaded.problems.length === 0) {
      throw new UsageError(
        `no Agent or other Flokoa object with references found in ${source}${explicitNs && !all ? ` in namespace "${explicitNs}"` : ''}${withoutR}`,
      );
    }
  }
  const found = refsFromLookup(roots, loaded.workspace, source, fileLocation);
  if (checkRbac || fixRbac) checkRbacInFiles(loaded.workspace, found.roots);
  if (fixRbac) {
    const grants = missingGrants(found.roots);
    if (grants.length) ctx.io.err("# names checked against the Roles and RoleBindings in these files only, not the cluster's");
    printGrants(
      ctx,
      grants,
      existingRbacInFiles(
        loaded.workspace,
        grants.map((g) => g.namespace),
      ),
    );
    return finish(ctx, 0, loaded.problems.length);
  }
  const report = judgeAsLinter(found, loaded.workspace.settings);
  warnUnread();
  print(ctx, format, renderRefs(report, format, p, ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined));
  return finish(ctx, report.summary.broken, loaded.problems.length);
}

/** Exit 1 (after saying why on stderr) when manifests could not be read or a reference is broken. */
export function finish(ctx: CommandContext, broken: number, unreadable: number): void {
  if (unreadable) {
    ctx.io.err(`error: ${unreadable} problem${unreadable > 1 ? 's' : ''} reading the manifests`);
    throw new ReportedFailure('unreadable manifests');
  }
  if (broken) {
    ctx.io.err(`error: ${broken} broken reference${broken > 1 ? 's' : ''}`);
    throw new ReportedFailure('broken references');
  }
}
