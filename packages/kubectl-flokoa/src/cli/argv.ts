// argv → command and flags, with pflag's rules as kubectl users know them: flags anywhere among
// arguments, `--flag=value`, `--flag value`, `-n value`, `-nvalue`, bool flags as `--flag` or
// `--flag=false`, combined short bools (`-AR`), and `--` to end flags.
import { UsageError } from '@flokoa/kube';

export type FlagType = 'string' | 'bool' | 'int' | 'duration' | 'stringArray';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Shown in help as `--name=default`. */
  default?: string;
  help: string;
  /** Values for completion and validation; one ending in "=" is a prefix (`jsonpath=`). */
  values?: readonly string[];
  /** For a bool flag written without a value, e.g. `--dry-run` means `--dry-run=client`. */
  noOptDefault?: string;
}

export interface CommandSpec {
  path: string[];
  use: string;
  short: string;
  long?: string;
  examples?: string;
  flags: FlagSpec[];
  /** Minimum and maximum number of positional arguments. */
  args: { min: number; max: number; names: string };
  /** Positional argument completion: what kind of object names to offer. */
  completeArgs?: ('agent' | 'image' | 'kindname')[];
}

export interface ParsedArgs {
  command: CommandSpec | undefined;
  /** Words that named no command (an unknown command). */
  unknownCommand?: string;
  positionals: string[];
  flags: Map<string, string | string[]>;
  help: boolean;
}

/** Parses argv against the command table; global flags apply to every command. */
export function parseArgv(argv: string[], commands: CommandSpec[], globalFlags: FlagSpec[]): ParsedArgs {
  const { words, seen, help } = scanArgv(argv, [...globalFlags, ...commands.flatMap((c) => c.flags)]);

  // The longest run of leading words that names a command wins (`rollout status` before `rollout`).
  let command: CommandSpec | undefined;
  for (const c of commands) {
    if (c.path.every((p, k) => words[k] === p) && (!command || c.path.length > command.path.length)) command = c;
  }
  const positionals = command ? words.slice(command.path.length) : words;
  const flags = new Map<string, string | string[]>();
  // Values are checked against the command's own flag: two commands may share a name (-o) with other values.
  const allowed = new Map([...globalFlags, ...(command?.flags ?? [])].map((f) => [f.name, f]));
  for (const { spec, value, written } of seen) {
    if (!allowed.has(spec.name)) {
      if (help) continue;
      throw new UsageError(`unknown flag: ${written}${command ? ` for "kubectl flokoa ${command.path.join(' ')}"` : ''}`);
    }
    flags.set(
      spec.name,
      spec.type === 'stringArray'
        ? [...((flags.get(spec.name) as string[] | undefined) ?? []), value]
        : checkValue(allowed.get(spec.name) ?? spec, value, written),
    );
  }
  const result: ParsedArgs = { command, positionals, flags, help };
  if (!command && words.length > 0) result.unknownCommand = words[0];
  return result;
}

interface SeenFlag {
  spec: FlagSpec;
  value: string;
  /** The flag as written (`--name` or `-n`), for errors. */
  written: string;
}

/** Splits argv into words and flags, knowing every flag of every command (which ones a command takes is checked later). */
function scanArgv(argv: string[], specs: FlagSpec[]): { words: string[]; seen: SeenFlag[]; help: boolean } {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const f of specs) {
    byName.set(f.name, f);
    if (f.short) byShort.set(f.short, f);
  }
  const out = { words: [] as string[], seen: [] as SeenFlag[], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.words.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') out.help = true;
    else if (a.startsWith('--')) i = longFlag(argv, i, byName, out.seen);
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) i = shortFlags(argv, i, byShort, out);
    else out.words.push(a);
  }
  return out;
}

/** `--name`, `--name=value` or `--name value`; returns the index of the last word consumed. */
function longFlag(argv: string[], i: number, byName: Map<string, FlagSpec>, seen: SeenFlag[]): number {
  const a = argv[i];
  const eq = a.indexOf('=');
  const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
  const spec = byName.get(name);
  const written = `--${name}`;
  if (!spec) throw new UsageError(`unknown flag: ${written}`);
  if (eq >= 0) seen.push({ spec, value: a.slice(eq + 1), written });
  else if (spec.type === 'bool') seen.push({ spec, value: 'true', written });
  else if (spec.noOptDefault !== undefined) seen.push({ spec, value: spec.noOptDefault, written });
  else {
    if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${written}`);
    seen.push({ spec, value: argv[++i], written });
  }
  return i;
}

/** A run of short flags: bools may be combined; a value flag takes the rest or the next word. Returns the index of the last word consumed. */
function shortFlags(argv: string[], i: number, byShort: Map<string, FlagSpec>, out: { seen: SeenFlag[]; help: boolean }): number {
  const a = argv[i];
  for (let j = 1; j < a.length; j++) {
    const ch = a[j];
    if (ch === 'h') {
      out.help = true;
      continue;
    }
    const spec = byShort.get(ch);
    if (!spec) throw new UsageError(`unknown shorthand flag: '${ch}' in ${a}`);
    const written = `-${ch}`;
    if (spec.type === 'bool') {
      if (a[j + 1] === '=') {
        out.seen.push({ spec, value: a.slice(j + 2), written });
        break;
      }
      out.seen.push({ spec, value: 'true', written });
      continue;
    }
    let value = a.slice(j + 1);
    if (value.startsWith('=')) value = value.slice(1);
    if (value === '') {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${ch}' in -${ch}`);
      value = argv[++i];
    }
    out.seen.push({ spec, value, written });
    break;
  }
  return i;
}

function checkValue(spec: FlagSpec, value: string, written: string): string {
  if (spec.type === 'bool' && value !== 'true' && value !== 'false') {
    throw new UsageError(`invalid argument "${value}" for "${written}" flag: expected true or false`);
  }
  if (spec.type === 'int' && !/^-?\d+$/.test(value)) {
    throw new UsageError(`invalid argument "${value}" for "${written}" flag: expected an integer`);
  }
  // A value ending in "=" is a prefix: `jsonpath=` takes any template after it.
  if (spec.values && !spec.values.some((v) => (v.endsWith('=') ? value.startsWith(v) : v === value))) {
    throw new UsageError(`invalid argument "${value}" for "${written}" flag: must be one of ${spec.values.join('|')}`);
  }
  return value;
}

/** Typed accessors over the parsed flags. */
export class Flags {
  constructor(private readonly values: Map<string, string | string[]>) {}
  has(name: string): boolean {
    return this.values.has(name);
  }
  string(name: string): string | undefined {
    const v = this.values.get(name);
    return Array.isArray(v) ? v[v.length - 1] : v;
  }
  strings(name: string): string[] {
    const v = this.values.get(name);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
  bool(name: string, dflt = false): boolean {
    const v = this.string(name);
    return v === undefined ? dflt : v === 'true';
  }
  int(name: string): number | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : Number(v);
  }
}
