// kubectl's JSONPath template dialect (`-o jsonpath=…`), as client-go's util/jsonpath reads it: text
// and {actions}; fields (`.a`, `['a','b']`, `\.` in a name), `*`, `..`, indexes and slices
// (`[0]`, `[-1]`, `[1:3:1]`, `[0,2]`), filters (`[?(@.a=="x")]`, `<`, `<=`, `>`, `>=`, `!=`), literals,
// `@`/`$`, and `{range …}…{end}`. Missing keys print nothing (kubectl get's default); an index out
// of bounds, a filter over a non-list or an unclosed action is an error, worded as kubectl words it
// (one line: the object is not dumped after it). The dialect of jsonpath-plus is a different one.
// One home for both users: `kubectl flokoa refs -o jsonpath=` and cluster-sim's printer columns.

/** A template that does not parse, or fails on the data, worded as kubectl words it. */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

type Value = unknown;
type Step =
  | { t: 'field'; names: string[] }
  | { t: 'wild' }
  | { t: 'recursive' }
  | { t: 'index'; parts: IndexPart[] }
  | { t: 'filter'; left: Step[]; op?: string; right?: Step[] }
  | { t: 'literal'; value: string | number | boolean }
  | { t: 'current' };
type IndexPart = { all: true } | { single: number } | { start?: number; end?: number; step?: number };
type Piece = { t: 'text'; text: string } | { t: 'action'; steps: Step[] } | { t: 'range'; steps: Step[]; body: Piece[] };

const OPS = ['==', '!=', '>=', '<=', '>', '<'];

/** Parses a template; a syntax error is a JsonPathError worded as kubectl's. */
export function compileJsonPath(template: string): (data: Value) => string {
  const pieces = parseTemplate(template);
  return (data) => execute(pieces, data, template);
}

/**
 * The values a CRD printer column's path selects (`.status.phase`, braces optional, as the API
 * server reads `additionalPrinterColumns`): none when a key is missing or the path fails on the object.
 */
export function jsonPathValues(path: string): (data: Value) => Value[] {
  const template = path.includes('{') ? path : `{${path}}`;
  const pieces = parseTemplate(template);
  const only = pieces.length === 1 && pieces[0].t === 'action' ? pieces[0].steps : undefined;
  return (data) => {
    try {
      return only ? evaluate(only, [data], template) : [execute(pieces, data, template)];
    } catch (e) {
      if (e instanceof JsonPathError) return [];
      throw e;
    }
  };
}

function parseTemplate(template: string): Piece[] {
  const fail = (why: string) => new JsonPathError(`error parsing jsonpath ${template}, ${why}`);
  const stack: Piece[][] = [[]];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ t: 'text', text: template.slice(i, open) });
    const close = actionEnd(template, open + 1);
    if (close < 0) {
      // As client-go's lexer: an unterminated bracket inside is reported first.
      parseSteps(template.slice(open + 1), fail);
      throw fail('unclosed action');
    }
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    if (inner === 'end') {
      if (stack.length === 1) throw runError(template, 'not in range, nothing to end');
      const body = stack.pop() as Piece[];
      const range = stack[stack.length - 1].at(-1) as Extract<Piece, { t: 'range' }>;
      range.body = body;
    } else if (/^range\s/.test(inner)) {
      stack[stack.length - 1].push({ t: 'range', steps: parseSteps(inner.slice(6), fail), body: [] });
      stack.push([]);
    } else stack[stack.length - 1].push({ t: 'action', steps: parseSteps(inner, fail) });
  }
  if (stack.length > 1) throw fail('range without a matching {end}');
  return stack[0];
}

