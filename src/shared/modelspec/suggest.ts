/** The declared names nearest to a mistyped one, for "did you mean …?" messages. */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), capped for speed on long words. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to three candidates within a distance that grows with the word's length, nearest first. */
export function suggest(name: string, candidates: readonly string[]): string[] {
  if (name.length > 100) return [];
  // A case slip (v for V, Tau for tau) is the likeliest mistake: name only those when there are any.
  const sameLetters = candidates.filter((c) => c !== name && c.toLowerCase() === name.toLowerCase());
  if (sameLetters.length > 0) return sameLetters.slice(0, 3);
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  return candidates
    .map((c) => ({ c, d: c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((x) => x.c);
}
