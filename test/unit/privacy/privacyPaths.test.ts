import { describe, expect, it } from 'vitest'
import { FramePipeline } from '../../../electron/main/core/media/framePipeline'
import { PRIVACY_WATCH_MS, PrivacyGate, WINDOW_LIST_TIMEOUT_MS } from '../../../electron/main/core/media/privacyGate'
import { ScreenShare } from '../../../electron/main/core/screenShare'
import type { ShareState } from '../../../shared/ipcContract'
import { translatorFor } from '../../../shared/i18n/translate'
import { DEFAULT_PRIVACY_SETTINGS } from '../../../shared/privacySettings'
import { sharePauseWords, type SharePause } from '../../../shared/sharePause'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { FakeWindowSource } from '../../support/fakeWindowSource'
import { sessionHarness } from '../../support/live/sessionHarness'
import { FakeFrameEncoder, solidFrame } from '../../support/media/fakes'
import { checkedRgbaFrame } from '../../../electron/main/core/media/validateRgbaFrame'

/** A pause as the user reads it in English (the catalogue's `notices`), null when there is none. */
function said(pause: SharePause | null): string | null {
  return pause && sharePauseWords(pause, translatorFor('en'))
}

/**
 * Every path a frame can take to the wire (first and changed while the user talks, the idle
 * trickle, a fresh frame at push-to-talk, hands-free speech, a typed question and Look now, a
 * frame held through a GoAway rotation, a frame mid-encode), with the real LiveSession on an
 * in-memory transport and a fake window list moved by hand.
 */
async function rig(capturePatch: Partial<typeof DEFAULT_SETTINGS.capture> = {}) {
  let gate: PrivacyGate | null = null
  const h = sessionHarness({ mayDeliverVideo: () => gate!.isOpen })
  const windows = new FakeWindowSource()
  const encoder = new FakeFrameEncoder()
  gate = new PrivacyGate({ windows, encoder, settings: () => DEFAULT_PRIVACY_SETTINGS, clock: h.clock, logger: h.logger })
  const capture = { ...DEFAULT_SETTINGS.capture, ...capturePatch }
  const frames = new FramePipeline({
    encoder,
    clock: h.clock,
    settings: () => ({ capture, mediaResolution: 'default' }),
    onFrame: (frame) => h.session.sendVideoFrame(frame.jpeg),
    privacy: gate,
  })
  const states: ShareState[] = []
  const share = new ScreenShare({ frames, addImageTokens: () => undefined, emit: (_method, payload) => void states.push(payload as ShareState), logger: h.logger, privacy: gate })
  await h.startLive()
  share.set(true, { kind: 'screen', name: 'Screen 1' }, { kind: 'screen', displayId: '1' })
  await h.clock.advance(0)
  /** JPEG markers of every frame that reached any connection, in order (FakeFrameEncoder puts the frame's first byte third). */
  const wire = () => h.transport.attempts.flatMap((a) => a.realtime('video')).map((p) => Buffer.from((p.video as { data: string }).data, 'base64')[2])
  /** One captured frame a second, as the page grabs them; `value` tells frames apart on the wire. */
  const capture1s = async (value: number) => {
    await h.clock.advance(1_000)
    return frames.push(solidFrame(value, { width: 320, height: 180 }))
  }
  return { h, windows, encoder, gate, frames, share, states, wire, capture1s }
}

type Rig = Awaited<ReturnType<typeof rig>>

/** The ways a fresh frame is asked for, each the pipeline's own entry point. */
const FRESH_FRAME_PATHS: [string, (r: Rig) => Promise<unknown>, string][] = [
  ['push-to-talk pressed', (r) => r.frames.startTalking(), 'activityStart'],
  ['hands-free speech heard', (r) => r.frames.heardSpeech(), 'speech'],
  ['a typed question', (r) => r.frames.sendFreshFrame('question'), 'question'],
  ['Look now', (r) => r.frames.sendFreshFrame('lookNow'), 'lookNow'],
]

