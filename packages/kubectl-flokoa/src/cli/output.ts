// Terminal output: colour only on a TTY and never with NO_COLOR (or TERM=dumb); redrawing in place
// on any TTY but a dumb one (NO_COLOR drops colour, not the live view).

export interface Output {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  color: boolean;
  /** Live redraw is allowed (a TTY that is not dumb; with or without colour). */
  interactive: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function colorAllowed(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/** Redrawing in place needs a terminal that moves its cursor; NO_COLOR is about colour only. */
export function redrawAllowed(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function processOutput(): Output {
  const color = colorAllowed(process.stdout);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    color,
    interactive: redrawAllowed(process.stdout),
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  };
}

export type Paint = (s: string) => string;
export interface Palette {
  red: Paint;
  green: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
}

const sgr =
  (code: string): Paint =>
  (s) =>
    `\x1b[${code}m${s}\x1b[0m`;
const plain: Paint = (s) => s;

export function palette(color: boolean): Palette {
  return color
    ? { red: sgr('31'), green: sgr('32'), yellow: sgr('33'), dim: sgr('2'), bold: sgr('1') }
    : { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };
}
