// Credentials never reach an annotation, a log or an output. Every credential the kube layer reads
// (a token, a password, URL userinfo, an exec plugin's token) is noted here when it is read, and
// every text that leaves the tools through a sink that could carry one (an error line, the
// change-cause annotation, a log line) goes through `redact` first. Source and sink both: a new
// message or a new credential cannot forget the other side.
const noted = new Set<string>();

/** Remembers a credential value so `redact` removes it wherever it shows up. */
export function noteSecret(value: string | undefined): void {
  // Very short values would blank out ordinary words; no real credential is that short.
  if (value && value.length >= 6) noted.add(value);
}

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** The text without URL userinfo (`https://user:pass@host` → `https://host`) and without any noted credential. */
export function redact(text: string): string {
  let out = text.replace(USERINFO, '$1');
  for (const s of noted) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

/** Flags whose value is a credential (kubectl's). */
const SECRET_FLAGS = new Set(['--token', '--password']);

/** A command line fit to be recorded (change cause): credential flags dropped, every argument redacted. */
export function redactArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (SECRET_FLAGS.has(a)) i++;
    else if (!(eq > 0 && SECRET_FLAGS.has(a.slice(0, eq)))) out.push(redact(a));
  }
  return out;
}