describe('privacy gate on every frame path', () => {
  it('first and changed frames while the user talks: nothing reaches the wire while 1Password is in front; the share state says so; sharing resumes by itself', async () => {
    const r = await rig()
    r.windows.bringToFront('1Password')
    await r.h.clock.advance(PRIVACY_WATCH_MS)
    expect(said(r.share.state.pause)).toBe('Sharing paused: 1Password is in front')
    r.share.onTalkStart()
    expect(await r.capture1s(10)).toMatchObject({ sent: false, reason: 'paused' })
    expect(await r.capture1s(200)).toMatchObject({ sent: false, reason: 'paused' })
    expect(r.wire()).toEqual([])
    r.windows.close('1Password')
    await r.h.clock.advance(PRIVACY_WATCH_MS)
    expect(said(r.share.state.pause)).toBeNull()
    expect(r.states.at(-1)?.pause).toBeNull()
    expect(r.states.some((s) => said(s.pause) === 'Sharing paused: 1Password is in front')).toBe(true)
    // The fresh frame push-to-talk asked for is still owed, then changes go while the user talks.
    expect(await r.capture1s(30)).toMatchObject({ sent: true, reason: 'activityStart' })
    expect(await r.capture1s(220)).toMatchObject({ sent: true, reason: 'changed' })
    expect(r.wire()).toEqual([30, 220])
  })

  it.each(FRESH_FRAME_PATHS)('%s while paused sends nothing; the fresh frame is still owed once sharing resumes', async (_name, ask, reason) => {
    const r = await rig()
    expect(await r.capture1s(10)).toMatchObject({ sent: false, reason: 'idle' })
    r.windows.bringToFront('Bitwarden')
    expect(await ask(r)).toMatchObject({ sent: false, reason: 'paused' })
    expect(await r.capture1s(10)).toMatchObject({ sent: false, reason: 'paused' })
    expect(r.wire()).toEqual([])
    r.windows.close('Bitwarden')
    expect(await r.capture1s(20)).toMatchObject({ sent: true, reason })
    expect(r.wire()).toEqual([20])
  })

  it('idle trickle: a changing screen sends nothing while paused', async () => {
    const r = await rig({ idleTrickle: true, idleTrickleSeconds: 5 })
    expect(await r.capture1s(10)).toMatchObject({ sent: true, reason: 'trickle' })
    r.windows.bringToFront('KeePassXC')
    const outcomes = []
    for (let i = 0; i < 12; i++) outcomes.push(await r.capture1s(i % 2 ? 10 : 200))
    // Between trickle slots frames are idle; each one the trickle would have sent was held back.
    expect(outcomes.filter((o) => o.sent)).toEqual([])
    expect(outcomes.filter((o) => o.reason === 'paused').length).toBeGreaterThanOrEqual(2)
    expect(r.wire()).toEqual([10])
    r.windows.close('KeePassXC')
    expect(await r.capture1s(200)).toMatchObject({ sent: true, reason: 'trickle' })
  })

  it('GoAway replay: a frame held through the rotation is dropped at the wire when an excluded window came to front meanwhile', async () => {
    const r = await rig()
    await r.capture1s(10)
    await r.frames.sendFreshFrame('lookNow')
    expect(r.wire()).toEqual([10])
    r.h.transport.last.emit({ goAway: { timeLeft: '50s' } })
    await r.h.clock.advance(0)
    expect(r.h.transport.attempts).toHaveLength(2)
    // Encoded and handed to the session, but held in the input pump: no connection can take it during the swap.
    await r.capture1s(200)
    expect(await r.frames.sendFreshFrame('lookNow')).toMatchObject({ sent: true, reason: 'lookNow' })
    r.windows.bringToFront('Google Chrome', 'Bank - Google Chrome (Incognito)')
    await r.h.clock.advance(PRIVACY_WATCH_MS)
    expect(said(r.share.state.pause)).toBe('Sharing paused: a private browser window is in front')
    r.h.transport.last.accept('h2')
    await r.h.clock.advance(0)
    expect(r.h.session.status.state).toBe('live')
    expect(r.wire()).toEqual([10])
    expect(r.h.transport.last.realtime('video')).toEqual([])
  })

  it('GoAway replay with nothing private in front still delivers the newest held frame', async () => {
    const r = await rig()
    await r.capture1s(10)
    await r.frames.sendFreshFrame('lookNow')
    r.h.transport.last.emit({ goAway: { timeLeft: '50s' } })
    await r.h.clock.advance(0)
    await r.capture1s(200)
    await r.frames.sendFreshFrame('lookNow')
    r.h.transport.last.accept('h2')
    await r.h.clock.advance(0)
    expect(r.wire()).toEqual([10, 200])
  })

  it('a frame already encoding when an excluded app comes to front never reaches the wire', async () => {
    const r = await rig()
    await r.capture1s(10)
    let release!: () => void
    r.encoder.gate = new Promise<void>((resolve) => (release = resolve))
    const sending = r.frames.sendFreshFrame('lookNow')
    await r.h.clock.advance(0)
    r.windows.bringToFront('LastPass')
    await r.h.clock.advance(PRIVACY_WATCH_MS)
    expect(r.gate.isOpen).toBe(false)
    release()
    await sending
    expect(r.wire()).toEqual([])
  })

  it('a window-list failure pauses and says so, and sends nothing until the list reads again', async () => {
    const r = await rig()
    await r.capture1s(10)
    r.windows.failure = new Error('_NET_CLIENT_LIST_STACKING failed')
    expect(await r.frames.sendFreshFrame('lookNow')).toMatchObject({ sent: false, reason: 'paused' })
    expect(said(r.share.state.pause)).toBe('Sharing paused: Sightline cannot see which window is in front')
    expect(r.wire()).toEqual([])
    r.windows.failure = null
    expect(await r.capture1s(10)).toMatchObject({ sent: true, reason: 'lookNow' })
  })

  it('an excluded window visible on the shared screen pauses even when it is not in front', async () => {
    const r = await rig()
    await r.capture1s(10)
    r.windows.bringToFront('Dashlane')
    r.windows.frontmostId = '10'
    expect(await r.frames.sendFreshFrame('lookNow')).toMatchObject({ sent: false, reason: 'paused' })
    expect(said(r.share.state.pause)).toBe('Sharing paused: Dashlane is on screen')
  })

  it('stopping the share closes the gate and ends the looks', async () => {
    const r = await rig()
    r.share.set(false, null)
    const calls = r.windows.calls
    await r.h.clock.advance(PRIVACY_WATCH_MS * 4)
    expect(r.windows.calls).toBe(calls)
    expect(r.gate.isOpen).toBe(false)
    expect(said(r.share.state.pause)).toBeNull()
  })
})

