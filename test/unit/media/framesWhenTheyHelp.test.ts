import { beforeEach, describe, expect, it } from 'vitest'
import { FrameAttention, isVoiced, SPEECH_TAIL_MS } from '../../../electron/main/core/media/frameAttention'
import { FramePipeline, MAX_REUSED_FRAME_AGE_MS, type FramePipelineSettings, type SentFrame } from '../../../electron/main/core/media/framePipeline'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { FakeFrameEncoder, ManualClock, solidFrame } from '../../support/media/fakes'

/**
 * Issue 12, "frames only when they help": on 3.x every frame sent is billed into the turn. The
 * page sends a frame a second while sharing; these pin which of them reach the model, on a
 * manual clock.
 */
describe('frames only when they help', () => {
  let clock: ManualClock
  let encoder: FakeFrameEncoder
  let settings: FramePipelineSettings
  let sent: SentFrame[]
  let pipeline: FramePipeline
  /** The page's screen: its value changes when the screen does. */
  let screen: number

  beforeEach(() => {
    clock = new ManualClock()
    encoder = new FakeFrameEncoder()
    settings = { capture: { ...DEFAULT_SETTINGS.capture }, mediaResolution: 'default' }
    sent = []
    pipeline = new FramePipeline({ encoder, clock, settings: () => settings, onFrame: (f) => sent.push(f) })
    screen = 10
  })

  /** The page's grabber for `seconds`: one frame a second, the screen changing at each second `changesAt` names. */
  async function share(seconds: number, changesAt: (second: number) => boolean = () => true) {
    for (let s = 0; s < seconds; s++) {
      clock.advance(1_000)
      if (changesAt(s)) screen = (screen + 37) % 256
      await pipeline.push(solidFrame(screen))
    }
  }

  const reasons = () => sent.map((f) => f.reason)

  it('while idle, nothing: a minute of a changing screen sends no frame', async () => {
    await share(60)
    expect(sent).toEqual([])
    expect(pipeline.stats).toMatchObject({ framesSent: 0, imageTokensSpent: 0, imageTokensIfEveryFrame: 60 * 258 })
    expect(pipeline.stats.droppedBy.idle).toBe(60)
  })

  it('pressing to talk sends the screen as it is at once, at most 1 s old, then its changes until release, then nothing', async () => {
    await share(10)
    clock.advance(700)
    const pressedAt = clock.now()
    expect(await pipeline.startTalking()).toMatchObject({ sent: true, reason: 'activityStart' })
    expect(pressedAt - sent[0]!.capturedAt).toBe(700)
    await share(3, (s) => s === 1)
    pipeline.stopTalking()
    await share(20)
    expect(reasons()).toEqual(['activityStart', 'changed'])
  })

  it('a held frame older than 1 s is not the answer: the next frame from the page goes instead', async () => {
    await share(1)
    clock.advance(1_500)
    expect(await pipeline.sendFreshFrame('question')).toBeNull()
    expect(sent).toEqual([])
    clock.advance(200)
    expect(await pipeline.push(solidFrame(screen))).toMatchObject({ sent: true, reason: 'question' })
    expect(sent[0]!.capturedAt).toBe(clock.now())
  })

  it('a typed question sends the held frame at once, whether or not the screen changed', async () => {
    await share(5, () => false)
    clock.advance(400)
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true, reason: 'question' })
    expect(await pipeline.sendFreshFrame('lookNow')).toMatchObject({ sent: true, reason: 'lookNow' })
    await share(10)
    expect(reasons()).toEqual(['question', 'lookNow'])
  })

  it('a question about a screen the model already received, unchanged, is answered from that frame: no frame, no tokens', async () => {
    await share(2, () => false)
    expect(await pipeline.startTalking()).toMatchObject({ sent: true, reason: 'activityStart' })
    pipeline.stopTalking()
    await share(60, () => false)
    expect(await pipeline.startTalking()).toEqual({ sent: false, reason: 'alreadySeen', changedShare: 0 })
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: false, reason: 'alreadySeen' })
    expect(await pipeline.heardSpeech()).toBeNull()
    pipeline.stopTalking()
    expect(pipeline.stats).toMatchObject({ framesSent: 1, imageTokensSpent: 258 })
  })

  it('an unchanged screen still goes on Look now, after a fresh session, once the frame is 5 minutes old, and when changed', async () => {
    await share(2, () => false)
    await pipeline.sendFreshFrame('question')
    clock.advance(400)
    expect(await pipeline.sendFreshFrame('lookNow')).toMatchObject({ sent: true, reason: 'lookNow' })
    pipeline.forgetDelivered()
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true, reason: 'question' })
    await share(1, () => false)
    clock.advance(MAX_REUSED_FRAME_AGE_MS)
    expect(await pipeline.push(solidFrame(screen))).toMatchObject({ sent: false, reason: 'idle' })
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true, reason: 'question' })
    await share(1)
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true, reason: 'question' })
    expect(reasons()).toEqual(['question', 'lookNow', 'question', 'question', 'question'])
  })

  it('after the privacy gate held a frame back, an unchanged screen is sent again: the wire may have dropped the last one', async () => {
    let isOpen = true
    pipeline = new FramePipeline({ encoder, clock, settings: () => settings, onFrame: (f) => sent.push(f), privacy: { pass: async (frame) => (isOpen ? frame : null) } })
    await share(1, () => false)
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true })
    isOpen = false
    await share(1, () => false)
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: false, reason: 'paused' })
    isOpen = true
    // The question's frame is owed, and the next frame from the page carries it.
    clock.advance(1_000)
    expect(await pipeline.push(solidFrame(screen))).toMatchObject({ sent: true, reason: 'question' })
  })

  it('hands-free: the first voiced chunk sends a fresh frame, the voice keeps the watch open, and it closes after the tail', async () => {
    await share(3)
    expect(await pipeline.heardSpeech()).toMatchObject({ sent: true, reason: 'speech' })
    for (let s = 0; s < 4; s++) {
      clock.advance(1_000)
      expect(await pipeline.heardSpeech()).toBeNull()
      screen = (screen + 37) % 256
      await pipeline.push(solidFrame(screen))
    }
    clock.advance(SPEECH_TAIL_MS)
    await share(10)
    expect(reasons()).toEqual(['speech', 'changed', 'changed', 'changed', 'changed'])
  })

  it('the idle trickle, when turned on, sends a changed screen at most every idleTrickleSeconds, and never an unchanged one', async () => {
    settings.capture.idleTrickle = true
    settings.capture.idleTrickleSeconds = 10
    await share(35)
    expect(sent.map((f) => [f.reason, f.capturedAt / 1_000])).toEqual([
      ['trickle', 1],
      ['trickle', 11],
      ['trickle', 21],
      ['trickle', 31],
    ])
    sent.length = 0
    // The screen last changed at 35 s: the due frame at 41 s shows it, then a still screen sends nothing.
    await share(30, () => false)
    expect(sent.map((f) => [f.reason, f.capturedAt / 1_000])).toEqual([['trickle', 41]])
  })

  it('stopping the share forgets the held frame: asking afterwards sends nothing', async () => {
    await share(3)
    pipeline.restart()
    expect(await pipeline.sendFreshFrame('question')).toBeNull()
    expect(await pipeline.startTalking()).toBeNull()
    expect(sent).toEqual([])
  })

  it('a frame still encoding when the share stops never leaves', async () => {
    await share(2)
    let release!: () => void
    encoder.gate = new Promise((resolve) => (release = resolve))
    const asking = pipeline.sendFreshFrame('question')
    pipeline.restart()
    release()
    expect(await asking).toMatchObject({ sent: false, reason: 'stopped' })
    expect(sent).toEqual([])
  })

  it('a question while a frame is still encoding is answered by the next frame', async () => {
    await pipeline.startTalking()
    let release!: () => void
    encoder.gate = new Promise((resolve) => (release = resolve))
    clock.advance(1_000)
    const encoding = pipeline.push(solidFrame(1))
    expect(await pipeline.sendFreshFrame('question')).toBeNull()
    release()
    await encoding
    encoder.gate = null
    clock.advance(1_000)
    // A changed screen: the one the model already has would stand in for the question's frame.
    expect(await pipeline.push(solidFrame(2))).toMatchObject({ sent: true, reason: 'question' })
  })
})

