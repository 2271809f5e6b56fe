import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { parseDuration, UsageError } from '@flokoa/kube';
import { patchImage } from '../patchImage.js';
import { followRollout } from './followRollout.js';

export async function run(ctx: CommandContext): Promise<void> {
  const [name, image] = ctx.args;
  const dryRun = (ctx.flags.string('dry-run') ?? 'none') as 'none' | 'client' | 'server';
  const watch = ctx.flags.bool('watch');
  if (watch && dryRun !== 'none') throw new UsageError('--watch cannot be combined with --dry-run');
  const timeoutMs = parseDuration(ctx.flags.string('timeout') ?? '0', '--timeout');
  const namespace = ctx.connection().namespace;
  const message = ctx.flags.string('message');
  const p = palette(ctx.io.color);
  const result = await patchImage(ctx.client(), {
    namespace,
    name,
    image,
    dryRun,
    allowLatest: ctx.flags.bool('allow-latest'),
    sameRepository: !ctx.flags.bool('allow-repository-change'),
    changeCause: message || ctx.commandLine,
    onBlocked: (b) =>
      ctx.io.err(`${p.yellow('warning:')} the rollout of agent "${name}" will stall: ${b.reason}${b.fix ? `\nfix: ${b.fix}` : ''}`),
  });
  const suffix = dryRun === 'none' ? '' : ` (${dryRun} dry run)`;
  if (!result.changed) {
    ctx.io.out(`agent.agent.flokoa.ai/${name} unchanged: image is already ${result.oldImage}${suffix}`);
  } else {
    ctx.io.out(`agent.agent.flokoa.ai/${name} image ${p.dim(result.oldImage)} → ${p.bold(result.newImage)}${suffix}`);
  }
  if (watch) await followRollout(ctx, namespace, name, { timeoutMs, live: true });
}
