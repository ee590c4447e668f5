import { readdir, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchModule, BenchResult } from './benchResult'

/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, prints one table and writes
 * bench/results.json. Not part of `npm test`; figures, not pass/fail tests.
 */
const dir = import.meta.dirname
const only = process.argv.slice(2)
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort()
const results: BenchResult[] = []
const started = Date.now()
for (const file of files) {
  process.stderr.write(`bench: ${file}…\n`)
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule
  try {
    results.push(...(await mod.run()))
  } catch (error) {
    results.push({ name: file, unit: 'error', median: Number.NaN, p95: Number.NaN, budget: null, ok: false, note: String(error) })
  }
}
await mkdir(dir, { recursive: true })
await writeFile(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n')
console.table(results.map((r) => ({ name: r.name, unit: r.unit, median: r.median, p95: r.p95, budget: r.budget ?? '—', ok: r.ok ? 'yes' : 'NO', note: r.note })))
console.log(`${results.filter((r) => r.ok).length}/${results.length} within budget, ${((Date.now() - started) / 1000).toFixed(1)} s`)
process.exit(0)
