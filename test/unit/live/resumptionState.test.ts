import { describe, expect, it } from 'vitest'
import { ResumptionState } from '../../../electron/main/core/live/recovery/resumptionState'
import { settle } from '../../support/live/manualClock'
import { GEMINI_38, NATIVE_AUDIO, sessionHarness } from '../../support/live/sessionHarness'
import { statusWords } from '../../support/live/statusWords'

// A resumption handle belongs to the model it was issued for: resuming cannot change the model
// (live-protocol.md §5). Without the check, a reconnect after a model change would send the old
// model's handle and the server would refuse it, or the user would silently keep the old model.

describe('a resumption handle issued for another model', () => {
  it('is not usable for the new model, and the fresh start says the model changed', () => {
    const state = new ResumptionState(60 * 60_000)
    state.update({ newHandle: 'h1', resumable: true }, GEMINI_38)
    expect(state.usable(0, GEMINI_38)).toBe('h1')
    expect(state.usable(0, NATIVE_AUDIO)).toBeUndefined()
    expect(state.freshStartNote(0, GEMINI_38)).toBeNull()
    expect(state.freshStartNote(0, NATIVE_AUDIO)).toEqual([{ code: 'MODEL_CHANGED_FRESH' }])
    // A restored handle keeps its model too.
    const restored = new ResumptionState(60 * 60_000)
    restored.restore('h7', NATIVE_AUDIO, 0)
    expect(restored.usable(1, GEMINI_38)).toBeUndefined()
    expect(restored.usable(1, NATIVE_AUDIO)).toBe('h7')
  })

  it('a reconnect after the user changed the model sends no handle and tells the user why the conversation started over', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h2', resumable: true } })
    h.session.applySettings(h.settings({ model: NATIVE_AUDIO }))
    h.transport.onAttempt = (a) => a.accept('h3')
    h.transport.last.serverClose(1006, '')
    await settle()
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.model).toBe(NATIVE_AUDIO)
    expect(h.transport.last.request.config.sessionResumption).toEqual({})
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail: 'The model changed, so a new conversation started with a summary of the earlier one.',
    })
  })
})