describe('FrameAttention on a manual clock', () => {
  it('push-to-talk holds attention open until release; a second press does not reopen it', () => {
    const attention = new FrameAttention()
    expect(attention.isOpen(0)).toBe(false)
    expect(attention.startTalking(0)).toBe(true)
    expect(attention.startTalking(10)).toBe(false)
    expect(attention.isOpen(60_000)).toBe(true)
    attention.stopTalking()
    expect(attention.isOpen(60_000)).toBe(false)
  })

  it('speech keeps attention open for the tail after the last voiced chunk', () => {
    const attention = new FrameAttention(1_500)
    expect(attention.heardSpeech(1_000)).toBe(true)
    expect(attention.heardSpeech(2_000)).toBe(false)
    expect(attention.isOpen(3_499)).toBe(true)
    expect(attention.isOpen(3_500)).toBe(false)
    expect(attention.heardSpeech(3_500)).toBe(true)
    attention.reset()
    expect(attention.isOpen(3_600)).toBe(false)
  })

  it('tells a voice from silence and room noise by level', () => {
    const chunk = (amplitude: number) => new Uint8Array(new Int16Array(320).map((_, i) => (i % 2 === 0 ? amplitude : -amplitude)).buffer)
    expect(isVoiced(chunk(0))).toBe(false)
    expect(isVoiced(chunk(300))).toBe(false)
    expect(isVoiced(chunk(3_000))).toBe(true)
    expect(isVoiced(new Uint8Array(1))).toBe(false)
  })
})
