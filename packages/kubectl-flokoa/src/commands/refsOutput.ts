// `refs -o …`: the format asked for, and how its text reaches stdout.
import type { CommandContext } from '../cli/context.js';
import { readManifestFile, UsageError } from '@flokoa/kube';
import { unlistedWarning, type RefsFormat } from '../render/refs.js';
import { compileJsonPath, JsonPathError } from '@flokoa/core';
import { stringify } from 'yaml';
import { grantManifests, type ExistingRbac, type Grant } from '../refs/rbac.js';

/** `-o`: tree, wide, name, json, yaml, `jsonpath=TEMPLATE` or `jsonpath-file=FILE` (kubectl's dialect). */
export function refsFormat(flag: string): RefsFormat {
  const [kind, ...rest] = flag.split('=');
  if (kind !== 'jsonpath' && kind !== 'jsonpath-file') return flag as RefsFormat;
  let template = rest.join('=');
  if (kind === 'jsonpath-file' && template) {
    const read = readManifestFile(template, 1024 * 1024);
    if (!read.ok) throw new UsageError(`error reading --template ${read.message}`);
    template = read.text;
  }
  if (!template) throw new UsageError('template format specified but no template given');
  const run = asUsageError(() => compileJsonPath(template));
  return { jsonpath: (data) => asUsageError(() => run(data)) };
}

/** A template's own error is the user's to fix: one line, exit 1, as any usage error. */
function asUsageError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof JsonPathError ? new UsageError(e.message) : e;
  }
}

/** A template's output as it is (kubectl adds no newline to it); nothing at all for no objects. */
export function print(ctx: CommandContext, format: RefsFormat, text: string): void {
  if (typeof format === 'object') ctx.io.stdout.write(text);
  else if (text) ctx.io.out(text);
}

/**
 * `-o name` prints names only: what could not be listed (where dependents may hide) goes to stderr, so
 * that a script deciding on the list still hears of it. The tree prints it below the tree; json and
 * yaml carry it as `forbidden`.
 */
export function warnUnlisted(ctx: CommandContext, format: RefsFormat, reports: { forbidden: string[] }[]): void {
  if (format !== 'name') return;
  for (const r of reports) for (const f of r.forbidden) ctx.io.err(unlistedWarning(f));
}

/** `--fix-rbac`: the Roles and RoleBindings that grant what is missing, as YAML for `kubectl apply -f -`. */
export function printGrants(ctx: CommandContext, grants: Grant[], existing: Map<string, ExistingRbac>): void {
  if (grants.length === 0) {
    ctx.io.err("# nothing to grant: every cross-namespace reference is readable by its agent's service account");
    return;
  }
  ctx.io.out(
    grantManifests(grants, existing)
      .map((m) => stringify(m, { lineWidth: 0 }).trimEnd())
      .join('\n---\n'),
  );
}
