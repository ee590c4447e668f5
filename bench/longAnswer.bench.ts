import { startRendererPage } from '../test/support/renderer/rendererPage'
import { chunksOf, longMarkdownAnswer, streamIntoPage } from '../test/support/renderer/longAnswer'
import { measured, type BenchResult } from './benchResult'

const RUNS = 5
const CHUNK_CHARS = 40
/** Gap between chunks: about what the Live API's text streaming gives (tens of chunks a second). */
const CHUNK_INTERVAL_MS = 10

/**
 * A long streamed text answer (issue 19): 30 KB of markdown in 40-character chunks, delivered
 * one chunk per task to the real renderer in Chromium (the scripted bridge stands in for main).
 * Longest main-thread task from the Long Tasks API (which reports tasks over 50 ms; 0 when there
 * were none), and time from the last chunk until the end of the answer is on screen.
 */
export async function run(): Promise<BenchResult[]> {
  const app = await startRendererPage()
  const answer = longMarkdownAnswer(30_000)
  const chunks = chunksOf(answer.text, CHUNK_CHARS)
  const longest: number[] = []
  const tail: number[] = []
  const renders: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const { page } = await app.open('conversation')
      await page.getByRole('log', { name: 'Conversation' }).waitFor()
      const timing = await streamIntoPage(page, chunks, { turnId: 1, intervalMs: CHUNK_INTERVAL_MS })
      longest.push(Math.max(0, ...timing.longTasks))
      tail.push(timing.shownAt - timing.lastChunkAt)
      renders.push(timing.renders)
      await page.close()
    }
  } finally {
    await app.close()
  }
  const shape = `${answer.text.length} characters in ${chunks.length} chunks of ${CHUNK_CHARS}, one every ${CHUNK_INTERVAL_MS} ms, real renderer in Chromium`
  return [
    measured('long answer: longest main-thread task while streaming', 'ms', longest, 50, `${shape}; Long Tasks API, 0 = none over 50 ms`),
    measured('long answer: shown after its last chunk', 'ms', tail, 1_000, shape),
    measured('long answer: renders of the conversation log', 'count', renders, null, `${shape}; one per chunk (${chunks.length}) before issue 19`),
  ]
}
