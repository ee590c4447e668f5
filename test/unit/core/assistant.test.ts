import { describe, expect, it, vi } from 'vitest'
import type { EventMethod, SessionStatus } from '../../../shared/ipcContract'
import { Assistant, type LiveEngine } from '../../../electron/main/core/assistant'
import { bindPowerEvents } from '../../../electron/main/core/bindPowerEvents'
import type { FramePipeline } from '../../../electron/main/core/media/framePipeline'
import type { PowerEvent, PowerSource, PushToTalkHandlers, PushToTalkSource } from '../../../electron/main/core/ports'
import type { KeyService } from '../../../electron/main/core/settings/keyService'
import { SettingsService } from '../../../electron/main/core/settings/settingsService'
import { toDisposable } from '../../../electron/main/core/lifecycle'
import { AppState } from '../../../electron/main/core/state/appState'
import { ToolConfirmations } from '../../../electron/main/core/toolConfirmations'
import { silentLogger } from '../../../electron/main/platform/pinoLogger'
import { ManualClock } from '../../support/live/manualClock'
import { InMemorySettingsRepository } from '../../support/settings/inMemorySettingsRepository'
import type { Settings } from '../../../shared/settings'

/** A LiveSession stand-in that records what the assistant asked of it. */
class FakeLive implements LiveEngine {
  calls: string[] = []
  failStart: Error | null = null
  status: SessionStatus = { state: 'idle', detail: null, resumed: false }
  /** The settings of the last start or applySettings. */
  settings: Settings | null = null
  async start(settings: Settings): Promise<SessionStatus> {
    this.calls.push('start')
    this.settings = settings
    if (this.failStart) throw this.failStart
    this.status = { state: 'live', detail: null, resumed: false }
    return this.status
  }
  async stop() {
    this.calls.push('stop')
    this.status = { state: 'idle', detail: null, resumed: false }
  }
  applySettings(settings: Settings) {
    this.calls.push('applySettings')
    this.settings = settings
  }
  sendAudio() {
    this.calls.push('audio')
  }
  sendVideoFrame() {
    this.calls.push('video')
  }
  sendText(text: string) {
    this.calls.push(`text:${text}`)
  }
  activityStart() {
    this.calls.push('activityStart')
  }
  activityEnd() {
    this.calls.push('activityEnd')
  }
  audioStreamEnd() {
    this.calls.push('audioStreamEnd')
  }
  async suspend() {
    this.calls.push('suspend')
  }
  async resume() {
    this.calls.push('resume')
  }
  addImageTokens(spent: number, ifEveryFrame: number) {
    this.calls.push(`imageTokens:${spent}/${ifEveryFrame}`)
  }
}

function fakeFrames(pushResult: Promise<unknown> = Promise.resolve({ sent: true })) {
  const calls: string[] = []
  const frames = {
    calls,
    stats: { framesSent: 0, framesDropped: 0, imageTokensSpent: 0, imageTokensIfEveryFrame: 0 },
    push: vi.fn(() => pushResult),
    startTalking: async () => void calls.push('startTalking'),
    stopTalking: () => void calls.push('stopTalking'),
    heardSpeech: async () => void calls.push('heardSpeech'),
    sendFreshFrame: async (reason: string) => void calls.push(`fresh:${reason}`),
    restart: () => void calls.push('restart'),
  }
  return frames
}

async function setUp(options: { handsFree?: boolean; pushToTalk?: PushToTalkSource; frames?: ReturnType<typeof fakeFrames>; osLocale?: string } = {}) {
  const live = new FakeLive()
  const frames = options.frames ?? fakeFrames()
  const settings = await SettingsService.open({ repository: new InMemorySettingsRepository() })
  if (options.handsFree) await settings.update({ vad: { mode: 'hands-free' } })
  const clock = new ManualClock()
  const events: { method: EventMethod; payload: unknown }[] = []
  const state = new AppState(clock)
  const emit = (method: EventMethod, payload: unknown) => {
    state.observe(method, payload as never)
    events.push({ method, payload })
  }
  const confirmations = new ToolConfirmations({
    clock,
    ask: (request) => emit('onToolConfirmRequest', request),
    close: (requestId) => emit('onToolConfirmClosed', { requestId }),
  })
  const assistant = new Assistant({
    live,
    frames: frames as unknown as FramePipeline,
    settings,
    keys: {} as KeyService,
    screens: { list: async () => [], select: () => undefined },
    desktop: { openInBrowser: vi.fn(async () => undefined), writeClipboard: async () => undefined },
    pushToTalk: options.pushToTalk,
    confirmations,
    state,
    emit: emit as never,
    logger: silentLogger,
    appInfo: { name: 'Sightline', version: '0', platform: 'linux', isHarness: true },
    osLocale: options.osLocale,
  })
  return { assistant, live, frames, settings, clock, events, confirmations, state, emit }
}