/** The index of the `}` closing an action that opens at `from` (quotes and brackets skipped), or -1. */
function actionEnd(s: string, from: number): number {
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

function parseSteps(src: string, fail: (why: string) => Error): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const nameEnd = (from: number) => {
    let j = from;
    while (j < src.length && !/[\s.,[\]$@{}()=!<>]/.test(src[j])) j += src[j] === '\\' ? 2 : 1;
    return Math.min(j, src.length);
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '.') {
      if (src[i + 1] === '.') {
        steps.push({ t: 'recursive' });
        i += 2;
      } else i++;
      const end = nameEnd(i);
      const name = src.slice(i, end).replace(/\\(.)/g, '$1');
      if (name === '*') steps.push({ t: 'wild' });
      else if (name || steps.at(-1)?.t !== 'recursive') steps.push({ t: 'field', names: [name] });
      i = end;
    } else if (c === '[') {
      const close = bracketEnd(src, i);
      if (close < 0) throw fail(src.startsWith('[?', i) ? 'unterminated filter' : 'unterminated array');
      steps.push(parseBracket(src.slice(i + 1, close), fail));
      i = close + 1;
    } else if (c === '"') {
      const end = quotedEnd(src, i);
      if (end < 0) throw fail('unterminated quoted string');
      steps.push({ t: 'literal', value: unquote(src.slice(i, end + 1), fail) });
      i = end + 1;
    } else if (c === '@' || c === '$') {
      // Both are the value the action is evaluated on (a range's element inside a range), as in client-go.
      steps.push({ t: 'current' });
      i++;
    } else {
      const word = /^(-?\d+(\.\d+)?|true|false)(?![\w.])/.exec(src.slice(i));
      if (!word) throw fail(`unrecognized character in action: U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
      steps.push({ t: 'literal', value: word[1] === 'true' ? true : word[1] === 'false' ? false : Number(word[1]) });
      i += word[0].length;
    }
  }
  return steps;
}

function unquote(quoted: string, fail: (why: string) => Error): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw fail(`invalid quoted string ${quoted}`);
  }
}

function quotedEnd(s: string, from: number): number {
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === s[from]) return i;
  }
  return -1;
}

function bracketEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '"' || s[i] === "'") {
      i = quotedEnd(s, i);
      if (i < 0) return -1;
    } else if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(inner: string, fail: (why: string) => Error): Step {
  if (inner.startsWith('?')) {
    if (!inner.startsWith('?(')) throw fail(`invalid array index ${inner}`);
    if (!inner.endsWith(')')) throw fail('unterminated filter');
    return parseFilter(inner.slice(2, -1), fail);
  }
  if (inner.startsWith("'")) {
    const names = inner.split(',').map((n) => n.trim());
    if (names.some((n) => !/^'[^']*'$/.test(n))) throw fail(`invalid array index ${inner}`);
    return { t: 'field', names: names.map((n) => n.slice(1, -1)) };
  }
  const parts = inner.split(',').map((p): IndexPart => {
    if (p === '*') return { all: true };
    const m = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?$/.exec(p);
    if (!m || p === '') throw fail(`invalid array index ${p}`);
    const num = (s: string | undefined) => (s ? Number(s) : undefined);
    if (!p.includes(':')) return { single: Number(m[1]) };
    return { start: num(m[1]), end: num(m[2]), step: num(m[3]) };
  });
  return { t: 'index', parts };
}

function parseFilter(expr: string, fail: (why: string) => Error): Step {
  let quote = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (op) {
      const right = expr.slice(i + op.length).replace(/^\s*'((?:[^'\\]|\\.)*)'\s*$/, (_, s: string) => JSON.stringify(s));
      return { t: 'filter', left: parseSteps(expr.slice(0, i), fail), op, right: parseSteps(right, fail) };
    }
  }
  return { t: 'filter', left: parseSteps(expr, fail) };
}

function runError(template: string, why: string): JsonPathError {
  return new JsonPathError(`error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${why}`);
}

function execute(pieces: Piece[], current: Value, template: string): string {
  let out = '';
  for (const piece of pieces) {
    if (piece.t === 'text') out += piece.text;
    else if (piece.t === 'action') out += evaluate(piece.steps, [current], template).map(print).join(' ');
    else for (const v of evaluate(piece.steps, [current], template)) out += execute(piece.body, v, template);
  }
  return out;
}

function evaluate(steps: Step[], input: Value[], template: string): Value[] {
  let values = input;
  for (const step of steps) values = values.flatMap((v) => apply(step, v, template));
  return values;
}

function apply(step: Step, v: Value, template: string): Value[] {
  switch (step.t) {
    case 'field':
      return isObject(v) ? step.names.filter((n) => Object.hasOwn(v, n)).map((n) => v[n]) : [];
    case 'wild':
      return Array.isArray(v) ? v : isObject(v) ? sortedKeys(v).map((k) => v[k]) : [];
    case 'recursive':
      return containers(v);
    case 'index':
      if (!Array.isArray(v)) throw runError(template, `${goType(v)} is not array or slice`);
      return step.parts.flatMap((p) => slice(v, p, template));
    case 'filter':
      if (!Array.isArray(v)) throw runError(template, `${goType(v)} is not array or slice and cannot be filtered`);
      return v.filter((e) => matches(step, e, template));
    case 'literal':
      return [step.value];
    case 'current':
      return [v];
  }
}

function slice(list: Value[], p: IndexPart, template: string): Value[] {
  const n = list.length;
  const outOfBounds = (i: number) => runError(template, `array index out of bounds: index ${i}, length ${n}`);
  if ('all' in p) return list;
  if ('single' in p) {
    const i = p.single < 0 ? p.single + n : p.single;
    if (i < 0 || i >= n) throw outOfBounds(i);
    return [list[i]];
  }
  const start = p.start === undefined ? 0 : p.start < 0 ? p.start + n : p.start;
  const end = p.end === undefined ? n : p.end < 0 ? p.end + n : p.end;
  if (start < 0 || (start >= n && p.start !== undefined)) throw outOfBounds(start);
  if (end < 0 || end > n) throw outOfBounds(end - 1);
  if (start > end) throw runError(template, `starting index ${start} is greater than ending index ${end}`);
  const step = p.step && p.step > 0 ? p.step : 1;
  return list.slice(start, end).filter((_, i) => i % step === 0);
}

function matches(step: Extract<Step, { t: 'filter' }>, element: Value, template: string): boolean {
  const one = (steps: Step[]) => {
    const found = evaluate(steps, [element], template);
    if (found.length > 1) throw runError(template, 'can only compare one element at a time');
    return found;
  };
  const left = one(step.left);
  if (!step.op || !step.right) return left.length > 0;
  const right = one(step.right);
  if (left.length === 0 || right.length === 0) return false;
  const [a, b] = [left[0], right[0]];
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string' && typeof a !== 'boolean')) {
    throw runError(template, 'incompatible types for comparison');
  }
  switch (step.op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default:
      if (typeof a === 'boolean') throw runError(template, 'incompatible types for comparison');
      return compare(a, b as typeof a, step.op);
  }
}

function compare(a: string | number, b: string | number, op: string): boolean {
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  return op === '>' ? a > b : a >= b;
}

/** `..`: the value and every object and list below it, depth first, keys in order. */
function containers(v: Value): Value[] {
  if (Array.isArray(v)) return [v, ...v.flatMap(containers)];
  if (isObject(v)) return [v, ...sortedKeys(v).flatMap((k) => containers(v[k]))];
  return [];
}

function isObject(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortedKeys(v: Record<string, Value>): string[] {
  return Object.keys(v).sort();
}

function goType(v: Value): string {
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'string' ? 'string' : '<nil>';
}

/** Strings as they are, other scalars as text, objects and lists as compact JSON with sorted keys (Go's). */
function print(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return JSON.stringify(v, (_, x: Value) => (isObject(x) ? Object.fromEntries(sortedKeys(x).map((k) => [k, x[k]])) : x));
}
