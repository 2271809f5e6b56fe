// The flokoa-lsp bin: the language server (--stdio) and the same engine as a linter (check) or a
// schema exporter (schema). Every failure ends as one `error:` line and a non-zero exit code.
import { apiById } from '@flokoa/core';
import { describeError } from '@flokoa/kube';
import { parseArgs, type Command } from './cli/args.js';
import { runCheck } from './cli/check.js';
import { formatJson } from './cli/format-json.js';
import { formatSarif } from './cli/format-sarif.js';
import { formatSummary, formatText } from './cli/format-text.js';
import { HELP } from './cli/help.js';
import { packageVersion, rulesDocUri } from './cli/package-info.js';
import { writeSchemas } from './cli/schema.js';
import { startServer } from './server.js';

const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

async function run(cmd: Command, cwd: string): Promise<number> {
  switch (cmd.name) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(packageVersion() + '\n');
      return 0;
    case 'serve':
      startServer();
      return 0;
    case 'schema': {
      const written = await writeSchemas(cmd.out, cwd, cmd.apiGeneration ? apiById(cmd.apiGeneration) : undefined);
      process.stdout.write(written.map((p) => `wrote ${p}\n`).join(''));
      return 0;
    }
    case 'check': {
      const result = await runCheck({
        paths: cmd.paths,
        defaultNamespace: cmd.defaultNamespace,
        rules: cmd.rules,
        apiGeneration: cmd.apiGeneration,
        cwd,
      });
      const out =
        cmd.format === 'json'
          ? formatJson(result, cwd)
          : cmd.format === 'sarif'
            ? formatSarif(result, cwd, packageVersion(), rulesDocUri())
            : formatText(result);
      process.stdout.write(out);
      for (const line of result.skipped) process.stderr.write(`warning: ${line}; skipped\n`);
      for (const line of result.unreadable) process.stderr.write(`error: cannot read ${line}\n`);
      process.stderr.write(formatSummary(result) + '\n');
      // An unreadable input means the verdict is incomplete: that outranks "findings found".
      if (result.unreadable.length > 0) return EXIT_USAGE;
      return result.findings.some((f) => f.finding.severity === 'error') ? EXIT_FINDINGS : 0;
    }
  }
}

/** A usage mistake (UsageError, exit 2) or anything unexpected, as one `error:` line. */
function fail(e: unknown): void {
  process.stderr.write(`error: ${describeError(e)}\n`);
  process.exitCode = EXIT_USAGE;
}

// `flokoa-lsp check | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

try {
  const cmd = parseArgs(process.argv.slice(2));
  // exitCode, not exit(): exit() can cut off a large report still flushing to a pipe.
  run(cmd, process.cwd()).then((code) => {
    if (cmd.name !== 'serve') process.exitCode = code;
  }, fail);
} catch (e) {
  fail(e);
}