describe('Assistant', () => {
  it('push-to-talk: pressing opens a session and sends activityStart, releasing sends activityEnd', async () => {
    const { assistant, live, events } = await setUp()
    await assistant.setTalking(true, 'button')
    await assistant.setTalking(false, 'button')
    expect(live.calls).toEqual(['start', 'activityStart', 'activityEnd'])
    expect(events.filter((e) => e.method === 'onTalkState').map((e) => (e.payload as { isTalking: boolean }).isTalking)).toEqual([true, false])
  })

  it('hands-free: talking only gates the mic, and stopping sends audioStreamEnd', async () => {
    const { assistant, live } = await setUp({ handsFree: true })
    await assistant.setTalking(true, 'tray')
    await assistant.setTalking(false, 'tray')
    expect(live.calls).toEqual(['start', 'audioStreamEnd'])
  })

  it('forwards microphone audio only while the user is talking', async () => {
    const { assistant, live } = await setUp()
    assistant.receiveAudio(new Uint8Array(640))
    await assistant.setTalking(true, 'button')
    assistant.receiveAudio(new Uint8Array(640))
    await assistant.setTalking(false, 'button')
    assistant.receiveAudio(new Uint8Array(640))
    expect(live.calls.filter((c) => c === 'audio')).toHaveLength(1)
  })

  it('a session that cannot start leaves the mic closed and says why', async () => {
    const { assistant, live } = await setUp()
    live.failStart = Object.assign(new Error('No API key yet.'), { code: 'NO_API_KEY' })
    await expect(assistant.setTalking(true, 'button')).rejects.toMatchObject({ code: 'NO_API_KEY' })
    expect(assistant.talkState.isTalking).toBe(false)
  })

  it('muted: talking is refused until unmuted, and muting ends talking', async () => {
    const { assistant, live } = await setUp()
    await assistant.setTalking(true, 'tray')
    await assistant.setMuted(true)
    expect(assistant.talkState.isTalking).toBe(false)
    await expect(assistant.setTalking(true, 'button')).rejects.toMatchObject({ code: 'MUTED' })
    await assistant.setMuted(false)
    await assistant.setTalking(true, 'button')
    expect(live.calls.filter((c) => c === 'activityStart')).toHaveLength(2)
  })

  it('a stale notice outlives its cause: unmuting takes the MUTED notice off every window', async () => {
    let handlers: PushToTalkHandlers | null = null
    const pushToTalk: PushToTalkSource = {
      bind: (_accelerator, h) => {
        handlers = h
        return { mode: 'hold', note: null, dispose: () => undefined }
      },
      resetHeldKeys: () => undefined,
      windowKeyUp: () => undefined,
    }
    const { assistant, state } = await setUp({ pushToTalk })
    assistant.bindHotkey()
    await assistant.setMuted(true)
    handlers!.onPress()
    await vi.waitFor(() => expect(state.state.notices.map((n) => n.code)).toContain('MUTED'))
    await assistant.setMuted(false)
    expect(state.state.notices.map((n) => n.code)).not.toContain('MUTED')
  })

  it('meters with the call bar off: with the setting off, a live session relays no levels (no bar shows them); turned on again, it does', async () => {
    const { assistant, events, state, settings } = await setUp()
    const relayed = () => events.filter((e) => e.method === 'onAudioLevels').map((e) => e.payload)
    await settings.update({ showCallBar: false })
    state.observe('onSessionStatus', { state: 'live', detail: null, resumed: false })
    assistant.relayAudioLevels({ mic: 0.5, output: 0.25 })
    expect(relayed()).toEqual([])
    await settings.update({ showCallBar: true })
    assistant.relayAudioLevels({ mic: 0.5, output: 0.25 })
    expect(relayed()).toEqual([{ mic: 0.5, output: 0.25 }])
  })

  it('the call bar: levels are relayed only while a session is live; Stop sharing asks the capturing page, and only while sharing', async () => {
    const { assistant, events, state } = await setUp()
    const relayed = () => events.filter((e) => e.method === 'onAudioLevels').map((e) => e.payload)
    assistant.relayAudioLevels({ mic: 0.5, output: 0 })
    expect(relayed()).toEqual([])
    state.observe('onSessionStatus', { state: 'live', detail: null, resumed: false })
    assistant.relayAudioLevels({ mic: 0.5, output: 0.25 })
    expect(relayed()).toEqual([{ mic: 0.5, output: 0.25 }])
    const commands = () => events.filter((e) => e.method === 'onUiCommand').map((e) => e.payload)
    assistant.stopSharing()
    expect(commands()).toEqual([])
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    assistant.stopSharing()
    expect(commands()).toEqual([{ command: 'stopSharing' }])
  })

  it('a hotkey press that is refused becomes an error event, not an unhandled rejection', async () => {
    let handlers: PushToTalkHandlers | null = null
    const pushToTalk: PushToTalkSource = {
      bind: (_accelerator, h) => {
        handlers = h
        return { mode: 'hold', note: null, dispose: () => undefined }
      },
      resetHeldKeys: () => undefined,
      windowKeyUp: () => undefined,
    }
    const { assistant, events } = await setUp({ pushToTalk })
    assistant.bindHotkey()
    await assistant.setMuted(true)
    handlers!.onPress()
    await vi.waitFor(() => expect(events.some((e) => e.method === 'onError' && (e.payload as { code: string }).code === 'MUTED')).toBe(true))
  })

  it('while sharing, pressing to talk watches the screen until release', async () => {
    const { assistant, frames } = await setUp()
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    await assistant.setTalking(true, 'button')
    await assistant.setTalking(false, 'button')
    expect(frames.calls).toEqual(['restart', 'startTalking', 'stopTalking'])
  })

  it('frames only when they help: a typed question while sharing sends the screen first, then the text', async () => {
    const log: string[] = []
    const frames = fakeFrames()
    frames.sendFreshFrame = async (reason: string) => {
      await Promise.resolve()
      log.push(`frame:${reason}`)
    }
    const { assistant, live } = await setUp({ frames })
    const sendText = live.sendText.bind(live)
    live.sendText = (text: string) => {
      log.push(`text:${text}`)
      sendText(text)
    }
    await assistant.sendText('What is this error?')
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    await assistant.sendText('And this one?')
    expect(log).toEqual(['text:What is this error?', 'frame:question', 'text:And this one?'])
  })

  it('frames only when they help: hands-free, a voice on the mic while sharing watches the screen; silence does not', async () => {
    const { assistant, frames } = await setUp({ handsFree: true })
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    await assistant.setTalking(true, 'tray')
    assistant.receiveAudio(new Uint8Array(640))
    const voiced = new Int16Array(320).map((_, i) => (i % 2 === 0 ? 8_000 : -8_000))
    assistant.receiveAudio(new Uint8Array(voiced.buffer))
    expect(frames.calls).toEqual(['restart', 'heardSpeech'])
  })

  it('stopping a share forgets its frames, so none can leave after it', async () => {
    const { assistant, frames } = await setUp()
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    assistant.setSharing(false, null)
    expect(frames.calls).toEqual(['restart', 'restart'])
  })

  it('drops frames when not sharing, and survives a frame the pipeline refuses', async () => {
    const refused = Promise.reject(Object.assign(new Error('bad frame'), { code: 'FRAME_INVALID' }))
    refused.catch(() => undefined)
    const frames = fakeFrames(refused)
    const { assistant, events } = await setUp({ frames })
    const frame = { width: 1, height: 1, data: new Uint8Array(4) }
    assistant.receiveFrame(frame)
    expect(frames.push).not.toHaveBeenCalled()
    assistant.setSharing(true, null)
    assistant.receiveFrame(frame)
    await vi.waitFor(() => expect(events.filter((e) => e.method === 'onShareState').length).toBeGreaterThanOrEqual(2))
  })

  it('counts image tokens into the usage once per frame, as deltas', async () => {
    const frames = fakeFrames()
    const { assistant, live } = await setUp({ frames })
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    frames.push.mockImplementation(async () => {
      frames.stats.imageTokensSpent += 258
      frames.stats.imageTokensIfEveryFrame += 258
      return { sent: true }
    })
    const frame = { width: 1, height: 1, data: new Uint8Array(4) }
    assistant.receiveFrame(frame)
    await vi.waitFor(() => expect(live.calls).toContain('imageTokens:258/258'))
    frames.push.mockImplementation(async () => {
      frames.stats.imageTokensIfEveryFrame += 258
      return { sent: false }
    })
    assistant.receiveFrame(frame)
    await vi.waitFor(() => expect(live.calls).toContain('imageTokens:0/258'))
  })

  it('share-and-ask asks the page to share and starts listening; again while sharing, it stops sharing', async () => {
    const { assistant, live, events } = await setUp()
    await assistant.toggleShareAndAsk()
    expect(events.filter((e) => e.method === 'onUiCommand').map((e) => e.payload)).toEqual([{ command: 'shareScreen' }])
    expect(live.calls).toContain('activityStart')
    assistant.setSharing(true, { kind: 'screen', name: 'Screen 1' })
    await assistant.toggleShareAndAsk()
    expect(events.filter((e) => e.method === 'onUiCommand').map((e) => e.payload)).toEqual([{ command: 'shareScreen' }, { command: 'stopSharing' }])
  })

  it('tells the tray while the connection is coming back, and stops once it is live again', async () => {
    const { assistant, emit } = await setUp()
    expect(assistant.connectionNote).toBeNull()
    emit('onSessionStatus', { state: 'reconnecting', detail: null, resumed: false })
    expect(assistant.connectionNote).toBe('reconnecting')
    emit('onSessionStatus', { state: 'live', detail: null, resumed: true })
    expect(assistant.connectionNote).toBeNull()
  })

  it('look now needs a share first, then sends the screen as it is now', async () => {
    const { assistant, frames } = await setUp()
    expect(() => assistant.lookNow()).toThrow(expect.objectContaining({ code: 'NOT_SHARING' }))
    assistant.setSharing(true, { kind: 'window', name: null })
    assistant.lookNow()
    expect(frames.calls).toContain('fresh:lookNow')
  })

  it('the session runs in the UI language: "system" is resolved to the OS language, a chosen one wins, an unknown OS locale is English', async () => {
    const austrian = await setUp({ osLocale: 'de-AT' })
    await austrian.assistant.startSession()
    expect(austrian.live.settings?.uiLanguage).toBe('de')
    await austrian.assistant.updateSettings({ uiLanguage: 'ja' })
    expect(austrian.live.settings?.uiLanguage).toBe('ja')
    const unknown = await setUp({ osLocale: 'xx-YY' })
    await unknown.assistant.startSession()
    expect(unknown.live.settings?.uiLanguage).toBe('en')
  })

  it('a settings change reaches the live session and the page', async () => {
    const { assistant, live, events } = await setUp()
    await assistant.updateSettings({ voice: 'Kore' })
    expect(live.calls).toContain('applySettings')
    expect(events.some((e) => e.method === 'onSettingsChanged')).toBe(true)
  })

  it('a tool asks the user; the answer settles it, and an unanswered question is a no after a minute', async () => {
    const { events, confirmations, clock } = await setUp()
    const first = confirmations.confirm({ tool: 'open_url', emphasis: 'example.com', detail: 'https://example.com', size: null })
    const asked = events.find((e) => e.method === 'onToolConfirmRequest')!.payload as { requestId: string }
    confirmations.answer(asked.requestId, true)
    await expect(first).resolves.toBe(true)
    expect(() => confirmations.answer(asked.requestId, true)).toThrow(expect.objectContaining({ code: 'UNKNOWN_REQUEST' }))
    const second = confirmations.confirm({ tool: 'copy_to_clipboard', emphasis: null, detail: 'text', size: { lines: 1, characters: 4, removedCharacters: 0, moreCharacters: 0 } })
    await clock.advance(60_000)
    await expect(second).resolves.toBe(false)
  })
})

