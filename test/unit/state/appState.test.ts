import { describe, expect, it } from 'vitest'
import { AppState, MAX_PENDING_NOTICES, SPEAKING_HOLD_MS, type AppStateChange } from '../../../electron/main/core/state/appState'
import { activityOf } from '../../../electron/main/core/state/activity'
import { MAX_TRANSCRIPT_ENTRIES } from '../../../electron/main/core/state/transcriptLog'
import { trayMenuModel, trayViewOf } from '../../../electron/main/platform/trayMenuModel'
import { translatorFor } from '../../../shared/i18n/translate'
import { ManualClock } from '../../support/live/manualClock'

const notice = (code: string) => ({ code, message: `${code} happened` })

describe('AppState', () => {
  it('any number of listeners hear each change with the keys it touched, until they unsubscribe', () => {
    const state = new AppState(new ManualClock())
    const a: AppStateChange[] = []
    const b: AppStateChange[] = []
    const subA = state.onStateChange((c) => a.push(c))
    state.onStateChange((c) => b.push(c))
    state.observe('onSessionStatus', { state: 'live', detail: null, resumed: false })
    subA.dispose()
    state.observe('onTalkState', { isTalking: true, source: 'hotkey', hotkeyNote: null })
    // The call bar's state is derived from both, so it changes with them.
    expect(a.map((c) => c.changed)).toEqual([['session', 'callBar']])
    expect(b.map((c) => c.changed)).toEqual([['session', 'callBar'], ['talk', 'callBar']])
    expect(b[1]!.state.talk.isTalking).toBe(true)
    expect(state.listenerCount).toBe(1)
  })

  it('an event that changes nothing fires nothing; an event that carries no state is ignored', () => {
    const state = new AppState(new ManualClock())
    const heard: AppStateChange[] = []
    state.onStateChange((c) => heard.push(c))
    state.observe('onSessionStatus', state.state.session)
    state.observe('onUiCommand', { command: 'openSettings' })
    expect(heard).toEqual([])
  })

  it('a notice raised before any window exists stays pending in the snapshot until dismissed', () => {
    const state = new AppState(new ManualClock())
    state.addNotice(notice('SETTINGS_CORRUPT'))
    state.observe('onError', notice('SHARE_HOTKEY_UNAVAILABLE'))
    expect(state.state.notices.map((n) => n.code)).toEqual(['SETTINGS_CORRUPT', 'SHARE_HOTKEY_UNAVAILABLE'])
    state.dismissNotice('SETTINGS_CORRUPT')
    expect(state.state.notices.map((n) => n.code)).toEqual(['SHARE_HOTKEY_UNAVAILABLE'])
  })

  it('notices are bounded: the same code replaces its older copy, and past the limit the oldest goes', () => {
    const state = new AppState(new ManualClock())
    for (let i = 0; i < MAX_PENDING_NOTICES + 2; i++) state.addNotice(notice(`CODE_${i}`))
    state.addNotice({ ...notice('CODE_6'), message: 'again' })
    expect(state.state.notices).toHaveLength(MAX_PENDING_NOTICES)
    expect(state.state.notices[0]!.code).toBe('CODE_2')
    expect(state.state.notices.at(-1)).toMatchObject({ code: 'CODE_6', message: 'again' })
  })

  it('keeps the transcript as the page builds it: deltas of one line merge, other events stay in order', () => {
    const state = new AppState(new ManualClock())
    state.observe('onTranscript', { turnId: 1, role: 'user', kind: 'input', text: 'Hel' })
    state.observe('onTranscript', { turnId: 1, role: 'model', kind: 'output', text: 'Hi' })
    state.observe('onTranscript', { turnId: 1, role: 'user', kind: 'input', text: 'lo' })
    state.observe('onTranscript', { turnId: 1, role: 'model', kind: 'output', text: ' there' })
    state.observe('onTurnEvent', { turnId: 1, type: 'turnComplete' })
    expect(state.state.transcript).toEqual([
      { event: 'onTranscript', payload: { turnId: 1, role: 'user', kind: 'input', text: 'Hello' } },
      { event: 'onTranscript', payload: { turnId: 1, role: 'model', kind: 'output', text: 'Hi there' } },
      { event: 'onTurnEvent', payload: { turnId: 1, type: 'turnComplete' } },
    ])
  })

  it('a long conversation keeps only the newest entries', () => {
    const state = new AppState(new ManualClock())
    for (let turnId = 0; turnId < MAX_TRANSCRIPT_ENTRIES + 10; turnId++) state.observe('onTurnEvent', { turnId, type: 'turnComplete' })
    expect(state.state.transcript).toHaveLength(MAX_TRANSCRIPT_ENTRIES)
    expect(state.state.transcript[0]).toEqual({ event: 'onTurnEvent', payload: { turnId: 10, type: 'turnComplete' } })
  })

  it('"speaking" holds while playback reports keep coming and ends by one timer, not a poll', async () => {
    const clock = new ManualClock()
    const state = new AppState(clock)
    state.notePlayback()
    await clock.advance(SPEAKING_HOLD_MS - 100)
    state.notePlayback()
    expect(clock.pending).toBe(1)
    await clock.advance(SPEAKING_HOLD_MS - 100)
    expect(activityOf(state.state)).toBe('speaking')
    await clock.advance(100)
    expect(activityOf(state.state)).toBe('idle')
    expect(clock.pending).toBe(0)
  })

  it('disposing drops the listeners and the speaking timer', () => {
    const clock = new ManualClock()
    const state = new AppState(clock)
    state.onStateChange(() => {})
    state.notePlayback()
    state.dispose()
    expect(state.listenerCount).toBe(0)
    expect(clock.pending).toBe(0)
  })
})

describe('the tray follows the state', () => {
  it('talking from the hotkey shows "listening" and a Stop talking item; reconnecting adds a note; Quit stays last', () => {
    const state = new AppState(new ManualClock())
    state.observe('onTalkState', { isTalking: true, source: 'hotkey', hotkeyNote: null })
    state.observe('onSessionStatus', { state: 'reconnecting', detail: null, resumed: false })
    const model = trayMenuModel(trayViewOf(state.state, false, translatorFor('en')))
    expect(model.activity).toBe('listening')
    expect(model.tooltip).toBe('Sightline: listening · Reconnecting…')
    const labels = model.items.flatMap((item) => ('label' in item ? [item.label] : []))
    expect(labels[0]).toBe('Reconnecting…')
    expect(labels).toContain('Stop talking')
    expect(labels.at(-1)).toBe('Quit Sightline')
  })

  it('a downloaded update offers "Restart to update" in the tray and in a late window\'s snapshot; none before it is ready', () => {
    const state = new AppState(new ManualClock())
    const labels = () => trayMenuModel(trayViewOf(state.state, false, translatorFor('en'))).items.flatMap((item) => ('label' in item ? [item.label] : []))
    state.observe('onUpdateState', { status: 'downloading', channel: 'stable', version: '0.2.0', reason: null })
    expect(labels().some((l) => l.startsWith('Restart to update'))).toBe(false)
    state.observe('onUpdateState', { status: 'ready', channel: 'stable', version: '0.2.0', reason: null })
    expect(state.state.update).toEqual({ status: 'ready', channel: 'stable', version: '0.2.0', reason: null })
    expect(labels()).toContain('Restart to update (0.2.0)')
    expect(labels().at(-1)).toBe('Quit Sightline')
  })
})
