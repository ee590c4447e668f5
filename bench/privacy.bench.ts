import { FramePipeline, type FramePipelineSettings } from '../electron/main/core/media/framePipeline'
import { InputPump } from '../electron/main/core/live/input/inputPump'
import { PrivacyGate } from '../electron/main/core/media/privacyGate'
import type { DesktopSnapshot, LiveConnection, ValidRgbaFrame, WindowSource } from '../electron/main/core/ports'
import { checkedRgbaFrame } from '../electron/main/core/media/validateRgbaFrame'
import { systemClock } from '../electron/main/platform/systemClock'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
import { DEFAULT_PRIVACY_SETTINGS } from '../shared/privacySettings'
import { DEFAULT_SETTINGS } from '../shared/settings'
import { SyntheticScreen } from '../test/integration/media/syntheticScreen'
import { measured, type BenchResult } from './benchResult'

/**
 * The privacy gate: what it adds to a 1080p frame before encoding (the exclusion check over a
 * realistic desktop plus filling Sightline's own windows), what blurring a chosen window costs,
 * and how long after an excluded app comes to the front the last frame goes on the wire at the
 * default 1 FPS (real sharp, real timers, the real input pump's wire check). The window list is an
 * in-memory one: the x-win call itself is not in these figures.
 */

const DISPLAY = { id: '1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }

/** 40 windows of ordinary apps, two of Sightline's own. */
class DesktopOf40 implements WindowSource {
  snapshotNow: DesktopSnapshot = {
    windows: Array.from({ length: 40 }, (_, i) => ({
      id: String(i + 1),
      appName: ['Code', 'Google Chrome', 'Terminal', 'Slack', 'Finder'][i % 5]!,
      title: `Document ${i} — some longer window title with words in it`,
      bounds: { x: (i * 37) % 1200, y: (i * 23) % 600, width: 700, height: 480 },
    })),
    frontmostId: '1',
    displays: [DISPLAY],
    ownWindows: [
      { x: 1400, y: 100, width: 460, height: 720 },
      { x: 1580, y: 20, width: 320, height: 140 },
    ],
  }
  async snapshot(): Promise<DesktopSnapshot> {
    return this.snapshotNow
  }
}

function frame1080(): ValidRgbaFrame {
  const screen = new SyntheticScreen(1920, 1080, 5)
  return checkedRgbaFrame({ width: 1920, height: 1080, data: new Uint8Array(screen.data) })
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const encoder = new SharpFrameEncoder()
  const desktop = new DesktopOf40()
  const gate = new PrivacyGate({ windows: desktop, encoder, settings: () => DEFAULT_PRIVACY_SETTINGS, clock: systemClock, logger: silentLogger, watchMs: 60_000 })
  gate.start({ kind: 'screen', displayId: DISPLAY.id })
  const source = frame1080()

  const gateTimes: number[] = []
  for (let i = 0; i < 220; i++) {
    const frame = checkedRgbaFrame({ width: source.width, height: source.height, data: new Uint8Array(source.data) })
    const started = performance.now()
    await gate.pass(frame)
    if (i >= 20) gateTimes.push(performance.now() - started)
  }
  results.push(measured('privacy: gate per 1080p frame (exclusion check, 40 windows + mask own windows)', 'ms', gateTimes, 2, 'in-memory window list; masks filled in place', 'median'))

  const blurring = new PrivacyGate({
    windows: desktop,
    encoder,
    settings: () => ({ ...DEFAULT_PRIVACY_SETTINGS, blurred: { apps: ['Slack'], titlePatterns: [] } }),
    clock: systemClock,
    logger: silentLogger,
    watchMs: 60_000,
  })
  blurring.start({ kind: 'screen', displayId: DISPLAY.id })
  const blurTimes: number[] = []
  for (let i = 0; i < 23; i++) {
    const frame = checkedRgbaFrame({ width: source.width, height: source.height, data: new Uint8Array(source.data) })
    const started = performance.now()
    await blurring.pass(frame)
    if (i >= 3) blurTimes.push(performance.now() - started)
  }
  results.push(measured('privacy: gate per 1080p frame with 8 Slack windows blurred (sharp area reduce, 16 px blocks)', 'ms', blurTimes, null, 'only while a chosen window is visible', 'median'))
  gate.stop()
  blurring.stop()

  results.push(await lastFrameAfterExcludedApp(encoder))
  return results
}

/**
 * 1 FPS capture on real timers, the user talking (so each changed frame goes); at a point spread over the frame interval, 1Password comes to
 * the front. Figure: time from then to the last frame that reached the wire (0 when none went
 * after it). Budget: one frame interval.
 */
async function lastFrameAfterExcludedApp(encoder: SharpFrameEncoder): Promise<BenchResult> {
  const intervalMs = 1_000
  const trials = 6
  const lags: number[] = []
  for (let trial = 0; trial < trials; trial++) {
    const desktop = new DesktopOf40()
    const gate = new PrivacyGate({ windows: desktop, encoder, settings: () => DEFAULT_PRIVACY_SETTINGS, clock: systemClock, logger: silentLogger })
    const wireTimes: number[] = []
    const connection: LiveConnection = {
      sendRealtimeInput: () => void wireTimes.push(performance.now()),
      sendClientContent: () => undefined,
      sendToolResponse: () => undefined,
      close: () => undefined,
    }
    const pump = new InputPump({ maxAudio: 10, maxVideo: 2, mayDeliverVideo: () => gate.isOpen })
    pump.attach(connection)
    const settings: FramePipelineSettings = { capture: { ...DEFAULT_SETTINGS.capture, changeThreshold: 0 }, mediaResolution: 'default' }
    const pipeline = new FramePipeline({
      encoder,
      clock: systemClock,
      settings: () => settings,
      privacy: gate,
      onFrame: (frame) => pump.push({ kind: 'video', input: { video: { data: String(frame.jpeg.byteLength), mimeType: 'image/jpeg' } } }),
    })
    gate.start({ kind: 'screen', displayId: DISPLAY.id })
    // The user is talking the whole time: every changed frame goes (the worst case for a leak).
    void pipeline.startTalking()
    const screen = new SyntheticScreen(1920, 1080, trial + 1)
    let grabs = 0
    const grabber = setInterval(() => {
      screen.type(5)
      grabs++
      void pipeline.push({ width: 1920, height: 1080, data: new Uint8Array(screen.data) }).catch(() => undefined)
    }, intervalMs)
    // Two frames, then the app comes to the front somewhere inside the next interval.
    await sleep(2 * intervalMs + 50 + (trial / trials) * intervalMs)
    const flippedAt = performance.now()
    desktop.snapshotNow = { ...desktop.snapshotNow, windows: [...desktop.snapshotNow.windows, { id: '99', appName: '1Password', title: '1Password', bounds: { x: 200, y: 200, width: 600, height: 500 } }], frontmostId: '99' }
    await sleep(2 * intervalMs)
    clearInterval(grabber)
    gate.stop()
    if (grabs < 3 || wireTimes.length === 0) throw new Error(`trial ${trial}: ${grabs} grabs, ${wireTimes.length} frames sent`)
    lags.push(Math.max(0, wireTimes.at(-1)! - flippedAt))
  }
  return measured('privacy: excluded app to the front → last frame on the wire, 1 FPS', 'ms', lags, intervalMs, 'real sharp and timers; budget one frame interval', 'p95')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
