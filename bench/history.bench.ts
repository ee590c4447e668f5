import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildSearchQuery } from '../electron/main/core/history/searchQuery'
import { cutSnippet } from '../electron/main/core/history/snippet'
import type { HistoryExchangeWrite } from '../electron/main/core/ports'
import { SqliteHistoryStore } from '../electron/main/platform/sqliteHistoryStore'
import { mulberry32 } from '../test/integration/media/syntheticScreen'
import { measured, type BenchResult } from './benchResult'

/**
 * History (issue 14): search over 10,000 exchanges as the History view runs it (query plan,
 * FTS5 trigram + LIKE, snippets), saving one exchange (one transaction, WAL), and the database
 * size per 1,000 exchanges. A real file in a temporary folder, removed afterwards.
 */
const EXCHANGES = 10_000
const SAVES = 300
const SEARCHES = 400
const WORDS = (
  'docker kubernetes restart daemon error message socket build compiler module install package version python ' +
  'javascript function variable screen window terminal browser network proxy certificate database index query ' +
  'weather travel recipe garden music history science giraffe photosynthesis planet ocean mountain river city'
).split(' ')
const JAPANESE = ['東京の天気はどうですか', '明日は雨かもしれません', '京都へ旅行したい', 'このエラーの意味は何ですか', '日本語で説明してください']
const QUERIES = ['docker', 'restar', '"error message"', 'kubernetes socket', '天気', '東京の天気', 'giraf*', 'NEAR(proxy', 'zebra', 'py', 'certificate database', '"(unbalanced', 'qz', '大阪']

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-history-bench-'))
  const path = join(dir, 'history.db')
  const random = mulberry32(14)
  const sentence = (words: number) => Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')
  const start = Date.UTC(2026, 0, 1)
  const write = (i: number): HistoryExchangeWrite => {
    const conversation = Math.floor(i / 8)
    const isJapanese = i % 10 === 0
    return {
      conversation: { id: `c${conversation}`, startedAt: start + conversation * 60_000, continuedFrom: null },
      exchange: {
        seq: (i % 8) + 1,
        startedAt: start + i * 5_000,
        endedAt: start + i * 5_000 + 4_000,
        modelId: 'gemini-3.8-live',
        userText: isJapanese ? JAPANESE[i % JAPANESE.length]! : `${sentence(10)}?`,
        modelText: isJapanese ? `${JAPANESE[(i + 1) % JAPANESE.length]}。${JAPANESE[(i + 2) % JAPANESE.length]}。` : `${sentence(70)}.`,
        toolCalls: [],
        screenShared: i % 7 === 0,
        interrupted: false,
        usage: { promptTokens: 300, responseTokens: 120, totalTokens: 420 },
      },
    }
  }
  try {
    let store = SqliteHistoryStore.open({ path })
    for (let i = 0; i < EXCHANGES; i += 500) await store.saveExchanges(Array.from({ length: Math.min(500, EXCHANGES - i) }, (_, k) => write(i + k)))
    store.close()
    const bytesPerThousand = statSync(path).size / (EXCHANGES / 1_000)

    store = SqliteHistoryStore.open({ path })
    const searchMs: number[] = []
    const searchCpuMs: number[] = []
    let hits = 0
    for (let i = 0; i < SEARCHES; i++) {
      const text = QUERIES[i % QUERIES.length]!
      const cpu0 = process.threadCpuUsage()
      const t0 = performance.now()
      const query = buildSearchQuery(text, 200)
      const found = query ? await store.search(query.plan) : []
      for (const hit of found) cutSnippet(hit.exchange.modelText, query!.terms)
      searchMs.push(performance.now() - t0)
      const cpu = process.threadCpuUsage(cpu0)
      searchCpuMs.push((cpu.user + cpu.system) / 1_000)
      hits += found.length
    }

    const saveMs: number[] = []
    for (let i = 0; i < SAVES; i++) {
      const one = write(EXCHANGES + i)
      const t0 = performance.now()
      await store.saveExchanges([one])
      saveMs.push(performance.now() - t0)
    }
    store.close()
    // Wall time is the budget; on a shared machine the CPU time this thread spent says what the search itself costs.
    const load = `load average ${loadavg()[0]!.toFixed(1)}`
    return [
      measured('history search CPU time, 10,000 exchanges', 'ms', searchCpuMs, null, `this thread's CPU time for the same searches; ${load}`),
      measured('history search, 10,000 exchanges', 'ms', searchMs, 20, `${load}; ${QUERIES.length} queries (prefix, phrase, Japanese, short, FTS syntax, short and absent: a full LIKE scan), snippets included; ${Math.round(hits / SEARCHES)} hits a search`),
      measured('history save one exchange', 'ms', saveMs, 2, `${load}; one transaction, WAL, synchronous=NORMAL, FTS triggers`, 'median'),
      {
        name: 'history database size per 1,000 exchanges',
        unit: 'KiB',
        median: Math.round(bytesPerThousand / 1024),
        p95: Math.round(bytesPerThousand / 1024),
        budget: null,
        ok: true,
        note: 'user ~70 chars, answer ~500 chars; tables, indexes and the trigram FTS index, after checkpoint',
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
