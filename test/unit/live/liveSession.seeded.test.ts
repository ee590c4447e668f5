import { describe, expect, it } from 'vitest'
import { InMemoryConversationStore } from '../../support/live/inMemoryConversationStore'
import { settle } from '../../support/live/manualClock'
import { FLASH_31, seededConversation, sessionHarness } from '../../support/live/sessionHarness'
import { detailWords, statusWords } from '../../support/live/statusWords'
import { describeNotices } from '../../../shared/i18n/describeError'
import { formatDateTime } from '../../../shared/i18n/format'
import { wordingFor } from '../../../shared/i18n/translate'

// History's Continue: a fresh session seeded with stored turns, told as a continuation.
const WHEN = new Date(2026, 10, 20, 9, 0).getTime()
const SEED = {
  turns: [
    { role: 'user' as const, text: 'Plan a trip to Kyoto.' },
    { role: 'model' as const, text: 'Go in spring for the blossoms.' },
  ],
  notes: [{ code: 'CONTINUING_HISTORY', params: { title: 'Plan a trip to Kyoto.', when: WHEN } }],
}

describe('LiveSession.startSeeded', () => {
  it('ends the open conversation and starts fresh, seeded through clientContent, with the note as the status', async () => {
    const store = new InMemoryConversationStore()
    const h = sessionHarness({ store })
    await h.startLive()
    const first = h.transport.last
    h.transport.onAttempt = (a) => a.accept('h5')
    await h.session.startSeeded(h.settings(), SEED)
    await settle()
    expect(first.isClosedByClient).toBe(true)
    expect(h.transport.last.request.config.sessionResumption).toEqual({})
    expect(h.transport.last.sent[0]).toEqual(seededConversation('Plan a trip to Kyoto.', 'Go in spring for the blossoms.'))
    expect(statusWords(h.session.status)).toEqual({ state: 'live', resumed: false, detail: `Continuing “Plan a trip to Kyoto.” from ${formatDateTime(WHEN, 'en')}: a new session that knows what was said.` })
    // The moment travels as a number; each edge words it with Intl in its own language.
    expect(formatDateTime(WHEN, 'en')).toMatch(/^Nov 20, 2026, 9:00\s?AM$/)
    expect(describeNotices(h.session.status.detail, wordingFor('de'))).toBe('„Plan a trip to Kyoto.“ vom 20.11.2026, 09:00 wird fortgesetzt: eine neue Sitzung, die weiß, was gesagt wurde.')
    expect(store.kept?.transcript).toEqual(SEED.turns)
  })

  it('on a model that takes history only at the start (3.1) the seed is the initial history, never the system instruction', async () => {
    const h = sessionHarness()
    h.transport.onAttempt = (a) => a.accept('h1')
    await h.session.startSeeded(h.settings({ model: FLASH_31, systemInstruction: 'Be brief.' }), SEED)
    await settle()
    expect(h.transport.last.request.config.historyConfig).toEqual({ initialHistoryInClientContent: true })
    expect(h.transport.last.sent).toEqual([{ ...seededConversation('Plan a trip to Kyoto.', 'Go in spring for the blossoms.'), payload: { ...seededConversation('Plan a trip to Kyoto.', 'Go in spring for the blossoms.').payload, turnComplete: true } }])
    expect(h.transport.last.request.config.systemInstruction).toMatch(/^Be brief\./)
    expect(String(h.transport.last.request.config.systemInstruction)).not.toContain('Plan a trip to Kyoto.')
    expect(h.session.status.detail).toEqual(SEED.notes)
  })

  it('a plain start afterwards is not seeded again', async () => {
    const h = sessionHarness()
    h.transport.onAttempt = (a) => a.accept('h1')
    await h.session.startSeeded(h.settings(), SEED)
    await h.session.stop()
    await h.session.start(h.settings())
    await settle()
    expect(h.transport.last.sent).toEqual([])
    expect(detailWords(h.session.status)).toBeNull()
  })
})
