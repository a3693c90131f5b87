// Exact percentiles over a histogram of whole values, as PostgreSQL's percentile_disc computes
// them over the same values: the first value whose running count reaches ceil(p × n). Pure.

export type Bin = { value: number; count: number };

export function percentileDisc(bins: readonly Bin[], p: number): number | null {
  const sorted = bins.filter((b) => b.count > 0).toSorted((a, b) => a.value - b.value);
  const n = sorted.reduce((s, b) => s + b.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.value;
  }
  return sorted.at(-1)!.value;
}
