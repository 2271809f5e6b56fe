// "Did you mean" for field names and enum values: optimal-string-alignment (Damerau) distance,
// so a swapped pair of letters (`tempreature`) costs one edit like a missing one (`replica`).

/** Edit distance with adjacent transpositions; stops early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How many edits still read as a typo of a word this long (1 for short words, up to a third). */
export function typoBudget(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * Candidates close to `word`, best first: same letters ignoring case first, then by distance.
 * Empty when nothing is within the typo budget.
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = word.toLowerCase();
  const budget = typoBudget(word);
  const scored: { name: string; score: number }[] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    let d = cl === lower ? 0 : editDistance(lower, cl, budget);
    // A truncated or over-long word (`pydantic` for `pydantic-ai`) reads as a typo too.
    if (d > budget && Math.min(cl.length, lower.length) >= 4 && (cl.startsWith(lower) || lower.startsWith(cl))) d = budget;
    if (d <= budget) scored.push({ name: c, score: d });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** The single best suggestion, if any. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  return closestNames(word, candidates, 1)[0];
}
