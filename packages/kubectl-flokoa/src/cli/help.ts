// Help text in kubectl's layout: description, Examples, Available Commands, Options, Usage.
import type { CommandSpec, FlagSpec } from './argv.js';
import { COMMANDS, GLOBAL_FLAGS, subcommandsOf } from './commands.js';

const ROOT_LONG = `kubectl flokoa: reference checks, safe image updates and rollouts for Flokoa agents
(agent.flokoa.ai/v1alpha1: Agent, Model, ModelProvider, AgentTool).`;

function wrap(text: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function flagLines(flags: FlagSpec[]): string {
  return [...flags]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => {
      const head = `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${f.type === 'string' && f.default === '' ? "''" : (f.default ?? '')}:`;
      return [head, ...wrap(f.help).map((l) => `\t${l}`)].join('\n');
    })
    .join('\n\n');
}

function commandList(cmds: CommandSpec[]): string {
  const names = cmds.map((c) => c.path[c.path.length - 1]);
  const width = Math.max(...names.map((n) => n.length)) + 3;
  return cmds.map((c, i) => `    ${names[i].padEnd(width)}${c.short}`).join('\n');
}

export function rootHelp(): string {
  const top = COMMANDS.filter((c) => c.path.length === 1);
  return `${ROOT_LONG}

Available Commands:
${commandList(top)}

Usage:
  kubectl flokoa [flags] [options]

Use "kubectl flokoa <command> --help" for more information about a given command.
Use "kubectl flokoa options" for a list of global command-line options (applies to all commands).
`;
}

export function commandHelp(cmd: CommandSpec): string {
  const parts: string[] = [cmd.long ?? cmd.short];
  if (cmd.examples) parts.push(`Examples:\n${cmd.examples}`);
  const subs = subcommandsOf(cmd.path);
  if (subs.length) parts.push(`Available Commands:\n${commandList(subs)}`);
  if (cmd.flags.length) parts.push(`Options:\n${flagLines(cmd.flags)}`);
  const prefix = cmd.path.length > 1 ? `kubectl flokoa ${cmd.path.slice(0, -1).join(' ')} ` : 'kubectl flokoa ';
  parts.push(`Usage:\n  ${prefix}${cmd.use}`);
  const trailer = subs.length
    ? `Use "kubectl flokoa ${cmd.path.join(' ')} <command> --help" for more information about a given command.\nUse "kubectl flokoa options" for a list of global command-line options (applies to all commands).`
    : 'Use "kubectl flokoa options" for a list of global command-line options (applies to all commands).';
  return `${parts.join('\n\n')}\n\n${trailer}\n`;
}

export function optionsHelp(): string {
  return `The following options can be passed to any command:\n\n${flagLines(GLOBAL_FLAGS)}\n`;
}
