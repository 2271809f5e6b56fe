// `check`: is the namespace ready to run its agents? (admission/namespaceCheck.ts does the checking.)
import { ReportedFailure, UsageError } from '@flokoa/kube';
import type { CommandContext } from '../cli/context.js';
import { palette } from '../cli/output.js';
import { checkNamespace } from '../admission/namespaceCheck.js';
import { renderNamespaceCheck, type CheckFormat } from '../render/namespaceCheck.js';

export async function run(ctx: CommandContext): Promise<void> {
  const format = (ctx.flags.string('output') || 'text') as CheckFormat;
  if (ctx.args.length > 1) throw new UsageError('check takes at most one namespace');
  const namespace = ctx.args[0] ?? ctx.connection().namespace;
  if (ctx.args[0] && ctx.flags.string('namespace') && ctx.flags.string('namespace') !== ctx.args[0]) {
    throw new UsageError(`two namespaces given: "${ctx.args[0]}" and -n "${ctx.flags.string('namespace') ?? ''}"`);
  }
  const report = await checkNamespace(ctx.client(), namespace);
  ctx.io.out(renderNamespaceCheck(report, format, palette(ctx.io.color)));
  if (report.problems.length || report.notChecked.length) {
    if (format !== 'text')
      ctx.io.err(`error: namespace ${namespace}: ${report.problems.length} problem(s), ${report.notChecked.length} not checked`);
    throw new ReportedFailure('namespace not ready');
  }
}