describe('privacy gate doubts', () => {
  it('a window list that never answers pauses within the timeout and says so', async () => {
    const r = await rig()
    await r.capture1s(10)
    r.windows.snapshot = () => new Promise(() => undefined)
    const sending = r.frames.sendFreshFrame('lookNow')
    await r.h.clock.advance(WINDOW_LIST_TIMEOUT_MS)
    expect(await sending).toMatchObject({ sent: false, reason: 'paused' })
    expect(said(r.share.state.pause)).toBe('Sharing paused: Sightline cannot see which window is in front')
    expect(r.wire()).toEqual([])
  })

  it('a slow look that started before 1Password came to front cannot lift the pause a newer look found', async () => {
    const r = await rig()
    await r.capture1s(10)
    const snapshot = r.windows.snapshot.bind(r.windows)
    let releaseSlow!: () => void
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve))
    let calls = 0
    r.windows.snapshot = async () => {
      const taken = await snapshot()
      if (++calls === 1) await slowGate
      return taken
    }
    const slow = r.frames.sendFreshFrame('lookNow')
    await r.h.clock.advance(0)
    r.windows.bringToFront('1Password')
    await r.h.clock.advance(PRIVACY_WATCH_MS)
    expect(r.gate.isOpen).toBe(false)
    releaseSlow()
    expect(await slow).toMatchObject({ sent: false, reason: 'paused' })
    expect(r.gate.isOpen).toBe(false)
    expect(said(r.share.state.pause)).toBe('Sharing paused: 1Password is in front')
    expect(r.wire()).toEqual([])
  })

  it('a rule that cannot be read (a settings file edited by hand) pauses and says so', async () => {
    let gate: PrivacyGate | null = null
    const h = sessionHarness({ mayDeliverVideo: () => gate!.isOpen })
    gate = new PrivacyGate({
      windows: new FakeWindowSource(),
      encoder: new FakeFrameEncoder(),
      settings: () => ({ ...DEFAULT_PRIVACY_SETTINGS, excluded: { apps: [], titlePatterns: ['(unclosed'] } }),
      clock: h.clock,
      logger: h.logger,
    })
    gate.start({ kind: 'screen', displayId: '1' })
    expect(await gate.pass(checkedRgbaFrame(solidFrame(10)))).toBeNull()
    expect(said(gate.pauseNotice)).toBe('Sharing paused: a privacy rule in Settings cannot be read')
  })
})

describe('open windows for the settings picker', () => {
  function gateOver(windows: FakeWindowSource) {
    const h = sessionHarness()
    return new PrivacyGate({ windows, encoder: new FakeFrameEncoder(), settings: () => DEFAULT_PRIVACY_SETTINGS, clock: h.clock, logger: h.logger })
  }

  it('one entry per app and title, sorted, without ids or positions', async () => {
    const windows = new FakeWindowSource()
    windows.bringToFront('Slack', 'general')
    windows.bringToFront('Slack', 'general')
    windows.bringToFront('Code', 'x'.repeat(600))
    const listed = await gateOver(windows).listOpenWindows()
    expect(listed).toEqual([
      { appName: 'Code', title: 'x'.repeat(500) },
      { appName: 'Slack', title: 'general' },
      { appName: 'Terminal', title: 'bash' },
    ])
  })

  it('a list that cannot be read is refused with the reason', async () => {
    const windows = new FakeWindowSource()
    windows.failure = new Error('no window manager')
    await expect(gateOver(windows).listOpenWindows()).rejects.toMatchObject({
      code: 'WINDOW_LIST_UNAVAILABLE',
      message: 'Sightline cannot read the list of open windows here: no window manager',
    })
  })
})
