// Kubernetes resource quantities ("500m", "1.5Gi", "2e3") as the API server reads, adds, compares
// and prints them: exact arithmetic in nano units (values finer than 1n round up, as the API
// server rounds them), and the canonical text `Quantity.String()` gives, which is what error
// messages, `status.used` and `kubectl describe` show.

/** How a quantity prints: the suffix family it was written with. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9 (1 cpu = 1e9, 1Mi = 1048576e9). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SYNTAX = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** Parses a quantity as written in YAML (a string or a number); undefined when Kubernetes would refuse it. */
export function parseQuantity(v: unknown): Quantity | undefined {
  const text = typeof v === 'number' && Number.isFinite(v) ? numberText(v) : typeof v === 'string' ? v : undefined;
  const m = text === undefined ? null : SYNTAX.exec(text);
  if (!m) return undefined;
  const [, sign, number, suffix = ''] = m;
  const dot = number.indexOf('.');
  const digits = dot < 0 ? number : number.slice(0, dot) + number.slice(dot + 1);
  const fraction = dot < 0 ? 0 : number.length - dot - 1;
  let num = BigInt(digits || '0') * NANO;
  let den = 10n ** BigInt(fraction);
  let format: QuantityFormat = 'DecimalSI';
  if (suffix in BINARY) {
    num *= 1024n ** BigInt(BINARY[suffix]);
    format = 'BinarySI';
  } else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
    if (!(suffix in DECIMAL)) format = 'DecimalExponent';
    if (Math.abs(exp) > 64) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  const nanos = (num + den - 1n) / den;
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** A whole number of units (pods, object counts). */
export function countQuantity(n: number): Quantity {
  return { nanos: BigInt(n) * NANO, format: 'DecimalSI' };
}

/** The canonical text, as Kubernetes prints the quantity. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const whole = abs % NANO === 0n;
  const text = q.format === 'BinarySI' && whole && abs >= 1024n * NANO ? binaryText(abs / NANO) : decimalText(abs, q.format);
  return negative ? `-${text}` : text;
}

function binaryText(units: bigint): string {
  let v = units;
  let k = 0;
  while (k < BINARY_SUFFIX.length - 1 && v % 1024n === 0n) {
    v /= 1024n;
    k++;
  }
  return `${v}${BINARY_SUFFIX[k]}`;
}

function decimalText(nanos: bigint, format: QuantityFormat): string {
  let v = nanos;
  let exp = -9;
  while (v % 10n === 0n) {
    v /= 10n;
    exp++;
  }
  // The exponent goes down to a multiple of three: 1.5 prints as 1500m, not 15e-1.
  const down = ((exp % 3) + 3) % 3;
  v *= 10n ** BigInt(down);
  exp -= down;
  if (format === 'DecimalExponent') return exp === 0 ? `${v}` : `${v}e${exp}`;
  const suffix = DECIMAL_SUFFIX.get(exp);
  return suffix !== undefined ? `${v}${suffix}` : `${v}e${exp}`;
}

/** JavaScript's text of a YAML number, without exponent notation Kubernetes would not take. */
function numberText(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? s.replace(/e\+?/i, 'e') : s;
}

/** a + b; the sum prints as `a` does unless `a` is zero, as Kubernetes' Quantity.Add. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** n × q (replicas of a pod). */
export function scaleQuantity(q: Quantity, n: number): Quantity {
  return { nanos: q.nanos * BigInt(n), format: q.format };
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Whether limit / request > max, exactly (LimitRange's maxLimitRequestRatio). */
export function ratioExceeds(limit: Quantity, request: Quantity, max: Quantity): boolean {
  return limit.nanos * NANO > max.nanos * request.nanos;
}

/** limit / request as Go's %f prints it ("4.000000"), for messages that quote the API server. */
export function ratioText(limit: Quantity, request: Quantity): string {
  return (Number(limit.nanos) / Number(request.nanos)).toFixed(6);
}
