import { describe, expect, it } from 'vitest'
import { InMemoryConversationStore } from '../../support/live/inMemoryConversationStore'
import { ManualClock, settle } from '../../support/live/manualClock'
import { seededConversation, sessionHarness } from '../../support/live/sessionHarness'
import { statusWords } from '../../support/live/statusWords'

/** One exchange: the user types, the model answers, the server hands out a new handle. */
async function exchange(h: ReturnType<typeof sessionHarness>, question: string, answer: string, handle: string) {
  h.session.sendText(question)
  h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: answer }] } } })
  h.transport.last.emit({ serverContent: { turnComplete: true } })
  h.transport.last.emit({ sessionResumptionUpdate: { newHandle: handle, resumable: true } })
  await settle()
}

/** A conversation of one exchange, kept by a session that then shut down with the app; the next harness shares its store and clock. */
async function keptBeforeRestart(question: string, answer: string) {
  const store = new InMemoryConversationStore()
  const clock = new ManualClock()
  const before = sessionHarness({ store, clock })
  await before.startLive()
  await exchange(before, question, answer, 'h2')
  await before.session.shutdown()
  return { store, clock }
}

describe('the conversation kept across an app restart', () => {
  it('keeps the newest handle, its time and the transcript, and never the key even when the user typed it', async () => {
    const store = new InMemoryConversationStore()
    const h = sessionHarness({ store, key: 'test-key-1234' })
    await h.startLive()
    await exchange(h, 'My key is test-key-1234, keep it safe', 'I will not repeat it.', 'h2')
    expect(store.kept).toEqual({
      modelId: 'gemini-3.8-live',
      handle: 'h2',
      lastConnectedAt: h.clock.now(),
      transcript: [
        { role: 'user', text: 'My key is [redacted-key], keep it safe' },
        { role: 'model', text: 'I will not repeat it.' },
      ],
    })
    expect(JSON.stringify(store.kept)).not.toContain('test-key-1234')
  })

  it('after a restart within the handle lifetime, Start resumes the same conversation and says so', async () => {
    const { store, clock } = await keptBeforeRestart('Remember the number 42.', 'Noted: 42.')
    expect(store.kept?.handle).toBe('h2')

    await clock.advance(45 * 60_000)
    const after = sessionHarness({ store, clock })
    await after.startLive()
    expect(after.transport.last.request.config.sessionResumption).toEqual({ handle: 'h2' })
    expect(statusWords(after.session.status)).toEqual({ state: 'live', resumed: true, detail: 'Continued the conversation from before Sightline restarted.' })
    expect(after.transport.last.sent).toEqual([])
  })

  it('a kept handle the server refuses starts fresh, seeded with the kept transcript, and the user is told', async () => {
    const { store, clock } = await keptBeforeRestart('Remember the number 42.', 'Noted: 42.')

    const after = sessionHarness({ store, clock })
    after.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'Session resumption handle is invalid or has expired.') : a.accept('h9'))
    await after.session.start(after.settings())
    await settle()
    expect(after.transport.attempts).toHaveLength(2)
    expect(after.transport.last.sent[0]).toEqual(seededConversation('Remember the number 42.', 'Noted: 42.'))
    expect(statusWords(after.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “Remember the number 42.”; Gemini said “Noted: 42.”.',
    })
  })

  it('a conversation older than the handle lifetime is forgotten: the next start is a new conversation', async () => {
    const { store, clock } = await keptBeforeRestart('Hello', 'Hi')

    await clock.advance(3 * 60 * 60_000)
    const after = sessionHarness({ store, clock })
    await after.startLive()
    expect(after.transport.last.request.config.sessionResumption).toEqual({})
    expect(after.transport.last.sent).toEqual([])
    expect(after.session.status).toEqual({ state: 'live', resumed: false, detail: null })
    await settle()
    expect(store.kept?.handle).toBe('h1')
    expect(store.kept?.transcript).toEqual([])
  })

  it('Stop ends the conversation for good: nothing is kept for the next start', async () => {
    const store = new InMemoryConversationStore()
    const h = sessionHarness({ store })
    await h.startLive()
    await exchange(h, 'Hello', 'Hi', 'h2')
    await h.session.stop()
    expect(store.kept).toBeNull()
  })

  it('a broken store never breaks the session: it is logged and the conversation goes on', async () => {
    const store = new InMemoryConversationStore()
    store.isBroken = true
    const h = sessionHarness({ store })
    await h.startLive()
    await exchange(h, 'Hello', 'Hi', 'h2')
    await h.session.stop()
    expect(h.log.of('onError')).toEqual([])
    expect(h.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(
      expect.arrayContaining(['could not read the kept conversation', 'could not keep the conversation', 'could not forget the kept conversation']),
    )
  })

  it('writes are coalesced: a burst of handle updates does not queue a write per update', async () => {
    const store = new InMemoryConversationStore()
    const h = sessionHarness({ store })
    await h.startLive()
    await settle()
    const before = store.saves
    for (let i = 0; i < 50; i++) h.transport.last.emit({ sessionResumptionUpdate: { newHandle: `h-${i}`, resumable: true } })
    await settle()
    expect(store.saves - before).toBeLessThanOrEqual(2)
    expect(store.kept?.handle).toBe('h-49')
  })
})
