// `pattern` from CRDs the user does not control: compile once per schema node, never let a
// catastrophic pattern or a huge value stall the editor.

/** Longer strings are not matched against patterns at all (the check is skipped, not failed). */
export const MAX_PATTERN_INPUT = 4096;

type Compiled = RegExp | 'invalid' | 'unsafe';

// Keyed by the schema node, so entries go away with the CRD that owned them.
const compiled = new WeakMap<object, Compiled>();

/**
 * The shapes that backtrack exponentially in an ECMAScript engine: a quantified group whose last
 * atom is itself quantified (`(a+)+`, `(\\w*)*`) or that holds an alternation (`(a|aa)+`).
 * Over-cautious on purpose: a skipped check costs less than a frozen editor.
 */
export function isCatastrophic(pattern: string): boolean {
  return /[+*}]\)+[+*{]/.test(pattern) || /\([^()]*\|[^()]*\)[+*{]/.test(pattern);
}

function compile(pattern: string): Compiled {
  if (isCatastrophic(pattern)) return 'unsafe';
  // CRD authors test their patterns with Go's RE2, which spells flags as a leading `(?i)`.
  const flagged = /^\(\?([ims]+)\)/.exec(pattern);
  const source = flagged ? pattern.slice(flagged[0].length) : pattern;
  const flags = flagged?.[1] ?? '';
  try {
    return new RegExp(source, flags + 'u');
  } catch {
    try {
      return new RegExp(source, flags);
    } catch {
      return 'invalid';
    }
  }
}

/** true / false, or undefined when the pattern cannot be checked safely (invalid, unsafe, input too long). */
export function matchesPattern(owner: object, pattern: string, value: string): boolean | undefined {
  let re = compiled.get(owner);
  if (re === undefined) {
    re = compile(pattern);
    compiled.set(owner, re);
  }
  if (typeof re === 'string' || value.length > MAX_PATTERN_INPUT) return undefined;
  return re.test(value);
}