describe('bindPowerEvents', () => {
  it('sleep and lock suspend, wake, unlock and back-online resume, and unbinding stops it', async () => {
    const listeners = new Map<PowerEvent, () => void>()
    const power: PowerSource = {
      on: (event, listener) => {
        listeners.set(event, listener)
        return toDisposable(() => listeners.delete(event))
      },
      isOnline: () => true,
    }
    const calls: string[] = []
    const unbind = bindPowerEvents(power, { suspend: async () => void calls.push('suspend'), resume: async () => void calls.push('resume') }, silentLogger, { clock: new ManualClock() })
    for (const event of ['suspend', 'lock', 'resume', 'unlock', 'online'] as const) listeners.get(event)!()
    await Promise.resolve()
    expect(calls).toEqual(['suspend', 'suspend', 'resume', 'resume', 'resume'])
    unbind.dispose()
    expect(listeners.size).toBe(0)
  })
})

describe('one error list: a notice dismissed in one window is gone in every window', () => {
  const notice = (code: string) => ({ code, message: `${code} in English`, params: {} })

  it('dismissing tells every window the pending list without it, and the state drops it', async () => {
    const { assistant, state, events } = await setUp()
    assistant.reportError(notice('SETTINGS_CORRUPT'))
    assistant.reportError(notice('SHARE_HOTKEY_UNAVAILABLE'))
    events.length = 0
    assistant.dismissNotice('SETTINGS_CORRUPT')
    expect(events).toEqual([{ method: 'onNoticesChanged', payload: [notice('SHARE_HOTKEY_UNAVAILABLE')] }])
    expect(state.state.notices).toEqual([notice('SHARE_HOTKEY_UNAVAILABLE')])
  })

  it('dismissing a code that is not pending (already dismissed in another window) says nothing', async () => {
    const { assistant, events } = await setUp()
    assistant.reportError(notice('SETTINGS_CORRUPT'))
    assistant.dismissNotice('SETTINGS_CORRUPT')
    events.length = 0
    assistant.dismissNotice('SETTINGS_CORRUPT')
    assistant.dismissNotice('NEVER_RAISED')
    expect(events).toEqual([])
  })
})
