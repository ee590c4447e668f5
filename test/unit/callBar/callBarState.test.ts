import { describe, expect, it } from 'vitest'
import { AppState, SPEAKING_HOLD_MS, type AppStateChange } from '../../../electron/main/core/state/appState'
import { isCallBarShown } from '../../../shared/callBarShown'
import { ManualClock } from '../../support/live/manualClock'
import type { SharePause } from '../../../shared/sharePause'

const live = { state: 'live', detail: null, resumed: false } as const
const talk = (isTalking: boolean) => ({ isTalking, source: isTalking ? ('button' as const) : null, hotkeyNote: null })
const sharing = (pause: SharePause | null) => ({ isSharing: true, source: { kind: 'screen' as const, name: 'Screen 1' }, framesSent: 0, framesDropped: 0, pause })

function liveState(): { state: AppState; clock: ManualClock; phases: () => string[] } {
  const clock = new ManualClock()
  const state = new AppState(clock)
  const heard: AppStateChange[] = []
  state.onStateChange((change) => heard.push(change))
  state.observe('onSessionStatus', { state: 'connecting', detail: null, resumed: false })
  state.observe('onSessionStatus', live)
  return { state, clock, phases: () => heard.filter((c) => c.changed.includes('callBar')).map((c) => c.state.callBar.phase) }
}

describe('the call bar state, derived from main\'s readable state', () => {
  it('a push-to-talk exchange reads connecting → ready → listening → thinking → speaking → ready', async () => {
    const { state, clock, phases } = liveState()
    state.observe('onTalkState', talk(true))
    state.observe('onTalkState', talk(false))
    state.notePlayback()
    state.observe('onTurnEvent', { turnId: 1, type: 'generationComplete' })
    await clock.advance(SPEAKING_HOLD_MS)
    expect(phases()).toEqual(['connecting', 'ready', 'listening', 'thinking', 'speaking', 'ready'])
  })

  it('shows "speaking" while the model\'s audio plays: playback reports alone reach the call bar (the mini window never said it)', () => {
    const { state } = liveState()
    state.notePlayback()
    expect(state.state.callBar.phase).toBe('speaking')
  })

  it('a typed question is thinking until its answer starts; a turn event ends thinking even with no audio', () => {
    const { state } = liveState()
    state.observe('onTranscript', { turnId: 3, role: 'user', kind: 'text', text: 'What time is it?' })
    expect(state.state.callBar.phase).toBe('thinking')
    state.observe('onTurnEvent', { turnId: 3, type: 'noAnswer' })
    expect(state.state.callBar.phase).toBe('ready')
  })

  it('the user\'s own transcription arriving after the answer (wire sample u11) does not start thinking', () => {
    const { state } = liveState()
    state.observe('onTurnEvent', { turnId: 4, type: 'turnComplete' })
    state.observe('onTranscript', { turnId: 4, role: 'user', kind: 'input', text: 'late words' })
    expect(state.state.callBar.phase).toBe('ready')
  })

  it('reconnecting outranks everything while the connection is down, and a question asked before it is still awaited after', () => {
    const { state } = liveState()
    state.observe('onTalkState', talk(true))
    state.observe('onTalkState', talk(false))
    state.observe('onSessionStatus', { state: 'reconnecting', detail: null, resumed: false })
    expect(state.state.callBar.phase).toBe('reconnecting')
    state.observe('onSessionStatus', { state: 'live', detail: null, resumed: true })
    expect(state.state.callBar.phase).toBe('thinking')
  })

  it('sharing reads "looking"; a share held back by the privacy gate, or a muted mic, reads "paused"', () => {
    const { state } = liveState()
    state.observe('onShareState', sharing(null))
    expect(state.state.callBar.phase).toBe('looking')
    state.observe('onShareState', sharing({ code: 'SHARE_PAUSED_IN_FRONT', params: { window: '1Password' } }))
    expect(state.state.callBar.phase).toBe('paused')
    state.observe('onShareState', sharing(null))
    state.setMuted(true)
    expect(state.state.callBar).toEqual({ phase: 'paused', isMuted: true })
  })

  it('hands-free keeps the mic open: the model speaking shows "speaking", and stopping the mic asks nothing', () => {
    const { state } = liveState()
    state.setHandsFree(true)
    state.observe('onTalkState', talk(true))
    expect(state.state.callBar.phase).toBe('listening')
    state.notePlayback()
    expect(state.state.callBar.phase).toBe('speaking')
    state.setHandsFree(false)
    expect(state.state.callBar.phase).toBe('listening')
    state.setHandsFree(true)
    state.observe('onTalkState', talk(false))
    expect(state.state.callBar.phase).toBe('speaking')
  })

  it('the session ending turns the bar off and forgets the open question', () => {
    const { state } = liveState()
    state.observe('onTranscript', { turnId: 5, role: 'user', kind: 'text', text: 'hello' })
    state.observe('onSessionStatus', { state: 'idle', detail: null, resumed: false })
    expect(state.state.callBar.phase).toBe('off')
    state.observe('onSessionStatus', live)
    expect(state.state.callBar.phase).toBe('ready')
  })

  it('is shown while a session is live, connecting or reconnecting, and never when the setting is off', () => {
    expect(isCallBarShown({ phase: 'connecting' }, true)).toBe(true)
    expect(isCallBarShown({ phase: 'reconnecting' }, true)).toBe(true)
    expect(isCallBarShown({ phase: 'off' }, true)).toBe(false)
    expect(isCallBarShown({ phase: 'speaking' }, false)).toBe(false)
  })
})
