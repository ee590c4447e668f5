import { describe, expect, it } from 'vitest'
import { MAX_WAITING_QUESTIONS, ToolConfirmations } from '../../../electron/main/core/toolConfirmations'
import type { ToolConfirmRequest, ToolQuestion } from '../../../shared/ipcContract'
import { ManualClock } from '../../support/live/manualClock'

const question = (n: number, tool = 'open_url'): ToolQuestion => ({ tool, emphasis: 'example.com', detail: `https://example.com/${n}`, size: null })

function setUp(alwaysAllowed: string[] = []) {
  const clock = new ManualClock(0)
  const shown: ToolConfirmRequest[] = []
  const closed: string[] = []
  const confirmations = new ToolConfirmations({
    clock,
    ask: (request) => shown.push(request),
    close: (requestId) => closed.push(requestId),
    isAlwaysAllowed: (tool) => alwaysAllowed.includes(tool),
  })
  return { clock, shown, closed, confirmations }
}

describe('tool confirmations', () => {
  it('a flood of questions: 40 simultaneous requests become one panel with a waiting count, shown one after another', async () => {
    const { shown, closed, confirmations } = setUp()
    const answers = Array.from({ length: 40 }, (_, i) => confirmations.confirm(question(i)))
    // One question on screen; its waiting count rises as the others queue behind it.
    expect(new Set(shown.map((r) => r.requestId))).toEqual(new Set(['confirm-1']))
    expect(shown.at(-1)).toMatchObject({ requestId: 'confirm-1', waiting: 39, detail: 'https://example.com/0' })
    confirmations.answer('confirm-1', true)
    await expect(answers[0]).resolves.toBe(true)
    expect(closed).toEqual(['confirm-1'])
    expect(shown.at(-1)).toMatchObject({ requestId: 'confirm-2', waiting: 38, detail: 'https://example.com/1' })
    // "Deny all" refuses the one on screen and all 38 behind it.
    confirmations.answer('confirm-2', false, true)
    expect(await Promise.all(answers.slice(1))).toEqual(Array(39).fill(false))
    expect(closed).toEqual(['confirm-1', 'confirm-2'])
    expect(confirmations.waitingCount).toBe(0)
  })

  it('"allow all" is not a thing: allWaiting with allow answers only the one on screen', async () => {
    const { confirmations } = setUp()
    const first = confirmations.confirm(question(1))
    void confirmations.confirm(question(2))
    confirmations.answer('confirm-1', true, true)
    await expect(first).resolves.toBe(true)
    expect(confirmations.waitingCount).toBe(1)
  })

  it('a timed-out question is a no, and the page is told to take its panel down', async () => {
    const { clock, closed, shown, confirmations } = setUp()
    const first = confirmations.confirm(question(1))
    await clock.advance(60_000)
    await expect(first).resolves.toBe(false)
    expect(closed).toEqual(['confirm-1'])
    expect(() => confirmations.answer('confirm-1', true)).toThrow(expect.objectContaining({ code: 'UNKNOWN_REQUEST' }))
    expect(shown).toHaveLength(1)
  })

  it('a cancelled call takes its question down; one waiting behind is only counted down', async () => {
    const { closed, shown, confirmations } = setUp()
    const onScreen = new AbortController()
    const behind = new AbortController()
    const a = confirmations.confirm(question(1), onScreen.signal)
    const b = confirmations.confirm(question(2), behind.signal)
    behind.abort()
    await expect(b).resolves.toBe(false)
    expect(closed).toEqual([])
    expect(shown.at(-1)).toMatchObject({ requestId: 'confirm-1', waiting: 0 })
    onScreen.abort()
    await expect(a).resolves.toBe(false)
    expect(closed).toEqual(['confirm-1'])
    await expect(confirmations.confirm(question(3), onScreen.signal)).resolves.toBe(false)
  })

  it('"always allow" for a tool answers yes without a panel; other tools still ask', async () => {
    const { shown, confirmations } = setUp(['copy_to_clipboard'])
    await expect(confirmations.confirm(question(1, 'copy_to_clipboard'))).resolves.toBe(true)
    expect(shown).toEqual([])
    void confirmations.confirm(question(2, 'open_url'))
    expect(shown).toHaveLength(1)
  })

  it('more than the queue holds are refused unasked', async () => {
    const { confirmations } = setUp()
    for (let i = 0; i < MAX_WAITING_QUESTIONS; i++) void confirmations.confirm(question(i))
    await expect(confirmations.confirm(question(999))).resolves.toBe(false)
    expect(confirmations.waitingCount).toBe(MAX_WAITING_QUESTIONS)
  })
})
