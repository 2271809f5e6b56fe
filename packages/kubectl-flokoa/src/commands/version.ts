// `kubectl flokoa version`: which plugin this is and which Flokoa API generations it reads.
import { stringify } from 'yaml';
import { API_GENERATIONS } from '@flokoa/core';
import type { CommandContext } from '../cli/context.js';
import { VERSION } from '../version.js';

export function run(ctx: CommandContext): Promise<void> {
  const info = { version: VERSION, node: process.version, apiGenerations: API_GENERATIONS.map((a) => a.id).sort() };
  const format = ctx.flags.string('output') ?? '';
  if (format === 'json') ctx.io.out(JSON.stringify(info, null, 2));
  else if (format === 'yaml') ctx.io.out(stringify(info).trimEnd());
  else ctx.io.out(`kubectl-flokoa ${info.version} (node ${info.node}; Flokoa API generations ${info.apiGenerations.join(', ')})`);
  return Promise.resolve();
}
