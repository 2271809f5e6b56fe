// rollout status | history | undo. (`rollout watch` has its own module: it owns the terminal.)
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { parseDuration, UsageError } from '@flokoa/kube';
import { stringify } from 'yaml';
import { findRevision, history, undo } from '../rollout/history.js';
import { renderRevision } from '../render/revision.js';
import { age } from '../render/age.js';
import { table } from '../render/table.js';
import { followRollout } from './followRollout.js';

export async function status(ctx: CommandContext): Promise<void> {
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  await followRollout(ctx, ctx.connection().namespace, ctx.args[0], { timeoutMs, watch: ctx.flags.bool('watch', true) });
}

export async function showHistory(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  const namespace = ctx.connection().namespace;
  const format = ctx.flags.string('output') ?? '';
  const wanted = ctx.flags.int('revision') ?? 0;
  if (wanted < 0) throw new UsageError(`invalid argument "${wanted}" for "--revision" flag: must be a revision number (1 or more)`);
  const revisions = await history(ctx.client(), { namespace, name });
  const kindName = `agent.agent.flokoa.ai/${name}`;
  if (wanted) {
    const r = findRevision(revisions, wanted, name);
    if (format === 'json' || format === 'yaml') return printData(ctx, format, r);
    ctx.io.out(renderRevision(kindName, r, Date.now()));
    return;
  }
  if (format === 'json' || format === 'yaml')
    return printData(ctx, format, { kind: 'AgentRolloutHistory', namespace, agent: name, revisions });
  if (revisions.length === 0) {
    ctx.io.out(`No rollout history found for agent "${name}".`);
    return;
  }
  const p = palette(ctx.io.color);
  const now = Date.now();
  ctx.io.out(kindName);
  ctx.io.out(
    table(
      ['REVISION', 'IMAGE', 'READY', 'AGE', 'CHANGE-CAUSE'],
      revisions.map((r) => [
        r.current ? p.bold(`${r.revision} (current)`) : String(r.revision),
        r.image ?? '<none>',
        `${r.readyReplicas}/${r.replicas}`,
        r.createdAt ? age(r.createdAt, now) : '<unknown>',
        r.changeCause ?? '<none>',
      ]),
    ),
  );
}

function printData(ctx: CommandContext, format: 'json' | 'yaml', data: unknown): void {
  ctx.io.out(format === 'json' ? JSON.stringify(data, null, 2) : stringify(data).trimEnd());
}

export async function runUndo(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  const namespace = ctx.connection().namespace;
  const dryRun = (ctx.flags.string('dry-run') ?? 'none') as 'none' | 'client' | 'server';
  const watch = ctx.flags.bool('watch');
  if (watch && dryRun !== 'none') throw new UsageError('--watch cannot be combined with --dry-run');
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  const result = await undo(ctx.client(), {
    namespace,
    name,
    toRevision: ctx.flags.int('to-revision'),
    dryRun,
    allowLatest: ctx.flags.bool('allow-latest'),
    changeCause: ctx.flags.string('message') || undefined,
  });
  const suffix = dryRun === 'none' ? '' : ` (${dryRun} dry run)`;
  if (!result.changed) {
    ctx.io.out(`agent.agent.flokoa.ai/${name} skipped rollback (current image already matches revision ${result.revision})`);
    return;
  }
  ctx.io.out(`agent.agent.flokoa.ai/${name} rolled back to revision ${result.revision}: ${result.oldImage} → ${result.newImage}${suffix}`);
  if (watch) await followRollout(ctx, namespace, name, { timeoutMs, live: true });
}
