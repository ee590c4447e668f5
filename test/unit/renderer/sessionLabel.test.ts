import { describe, expect, it } from 'vitest'
import { sessionLabel } from '../../../renderer/src/stores/sessionLabel'

const quiet = { isTalking: false, isSpeaking: false }

describe('the state indicator', () => {
  it('says when the session is reconnecting', () => {
    expect(sessionLabel({ state: 'reconnecting', detail: null, resumed: false }, quiet)).toMatchObject({ text: 'Reconnecting…', tone: 'warning' })
  })

  it('says when a reconnect kept the conversation', () => {
    const label = sessionLabel({ state: 'live', detail: null, resumed: true }, quiet)
    expect(label.text).toBe('Live (resumed)')
    expect(label.detail).toMatch(/kept/)
  })

  it('shows listening while the user talks and speaking while the model answers', () => {
    const live = { state: 'live', detail: null, resumed: false } as const
    expect(sessionLabel(live, { isTalking: true, isSpeaking: false }).text).toBe('Listening')
    expect(sessionLabel(live, { isTalking: false, isSpeaking: true }).text).toBe('Speaking')
  })

  it('an error shows once: the status line points at the error list instead of repeating its words', () => {
    expect(sessionLabel({ state: 'error', detail: 'Bad key', resumed: false }, quiet)).toEqual({ text: 'Needs attention', tone: 'error', detail: null })
  })
})
