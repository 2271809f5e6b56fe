// kubectl-flokoa: argv → command. Commands load lazily so `--help` starts in tens of milliseconds;
// every failure ends as one `error: …` line and exit 1, never a stack trace.
import { parseArgv, Flags } from './cli/argv.js';
import { COMMANDS, GLOBAL_FLAGS, subcommandsOf } from './cli/commands.js';
import { commandHelp, optionsHelp, rootHelp } from './cli/help.js';
import { processOutput } from './cli/output.js';
import { createContext, type CommandContext } from './cli/context.js';
import { describeError, redactArgv, ReportedFailure, UsageError } from '@flokoa/kube';

type Runner = (ctx: CommandContext) => Promise<void>;

const RUNNERS: Record<string, () => Promise<Runner>> = {
  refs: async () => (await import('./commands/refs.js')).run,
  'patch-image': async () => (await import('./commands/patchImage.js')).run,
  'rollout status': async () => (await import('./commands/rollout.js')).status,
  'rollout history': async () => (await import('./commands/rollout.js')).showHistory,
  'rollout undo': async () => (await import('./commands/rollout.js')).runUndo,
  'rollout watch': async () => (await import('./commands/rolloutWatch.js')).run,
  'rollout restart': async () => (await import('./commands/restart.js')).run,
  check: async () => (await import('./commands/check.js')).run,
  version: async () => (await import('./commands/version.js')).run,
};

async function main(argv: string[]): Promise<number> {
  const io = processOutput();
  const parsed = parseArgv(argv, COMMANDS, GLOBAL_FLAGS);
  if (parsed.unknownCommand) {
    throw new UsageError(`unknown command "${parsed.unknownCommand}" for "kubectl flokoa" (see "kubectl flokoa --help")`);
  }
  const cmd = parsed.command;
  if (!cmd) {
    io.out(rootHelp());
    return 0;
  }
  if (parsed.help) {
    io.out(commandHelp(cmd));
    return 0;
  }
  if (cmd.path[0] === 'options') {
    io.out(optionsHelp());
    return 0;
  }
  const runner = RUNNERS[cmd.path.join(' ')];
  if (!runner) {
    // A group such as `rollout` alone: show its subcommands, as kubectl does.
    if (parsed.positionals.length) {
      const names = subcommandsOf(cmd.path).map((c) => c.path[c.path.length - 1]);
      throw new UsageError(
        `unknown command "${parsed.positionals[0]}" for "kubectl flokoa ${cmd.path.join(' ')}" (one of: ${names.join(', ')})`,
      );
    }
    io.out(commandHelp(cmd));
    return 0;
  }
  const { min, max, names } = cmd.args;
  if (parsed.positionals.length < min) {
    throw new UsageError(`"kubectl flokoa ${cmd.path.join(' ')}" requires ${names}`);
  }
  if (parsed.positionals.length > max) {
    throw new UsageError(
      `"kubectl flokoa ${cmd.path.join(' ')}" takes ${max ? `at most ${names}` : 'no arguments'}; unexpected "${parsed.positionals[max]}"`,
    );
  }
  checkNames(parsed.positionals, cmd.completeArgs ?? []);
  const abort = new AbortController();
  let interruptedBy = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interruptedBy = signal === 'SIGTERM' ? 15 : 2;
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const commandLine = ['kubectl', 'flokoa', ...redactArgv(argv)].join(' ');
  const ctx = createContext(parsed.positionals, new Flags(parsed.flags), io, commandLine, abort.signal);
  try {
    await (
      await runner()
    )(ctx);
    // Interrupted is 128 + the signal for every command (130 for Ctrl-C), as a shell expects, watch included.
    return interruptedBy ? 128 + interruptedBy : 0;
  } catch (e) {
    // Interrupted: the requests in flight were aborted; what they throw is not news to the user.
    if (interruptedBy && (e as Error).name === 'AbortError') return 128 + interruptedBy;
    throw e;
  } finally {
    ctx.dispose();
  }
}

/** kubectl refuses these names before any request: in a URL they mean the list, or its parent. */
function checkNames(positionals: string[], kinds: string[]): void {
  positionals.forEach((arg, i) => {
    if (kinds[i] !== 'agent') return;
    const name = arg.slice(arg.lastIndexOf('/') + 1);
    if (name === '.' || name === '..') throw new UsageError(`resource name may not be "${name}"`);
  });
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `kubectl flokoa refs | head` closes the pipe early; that is not an error.
  if (e.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (!(e instanceof ReportedFailure)) process.stderr.write(`error: ${describeError(e)}\n`);
    process.exitCode = 1;
  },
);
