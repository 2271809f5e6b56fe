// argv → one command of the flokoa-lsp bin. Hand-written rather than node:util parseArgs so that
// every mistake becomes one short line naming the flag, which is what a CI log reader needs.
import { API_GENERATIONS, apiById, type SeveritySetting } from '@flokoa/core';
import { UsageError } from '@flokoa/kube';

export type OutputFormat = 'text' | 'json' | 'sarif';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  /** The language server; `transport` is handed to the LSP connection untouched. */
  | { name: 'serve'; transport: string[] }
  | {
      name: 'check';
      paths: string[];
      format: OutputFormat;
      defaultNamespace?: string;
      rules: Record<string, SeveritySetting>;
      /** `--api-generation ID`: read every document as this generation (default: chosen per document). */
      apiGeneration?: string;
    }
  | { name: 'schema'; out: string; apiGeneration?: string };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
/** The transports vscode-languageserver's createConnection() reads from argv. */
const TRANSPORT_FLAG = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

/** Splits `--flag=value` and `--flag value`; returns the value and how many argv slots it used. */
function optionValue(args: string[], i: number, flag: string): { value: string; used: number } {
  const a = args[i];
  if (a.startsWith(flag + '=')) return { value: a.slice(flag.length + 1), used: 1 };
  const next = args[i + 1];
  if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`${flag} needs a value`);
  return { value: next, used: 2 };
}

function matches(arg: string, flag: string): boolean {
  return arg === flag || arg.startsWith(flag + '=');
}

function parseCheck(args: string[]): Command {
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let defaultNamespace: string | undefined;
  const rules: Record<string, SeveritySetting> = {};
  let apiGeneration: string | undefined;
  let onlyPaths = false;
  for (let i = 0; i < args.length;) {
    const a = args[i];
    if (onlyPaths || !a.startsWith('-') || a === '-') {
      if (a === '-') throw new UsageError('reading from stdin is not supported; pass files or folders');
      paths.push(a);
      i += 1;
    } else if (a === '--') {
      onlyPaths = true;
      i += 1;
    } else if (matches(a, '--format') || a === '-f') {
      const { value, used } = optionValue(args, i, a === '-f' ? '-f' : '--format');
      if (!(FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`unknown format "${value}" (expected one of: ${FORMATS.join(', ')})`);
      }
      format = value as OutputFormat;
      i += used;
    } else if (matches(a, '--default-namespace')) {
      const { value, used } = optionValue(args, i, '--default-namespace');
      defaultNamespace = value;
      i += used;
    } else if (matches(a, '--api-generation')) {
      const { value, used } = optionValue(args, i, '--api-generation');
      apiGeneration = generationId(value);
      i += used;
    } else if (matches(a, '--rule')) {
      const { value, used } = optionValue(args, i, '--rule');
      const eq = value.indexOf('=');
      if (eq <= 0) throw new UsageError(`--rule expects id=severity, got "${value}"`);
      const id = value.slice(0, eq);
      const severity = value.slice(eq + 1);
      if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
        throw new UsageError(`--rule ${id}: unknown severity "${severity}" (expected one of: ${SEVERITY_SETTINGS.join(', ')})`);
      }
      rules[id] = severity as SeveritySetting;
      i += used;
    } else {
      throw new UsageError(`unknown option for check: ${a}`);
    }
  }
  return {
    name: 'check',
    paths: paths.length > 0 ? paths : ['.'],
    format,
    defaultNamespace,
    rules,
    ...(apiGeneration ? { apiGeneration } : {}),
  };
}

/** A generation id for `--api-generation`; `auto` means choose per document. */
function generationId(value: string): string | undefined {
  if (value === 'auto') return undefined;
  if (!apiById(value))
    throw new UsageError(`unknown API generation "${value}" (expected one of: auto, ${API_GENERATIONS.map((a) => a.id).join(', ')})`);
  return value;
}

function parseSchema(args: string[]): Command {
  let out: string | undefined;
  let apiGeneration: string | undefined;
  for (let i = 0; i < args.length;) {
    const a = args[i];
    if (matches(a, '--api-generation')) {
      const { value, used } = optionValue(args, i, '--api-generation');
      apiGeneration = generationId(value);
      i += used;
    } else if (matches(a, '--out') || a === '-o') {
      const { value, used } = optionValue(args, i, a === '-o' ? '-o' : '--out');
      out = value;
      i += used;
    } else {
      throw new UsageError(`unknown argument for schema: ${a}`);
    }
  }
  if (out === undefined || out === '') throw new UsageError('schema needs --out DIR');
  return { name: 'schema', out, ...(apiGeneration ? { apiGeneration } : {}) };
}

export function parseArgs(args: string[]): Command {
  if (args.length === 0) throw new UsageError('missing command (try: flokoa-lsp --help)');
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || first === 'help') return { name: 'help' };
  if (first === '--version' || first === '-v' || first === 'version') return { name: 'version' };
  if (args.every((a) => TRANSPORT_FLAG.test(a)) && args.some((a) => !a.startsWith('--clientProcessId'))) {
    return { name: 'serve', transport: args };
  }
  if (rest.includes('--help') || rest.includes('-h')) return { name: 'help' };
  switch (first) {
    case 'check':
      return parseCheck(rest);
    case 'schema':
      return parseSchema(rest);
    default:
      if (first.startsWith('-')) throw new UsageError(`unknown option: ${first} (try: flokoa-lsp --help)`);
      throw new UsageError(`unknown command: ${first} (try: flokoa-lsp --help)`);
  }
}
