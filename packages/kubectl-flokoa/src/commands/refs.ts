// `refs`: the reference check against a cluster (-f: refsFiles.ts), forward or --reverse, with RBAC.
import { ALL_REFERENCE_SPECS, specsFrom } from '@flokoa/core';
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { AGENT, objectPath, UsageError } from '@flokoa/kube';
import { agentHeadroom } from '../admission/room.js';
import { refsTree, parseTarget as parseAnyTarget, type RefsTarget } from '../refs/refsTree.js';
import { reverseRefs, reverseRefsAll } from '../refs/reverse.js';
import { expandShortName } from '../refs/shortNames.js';
import { finish, runOnFiles } from './refsFiles.js';
import { checkRbac, existingRbac, missingGrants } from '../refs/rbac.js';
import { renderRefs, renderReverse, renderReverseAll } from '../render/refs.js';
import { print, printGrants, refsFormat, warnUnlisted } from './refsOutput.js';
import type { RefsReport } from '../refs/model.js';

export async function run(ctx: CommandContext): Promise<void> {
  const format = refsFormat(ctx.flags.string('output') ?? 'tree');
  const files = ctx.flags.strings('filename');
  const reverse = ctx.flags.string('reverse') || undefined;
  const fixRbac = ctx.flags.bool('fix-rbac');
  const checkRbacFlag = ctx.flags.bool('check-rbac') || fixRbac;
  const all = ctx.flags.bool('all-namespaces');
  const p = palette(ctx.io.color);
  if (reverse && ctx.args.length) throw new UsageError('--reverse takes the object (KIND/NAME) itself; give no other argument');
  if (all && ctx.args.length) throw new UsageError('a resource cannot be retrieved by name across all namespaces');
  if (ctx.flags.bool('recursive') && files.length === 0) throw new UsageError('-R/--recursive only applies to -f/--filename');

  if (files.length) {
    const target = ctx.args.length ? parseTarget(ctx.args[0]) : undefined;
    return runOnFiles(ctx, files, { format, reverse, all, target, checkRbac: checkRbacFlag, fixRbac });
  }

  const client = ctx.client();
  const namespace = ctx.connection().namespace;
  if (reverse && all) {
    const target = parseAnyTarget(await expandShortName(client, reverse), 'Secret');
    const reports = await reverseRefsAll(client, target);
    if (reports.length === 0) {
      ctx.io.err(`No ${target.kind.toLowerCase()} "${target.name}" and no reference to one in any namespace.`);
      return;
    }
    print(ctx, format, renderReverseAll(reports, format, p));
    warnUnlisted(ctx, format, reports);
    return;
  }
  if (reverse) {
    const report = await reverseRefs(client, parseAnyTarget(await expandShortName(client, reverse), 'Secret'), namespace);
    print(ctx, format, renderReverse(report, format, p));
    warnUnlisted(ctx, format, [report]);
    return;
  }
  const report: RefsReport = await refsTree(client, {
    namespace,
    allNamespaces: all,
    target: ctx.args.length ? parseTarget(await expandShortName(client, ctx.args[0])) : undefined,
  });
  const one = report.roots.length === 1 && ctx.args.length ? report.roots[0] : undefined;
  if (one?.kind === 'Agent') {
    const headroom = await agentHeadroom(client, await client.get(objectPath(AGENT, one.namespace, one.name)));
    if (headroom) one.headroom = headroom;
  }
  if (checkRbacFlag) {
    await checkRbac(client, report.roots);
    report.summary = { ...report.summary, ...recount(report) };
  }
  if (fixRbac) {
    const grants = missingGrants(report.roots);
    printGrants(
      ctx,
      grants,
      grants.length
        ? await existingRbac(
            client,
            grants.map((g) => g.namespace),
          )
        : new Map(),
    );
    return;
  }
  if (report.roots.length === 0 && (format === 'tree' || format === 'wide' || format === 'name')) {
    // As kubectl get: the absence of objects is news, not data.
    ctx.io.err(all ? 'No agents found.' : `No agents found in ${namespace} namespace.`);
    return;
  }
  print(ctx, format, renderRefs(report, format, p, ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined));
  return finish(ctx, report.summary.broken, 0);
}

/** A root for the forward tree must be a kind that references something. */
export function parseTarget(arg: string): RefsTarget {
  const t = parseAnyTarget(arg);
  if (specsFrom(t.group, t.kind).length === 0) {
    throw new UsageError(
      `a ${t.kind} references nothing Flokoa knows; refs takes one of: ${[...new Set(ALL_REFERENCE_SPECS.map((s) => s.fromKind))].sort().join(', ')} (use --reverse ${arg} for what depends on it)`,
    );
  }
  return t;
}

function recount(report: RefsReport): Pick<RefsReport['summary'], 'broken' | 'rbacDenied'> {
  let broken = 0;
  let rbacDenied = 0;
  const visit = (nodes: RefsReport['roots'][number]['references']) => {
    for (const n of nodes) {
      if (n.broken) broken++;
      if (n.rbac?.some((c) => c.allowed === false)) rbacDenied++;
      visit(n.children);
    }
  };
  report.roots.forEach((r) => visit(r.references));
  return { broken, rbacDenied };
}
