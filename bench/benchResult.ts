/** One figure in bench/results.json. A comparison against a baseline is its own entry with unit `ratio`. */
export interface BenchResult {
  name: string
  unit: string
  median: number
  p95: number
  /** The budget the figure must meet (upper bound unless `note` says otherwise); null when it only informs. */
  budget: number | null
  ok: boolean
  note: string
}

/** The value at quantile q (0–1) of the samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** A result whose budget is an upper bound on the p95 (or on the median when `on` says so). */
export function measured(
  name: string,
  unit: string,
  samples: readonly number[],
  budget: number | null,
  note: string,
  on: 'median' | 'p95' = 'p95',
): BenchResult {
  const median = round(quantile(samples, 0.5))
  const p95 = round(quantile(samples, 0.95))
  const ok = budget === null ? true : (on === 'median' ? median : p95) <= budget
  return { name, unit, median, p95, budget, ok, note: `${note} (n=${samples.length}, budget on ${on})` }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}

/** A bench module: `bench/<area>.bench.ts` exporting `run`. */
export type BenchModule = { run(): Promise<BenchResult[]> }
