import { describe, expect, it } from 'vitest'
import { sessionLabel } from '../../../renderer/src/stores/sessionLabel'
import { translatorFor } from '../../../shared/i18n/translate'
import type { SessionStatus } from '../../../shared/ipcContract'

const en = translatorFor('en')

const quiet = { isTalking: false, isSpeaking: false }

describe('the state indicator', () => {
  it('says when the session is reconnecting', () => {
    expect(sessionLabel({ state: 'reconnecting', detail: null, resumed: false }, quiet, en)).toMatchObject({ text: 'Reconnecting…', tone: 'warning' })
  })

  it('says when a reconnect kept the conversation', () => {
    const label = sessionLabel({ state: 'live', detail: null, resumed: true }, quiet, en)
    expect(label.text).toBe('Live (resumed)')
    expect(label.detail).toMatch(/kept/)
  })

  it('shows listening while the user talks and speaking while the model answers', () => {
    const live = { state: 'live', detail: null, resumed: false } as const
    expect(sessionLabel(live, { isTalking: true, isSpeaking: false }, en).text).toBe('Listening')
    expect(sessionLabel(live, { isTalking: false, isSpeaking: true }, en).text).toBe('Speaking')
  })

  it('an error shows once: the status line points at the error list instead of repeating its words', () => {
    expect(sessionLabel({ state: 'error', detail: [{ code: 'BAD_API_KEY' }], resumed: false }, quiet, en)).toEqual({ text: 'Needs attention', tone: 'error', detail: null })
  })

  it('a stale pointer after dismissing: with the error dismissed, the status line no longer says "Needs attention"', () => {
    const failed: SessionStatus = { state: 'error', detail: [{ code: 'BAD_API_KEY' }], resumed: false }
    expect(sessionLabel(failed, { ...quiet, isErrorShown: true }, en).text).toBe('Needs attention')
    expect(sessionLabel(failed, { ...quiet, isErrorShown: false }, en)).toEqual({ text: 'Not connected', tone: 'idle', detail: null })
  })

  it('speaks the UI language: the same states in German and Japanese', () => {
    const live = { state: 'live', detail: null, resumed: false } as const
    expect(sessionLabel(live, { isTalking: true, isSpeaking: false }, translatorFor('de')).text).toBe('Hört zu')
    expect(sessionLabel({ state: 'idle', detail: null, resumed: false }, quiet, translatorFor('ja')).text).toBe('未接続')
  })
})
