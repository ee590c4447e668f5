import { beforeEach, describe, expect, it } from 'vitest'
import { FrameAttention } from '../../../electron/main/core/media/frameAttention'
import { FramePipeline, type FramePipelineSettings, type SentFrame } from '../../../electron/main/core/media/framePipeline'
import type { RgbaFrame } from '../../../electron/main/core/ports'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { ManualClock } from '../../support/media/fakes'
import { SyntheticScreen, jpegRoundTrip } from './syntheticScreen'

/**
 * Scripted screens through the real pipeline and real sharp, one capture a second on a manual
 * clock, default settings (1 FPS, threshold 0.3 %), while the user holds push-to-talk: the
 * time changed frames go to the model.
 */
describe('change detection on scripted screens', () => {
  const encoder = new SharpFrameEncoder()
  let clock: ManualClock
  let sent: SentFrame[]
  let pipeline: FramePipeline
  let screen: SyntheticScreen
  const settings: FramePipelineSettings = { capture: { ...DEFAULT_SETTINGS.capture }, mediaResolution: 'default' }

  beforeEach(() => {
    clock = new ManualClock()
    sent = []
    const attention = new FrameAttention()
    attention.startTalking(0)
    pipeline = new FramePipeline({ encoder, clock, settings: () => settings, onFrame: (f) => sent.push(f), attention })
    screen = new SyntheticScreen(1920, 1080, 42)
  })

  /** Captures one frame per second for `seconds`; `script(second)` may change the screen first and returns overlays. */
  async function capture(seconds: number, script: (second: number) => Parameters<SyntheticScreen['frame']>[0] | RgbaFrame | void = () => {}) {
    const start = clock.now() === 0 && sent.length === 0 ? 0 : 1
    for (let s = start; s < start + seconds; s++) {
      if (s > 0) clock.advance(1_000)
      const overlay = script(s)
      const frame = overlay && 'data' in overlay ? overlay : screen.frame(overlay ?? {})
      await pipeline.push(frame)
    }
  }

  const sentAtSeconds = () => sent.map((f) => f.capturedAt / 1_000)

  it('drops a static screen, sending only the first frame', async () => {
    await capture(75)
    expect(sent.map((f) => f.reason)).toEqual(['first'])
    expect(sentAtSeconds()).toEqual([0])
    expect(pipeline.stats.droppedBy.unchanged).toBe(74)
  })

  it('ignores a blinking caret, a wandering mouse pointer and capture noise', async () => {
    await capture(25, (s) => ({ caret: s % 2 === 0, pointer: { x: 300 + s * 37, y: 200 + ((s * 53) % 600) }, noise: 6 }))
    expect(sent.map((f) => f.reason)).toEqual(['first'])
  })

  it('ignores JPEG artefacts from a compressed capture path', async () => {
    const base = screen.frame()
    await capture(8, (s) => (s === 0 ? base : undefined))
    for (const quality of [40, 60, 75, 90]) {
      clock.advance(1_000)
      await pipeline.push(await jpegRoundTrip(base, quality))
    }
    expect(sent.map((f) => f.reason)).toEqual(['first'])
  })

  it('sends a scroll at the first capture after it happens, each time it happens', async () => {
    const scrolls = new Set([5, 6, 12, 20])
    await capture(25, (s) => {
      if (scrolls.has(s)) screen.scroll(SyntheticScreen.LINE_HEIGHT * 3)
    })
    expect(sent.filter((f) => f.reason === 'changed').map((f) => f.capturedAt / 1_000)).toEqual([5, 6, 12, 20])
  })

  it('sends a window switch at the first capture after it happens', async () => {
    await capture(10, (s) => {
      if (s === 4) screen.showWindow('browser')
      if (s === 7) screen.showWindow('terminal')
    })
    expect(sent.map((f) => [f.reason, f.capturedAt / 1_000])).toEqual([
      ['first', 0],
      ['changed', 4],
      ['changed', 7],
    ])
  })

  it('lets typing accumulate against the last sent frame until it is worth a frame', async () => {
    // Five characters a second: a 110-column line every 22 s.
    await capture(90, (s) => {
      if (s > 0) screen.type(5)
    })
    const changed = sent.filter((f) => f.reason === 'changed')
    expect(changed.length).toBeGreaterThanOrEqual(1)
    expect(pipeline.stats.framesSent).toBeLessThan(15)
    for (const frame of changed) expect(frame.changedShare).toBeGreaterThanOrEqual(settings.capture.changeThreshold)
  })

  it('refuses malformed and oversized frames mid-share and carries on with the next good one', async () => {
    await capture(2)
    const bad = [
      { width: 1920, height: 1080, data: new Uint8Array(1920 * 4) },
      { width: 7680, height: 4320, data: new Uint8Array(16) },
    ]
    for (const frame of bad) await expect(pipeline.push(frame)).rejects.toMatchObject({ name: 'FrameRejectedError' })
    screen.showWindow('terminal')
    await capture(1)
    expect(sent.map((f) => f.reason)).toEqual(['first', 'changed'])
    expect(pipeline.stats.droppedBy.invalid).toBe(2)
  })

  it('sends the current screen as soon as the user asks, whatever changed', async () => {
    await capture(10, (s) => {
      if (s === 8) screen.type(3)
      return { caret: s % 2 === 0 }
    })
    clock.advance(300)
    expect(await pipeline.sendFreshFrame('question')).toMatchObject({ sent: true, reason: 'question' })
    expect(sent.map((f) => [f.reason, f.capturedAt / 1_000])).toEqual([
      ['first', 0],
      ['question', 9],
    ])
  })
})
