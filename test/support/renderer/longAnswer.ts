import type { Page } from '@playwright/test'

/** The word the long answer ends with: when it is on screen, the whole answer is. */
export const LONG_ANSWER_END = 'END-OF-LONG-ANSWER'

/**
 * A markdown answer of about `chars` characters, shaped like a long model answer: headings,
 * paragraphs with inline formatting and links, lists and fenced code, ending in {@link LONG_ANSWER_END}.
 * Returns the text and how many list items and code blocks it holds.
 */
export function longMarkdownAnswer(chars: number): { text: string; listItems: number; codeBlocks: number } {
  const parts: string[] = []
  let length = 0
  let listItems = 0
  let codeBlocks = 0
  for (let n = 1; length < chars - 200; n++) {
    const section =
      `## Step ${n}\n\nOpen the **settings** for part ${n} and check the \`value_${n}\` field; ` +
      `see [the guide](https://example.com/guide/${n}) if it looks *different* from what you expect.\n\n` +
      `- first check ${n}\n- second check ${n}\n- third check ${n}\n\n` +
      '```ts\n' + `const step${n} = await load(${n})\n\nconsole.log(step${n})\n` + '```\n\n'
    parts.push(section)
    length += section.length
    listItems += 3
    codeBlocks += 1
  }
  parts.push(`That is all. ${LONG_ANSWER_END}`)
  return { text: parts.join(''), listItems, codeBlocks }
}

/** Splits text into chunks of `size` characters (the last may be shorter). */
export function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = []
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
  return chunks
}

export interface StreamTiming {
  /** Page time (ms) the first chunk was delivered. */
  firstChunkAt: number
  /** Page time (ms) the last chunk was delivered. */
  lastChunkAt: number
  /** Page time (ms) of the first frame after which the end of the answer was on screen. */
  shownAt: number
  /** Every main-thread task over 50 ms (the Long Tasks API's threshold) while streaming, in ms. */
  longTasks: number[]
  /** How many times the conversation log's DOM changed (one MutationObserver callback per render). */
  renders: number
}

/**
 * Runs in the page (kept as source text: a transpiler that renames or wraps functions, as tsx's
 * keepNames does, must not touch what Playwright sends to the browser).
 */
const STREAM_IN_PAGE = `({ chunks, turnId, intervalMs, end }) => new Promise((resolve) => {
  const emit = globalThis.__emit
  const longTasks = []
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration) })
  observer.observe({ type: 'longtask' })
  const log = document.querySelector('[role="log"]')
  let renders = 0
  const mutations = new MutationObserver(() => { renders++ })
  mutations.observe(log, { subtree: true, childList: true, characterData: true })
  let i = 0
  let firstChunkAt = 0
  let lastChunkAt = 0
  const check = () => {
    if (!(log.textContent || '').includes(end)) return requestAnimationFrame(check)
    const shownAt = performance.now()
    // Let the observers deliver their last entries before reporting.
    setTimeout(() => {
      observer.disconnect()
      mutations.disconnect()
      resolve({ firstChunkAt, lastChunkAt, shownAt, longTasks, renders })
    }, 100)
  }
  const next = () => {
    if (i === 0) firstChunkAt = performance.now()
    emit('onTranscript', { turnId, role: 'model', kind: 'text', text: chunks[i] })
    i++
    if (i < chunks.length) return setTimeout(next, intervalMs)
    lastChunkAt = performance.now()
    emit('onTurnEvent', { turnId, type: 'turnComplete' })
    requestAnimationFrame(check)
  }
  setTimeout(next, 0)
})`

/**
 * Streams `chunks` into the page through the scripted bridge (`__emit`), one chunk per task every
 * `intervalMs`, as main's messages arrive; then ends the turn and waits for {@link LONG_ANSWER_END}
 * to be shown in the conversation log. Long tasks and renders are recorded from the start.
 */
export function streamIntoPage(page: Page, chunks: string[], options: { turnId: number; intervalMs: number }): Promise<StreamTiming> {
  const args = { chunks, turnId: options.turnId, intervalMs: options.intervalMs, end: LONG_ANSWER_END }
  return page.evaluate(`(${STREAM_IN_PAGE})(${JSON.stringify(args)})`) as Promise<StreamTiming>
}
