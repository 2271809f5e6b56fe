// kubectl_complete-flokoa: shell completion for `kubectl flokoa` (kubectl >= 1.26 runs this with the
// words typed after `flokoa`, the last one being the word to complete, and expects cobra's format:
// one candidate per line, then `:<directive>`). Agent and namespace names come from the cluster.
import { parseArgv, Flags, type FlagSpec } from './cli/argv.js';
import { COMMANDS, GLOBAL_FLAGS, subcommandsOf } from './cli/commands.js';
import { connectionFlags } from './cli/context.js';
import { contextNames, loadConnection, KubeClient, AGENT, collectionPath, objectPath } from '@flokoa/kube';
import { imageLocation } from './agentImage.js';

const NO_FILE = 4;
/** cobra's ShellCompDirectiveNoSpace: `-o jsonpath=` goes on with the template. */
const NO_SPACE = 2;
const DEFAULT = 0;
const COMPLETION_TIMEOUT_MS = 5000;

interface Completion {
  values: string[];
  directive: number;
}

async function complete(words: string[]): Promise<Completion> {
  const toComplete = words.length ? words[words.length - 1] : '';
  const before = words.slice(0, -1);
  const allFlags = [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)];
  const prev = before[before.length - 1];
  const named = prev ? flagNamed(prev, allFlags) : undefined;
  // A flag that has a value without one (`--dry-run` means client) takes its value only after `=`,
  // as the parser reads it: the next word is an argument, not the flag's value.
  const prevFlag = named && named.type !== 'bool' && named.noOptDefault === undefined ? named : undefined;
  // Parse what is complete so far, leniently: a half-typed line must not stop completion.
  let flags = new Flags(new Map());
  let command = undefined as (typeof COMMANDS)[number] | undefined;
  let positionals: string[] = [];
  try {
    const parsed = parseArgv(prevFlag && !prev.includes('=') ? before.slice(0, -1) : before, COMMANDS, GLOBAL_FLAGS);
    flags = new Flags(parsed.flags);
    command = parsed.command;
    positionals = parsed.positionals;
  } catch {
    // fall through with what we have
  }

  if (prevFlag && !prev.includes('=')) return flagValues(prevFlag, toComplete, flags);
  if (toComplete.startsWith('--') && toComplete.includes('=')) {
    const spec = flagNamed(toComplete.slice(0, toComplete.indexOf('=')), allFlags);
    if (spec) {
      const prefix = toComplete.slice(0, toComplete.indexOf('=') + 1);
      const r = await flagValues(spec, toComplete.slice(prefix.length), flags);
      return { values: r.values.map((v) => prefix + v), directive: r.directive };
    }
  }
  if (toComplete.startsWith('-')) {
    const specs = [...GLOBAL_FLAGS, ...(command?.flags ?? [])];
    return {
      values: specs.map((f) => `--${f.name}\t${f.help.split('. ')[0]}`).filter((v) => v.startsWith(toComplete)),
      directive: NO_FILE,
    };
  }
  const subs = subcommandsOf(command?.path ?? []);
  if (subs.length && positionals.length === 0) {
    return {
      values: subs.map((c) => `${c.path[c.path.length - 1]}\t${c.short}`).filter((v) => v.startsWith(toComplete)),
      directive: NO_FILE,
    };
  }
  const argKind = command?.completeArgs?.[positionals.length];
  if (argKind === 'agent') return { values: await agentNames(flags, toComplete), directive: NO_FILE };
  if (argKind === 'image' && positionals[0]) return { values: await currentImage(flags, positionals[0]), directive: NO_FILE };
  return { values: [], directive: NO_FILE };
}

function flagNamed(word: string, specs: FlagSpec[]): FlagSpec | undefined {
  if (word.startsWith('--')) return specs.find((f) => f.name === word.slice(2).split('=')[0]);
  if (/^-[a-zA-Z]$/.test(word)) return specs.find((f) => f.short === word[1]);
  return undefined;
}

async function flagValues(spec: FlagSpec, prefix: string, flags: Flags): Promise<Completion> {
  if (spec.values) {
    const values = spec.values.filter((v) => v.startsWith(prefix));
    return { values, directive: values.some((v) => v.endsWith('=')) ? NO_FILE | NO_SPACE : NO_FILE };
  }
  if (spec.name === 'context')
    return { values: contextNames(connectionFlags(flags)).filter((v) => v.startsWith(prefix)), directive: NO_FILE };
  if (spec.name === 'namespace') return { values: await names(flags, '/api/v1/namespaces', prefix), directive: NO_FILE };
  if (spec.name === 'filename' || spec.name === 'kubeconfig') return { values: [], directive: DEFAULT };
  return { values: [], directive: NO_FILE };
}

function client(flags: Flags): KubeClient {
  return new KubeClient({ ...loadConnection({ ...connectionFlags(flags), requestTimeoutMs: COMPLETION_TIMEOUT_MS }) });
}

async function names(flags: Flags, path: string, prefix: string): Promise<string[]> {
  const c = client(flags);
  try {
    const list = await c.list(path, { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json' });
    return list.items
      .map((o) => o.metadata.name)
      .filter((n) => n.startsWith(prefix))
      .sort();
  } finally {
    c.close();
  }
}

async function agentNames(flags: Flags, prefix: string): Promise<string[]> {
  const ns = loadConnection(connectionFlags(flags)).namespace;
  return names(flags, collectionPath(AGENT, flags.bool('all-namespaces') ? undefined : ns), prefix);
}

/** The agent's current image: a good start for typing the next one. */
async function currentImage(flags: Flags, agent: string): Promise<string[]> {
  const c = client(flags);
  try {
    const obj = await c.get(objectPath(AGENT, c.namespace, agent));
    const image = imageLocation(obj)?.image;
    return image ? [image] : [];
  } finally {
    c.close();
  }
}

complete(process.argv.slice(2)).then(
  (r) => process.stdout.write([...r.values, `:${r.directive}`].join('\n') + '\n'),
  // Completion never prints errors into the user's command line; a failed lookup offers nothing.
  () => process.stdout.write(`:${NO_FILE}\n`),
);
