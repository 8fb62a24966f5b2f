/** Edit distance with adjacent transpositions, case-insensitive ("Secret" vs "Secrets" is 1). */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    rows.push([i]);
  }
  for (let j = 1; j <= y.length; j++) rows[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = best;
    }
  }
  return rows[x.length][y.length];
}

/**
 * The names closest to a misspelt one: within a third of its length in edits, or containing it
 * as a phrase ("Secrets User" finds "Key Vault Secrets User"), best first.
 */
export function closestNames(wanted: string, candidates: readonly string[], max = 3): string[] {
  const needle = wanted.trim().toLowerCase();
  if (!needle) return [];
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return candidates
    .map((name) => {
      const lower = name.toLowerCase();
      const distance = lower.includes(needle) ? 0.5 : editDistance(needle, lower);
      return { name, distance };
    })
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

/** `Did you mean "A" or "B"?` or nothing. */
export function didYouMean(wanted: string, candidates: readonly string[]): string {
  const names = closestNames(wanted, candidates);
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
