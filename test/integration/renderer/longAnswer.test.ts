import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from '@playwright/test'
import { startRendererPage, type RendererPage } from '../../support/renderer/rendererPage'
import { chunksOf, LONG_ANSWER_END, longMarkdownAnswer, streamIntoPage } from '../../support/renderer/longAnswer'

// The real renderer in Chromium with the scripted bridge: what a long or hostile text answer does
// to the page (issue 19). Timings here are loose guards against the quadratic kind coming back;
// the figures against the budget are in bench/longAnswer.bench.ts.

let app: RendererPage

beforeAll(async () => {
  app = await startRendererPage()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const emit = (page: Page, name: string, payload: unknown): Promise<void> =>
  page.evaluate(([n, p]) => (globalThis as unknown as { __emit(n: unknown, p: unknown): void }).__emit(n, p), [name, payload] as const)

async function conversation(): Promise<Page> {
  const { page } = await app.open('conversation')
  await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).count()).toBe(1)
  return page
}

describe('long and hostile text answers', () => {
  it('re-render per chunk: one text reply in 750 chunks of 40 characters is shown whole, as markdown, without freezing the page', async () => {
    const page = await conversation()
    const answer = longMarkdownAnswer(30_000)
    const chunks = chunksOf(answer.text, 40)
    expect(chunks.length).toBeGreaterThanOrEqual(740)
    const timing = await streamIntoPage(page, chunks, { turnId: 1, intervalMs: 2 })
    const log = page.getByRole('log', { name: 'Conversation' })
    expect(await log.locator('.entry.model li').count()).toBe(answer.listItems)
    expect(await log.locator('.entry.model pre code').count()).toBe(answer.codeBlocks)
    expect(await log.locator('.entry.model h2').count()).toBe(answer.codeBlocks)
    expect(await log.innerText()).toContain(LONG_ANSWER_END)
    // One render per chunk was the fault (750 renders here, 22 s to show, before the fix); now
    // chunks are batched per frame and markdown renders at most every 100 ms while streaming.
    expect(timing.renders).toBeLessThan(chunks.length / 5)
    // The budget (longest task 50 ms, shown 1 s after the last chunk) is measured by the bench on
    // an idle machine; here, with an order of magnitude of slack for a loaded one.
    expect(Math.max(0, ...timing.longTasks)).toBeLessThan(1_000)
    expect(timing.shownAt - timing.lastChunkAt).toBeLessThan(5_000)
  }, 120_000)

  it('parser exhaustion: an answer of 5,000 ">" characters is shown as text, not blank', async () => {
    const page = await conversation()
    await emit(page, 'onTranscript', { turnId: 2, role: 'model', kind: 'text', text: '>'.repeat(5000) })
    await emit(page, 'onTurnEvent', { turnId: 2, type: 'turnComplete' })
    const answer = page.locator('.entry.model .markdown')
    await expect.poll(() => answer.textContent()).toBe('>'.repeat(5000))
  }, 60_000)

  it('a 9 MB nested list is capped and said, and the page keeps working', async () => {
    const page = await conversation()
    const problems: string[] = []
    page.on('crash', () => problems.push('renderer crashed'))
    await page.evaluate(() => {
      const emitIn = (globalThis as unknown as { __emit(n: string, p: unknown): void }).__emit
      let nested = ''
      for (let depth = 0; nested.length < 9_000_000; depth++) nested += `${'  '.repeat(depth % 400)}- level ${depth}\n`
      for (let i = 0; i < nested.length; i += 1_000_000) emitIn('onTranscript', { turnId: 3, role: 'model', kind: 'text', text: nested.slice(i, i + 1_000_000) })
      emitIn('onTurnEvent', { turnId: 3, type: 'turnComplete' })
    })
    const entry = page.locator('.entry.model')
    await expect.poll(() => entry.locator('.cut-mark').innerText(), { timeout: 30_000 }).toMatch(/too long to show in full: \d{1,3}(,\d{3})* more characters/)
    await emit(page, 'onTranscript', { turnId: 4, role: 'model', kind: 'text', text: 'Still **here**.' })
    await emit(page, 'onTurnEvent', { turnId: 4, type: 'turnComplete' })
    await expect.poll(() => page.locator('.entry.model strong', { hasText: 'here' }).count()).toBe(1)
    expect(problems).toEqual([])
  }, 120_000)

  it('bidi controls in an entry are isolated: they cannot reorder the label or the entries around them', async () => {
    const page = await conversation()
    await emit(page, 'onTranscript', { turnId: 5, role: 'model', kind: 'text', text: 'safe \u202Etxt.exe\u202C' })
    await emit(page, 'onTranscript', { turnId: 5, role: 'model', kind: 'output', text: 'spoken \u202Ereversed' })
    await emit(page, 'onTurnEvent', { turnId: 5, type: 'turnComplete' })
    await expect.poll(() => page.locator('.entry.model .block').count()).toBeGreaterThan(0)
    const styles = await page.evaluate(() =>
      ['.entry.model .markdown', '.entry.model .block', '.entry.model .speech'].map((s) => getComputedStyle(document.querySelector(s)!).unicodeBidi),
    )
    expect(styles).toEqual(['isolate', 'isolate', 'isolate'])
  }, 60_000)
})
