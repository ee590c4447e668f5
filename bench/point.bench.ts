import { loadavg } from 'node:os'
import { FramePipeline, type FramePipelineSettings } from '../electron/main/core/media/framePipeline'
import { checkedRgbaFrame } from '../electron/main/core/media/validateRgbaFrame'
import type { EncodeOptions, Rect } from '../electron/main/core/ports'
import { desktopPointToFrame } from '../electron/main/core/screen/frameTransform'
import { ShareRegion } from '../electron/main/core/screen/shareRegion'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
import { DEFAULT_SETTINGS } from '../shared/settings'
import { ManualClock } from '../test/support/media/fakes'
import { SyntheticScreen } from '../test/integration/media/syntheticScreen'
import { measured, quantile, type BenchResult } from './benchResult'

/**
 * Point and ask (issue 15): what the pointer ring and the region crop cost per 1080p frame, and
 * how many image tokens a shared region saves against the whole screen over the same scripted
 * questions. Runs are interleaved so the machine's load falls on every variant alike.
 */

const RUNS = 40
const AREA = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }
/** The editor text the user asks about: a 900×600 region. */
const REGION: Rect = { x: 20, y: 40, width: 900, height: 600 }

export async function run(): Promise<BenchResult[]> {
  return [...(await ringAndCropCost()), ...(await regionTokens('quiet')), ...(await regionTokens('busy'))]
}

async function ringAndCropCost(): Promise<BenchResult[]> {
  const encoder = new SharpFrameEncoder()
  const frame = checkedRgbaFrame(new SyntheticScreen(1920, 1080, 3).frame({ caret: true }))
  const ring = desktopPointToFrame({ x: 700, y: 300 }, AREA, 1920, 1080)!
  const base: EncodeOptions = { longSide: DEFAULT_SETTINGS.capture.longSide, quality: DEFAULT_SETTINGS.capture.jpegQuality }
  const variants = {
    plain: base,
    ring: { ...base, ring },
    ringAndCrop: { ...base, ring, crop: REGION },
  }
  const times: Record<keyof typeof variants, number[]> = { plain: [], ring: [], ringAndCrop: [] }
  for (const options of Object.values(variants)) await encoder.encode(frame, options) // warm-up
  for (let i = 0; i < RUNS; i++) {
    for (const [name, options] of Object.entries(variants) as [keyof typeof variants, EncodeOptions][]) {
      const started = performance.now()
      await encoder.encode(frame, options)
      times[name].push(performance.now() - started)
    }
  }
  const plain = quantile(times.plain, 0.5)
  // Paired differences: run i of each variant ran back to back.
  const ringAdds = times.ring.map((t, i) => t - times.plain[i]!)
  const cropAdds = times.ringAndCrop.map((t, i) => t - times.plain[i]!)
  const load = `load ${loadavg()[0]!.toFixed(2)} on ${navigatorCores()} cores`
  return [
    measured('point: sharp encode 1920×1080 → 1024 JPEG, no ring (reference)', 'ms', times.plain, null, `the frames bench's path; ${load}`, 'median'),
    measured('point: pointer ring added per 1080p frame', 'ms', ringAdds, 3, `encode with the ring minus the same frame without (paired runs), reference median ${round(plain)} ms; ${load}`, 'median'),
    measured(
      'point: ring + 900×600 region crop added per 1080p frame',
      'ms',
      cropAdds,
      3,
      `crop before scaling makes the encode cheaper (negative = saves time); the region goes at 900×600; ${load}`,
      'median',
    ),
  ]
}

/**
 * Ten minutes at 1 FPS on a manual clock with real sharp thumbnails: the user works in an editor
 * (the region) and asks five questions about it, holding push-to-talk 15 s each (typing during
 * two of them), while outside it a chat sidebar gets a message
 * every 20 s and a status-bar progress indicator ticks every 5 s; `busy` adds a build log outside
 * the region printing a line every 2 s. The same frames go through a whole-screen pipeline and a
 * region pipeline.
 */
async function regionTokens(scenario: 'quiet' | 'busy'): Promise<BenchResult[]> {
  const settings: FramePipelineSettings = { capture: { ...DEFAULT_SETTINGS.capture }, mediaResolution: 'default' }
  const encoder = new SharpFrameEncoder()
  const fullClock = new ManualClock()
  const regionClock = new ManualClock()
  const full = new FramePipeline({ encoder, clock: fullClock, settings: () => settings, onFrame: () => {} })
  const region = new ShareRegion({
    picker: { pick: async () => REGION },
    outline: { show: () => {}, hide: () => {} },
    displays: () => [{ id: 'P', ...AREA }],
    target: () => ({ kind: 'screen', displayId: 'P' }),
    stopSharing: () => {},
  })
  await region.select()
  const cropped = new FramePipeline({
    encoder,
    clock: regionClock,
    settings: () => settings,
    onFrame: () => {},
    region: { crop: (w, h) => region.crop(AREA, w, h) },
  })
  const screen = new SyntheticScreen(1920, 1080, 7)
  const questions = new Set([30, 150, 270, 390, 510])
  const typing = [
    [152, 160],
    [392, 402],
  ] as const
  for (let second = 0; second < 600; second++) {
    if (second % 20 === 10) screen.fillRect(1500, 100 + ((second / 20) % 30) * 30, 380, 24, [200 - (second % 50), 220, 255])
    if (second % 5 === 0) screen.fillRect(1000, 1050, 40 + ((second / 5) % 40) * 20, 10, [40, 160, 80])
    if (scenario === 'busy' && second % 2 === 0) {
      const line = (second / 2) % 16
      screen.fillRect(1000, 700 + line * 20, 880, 20, [30, 30, 30])
      screen.fillRect(1010, 704 + line * 20, 200 + ((second * 37) % 600), 12, [200, 200, 200])
    }
    if (typing.some(([from, to]) => second >= from && second < to)) screen.type(5)
    fullClock.advance(second * 1_000 - fullClock.now())
    regionClock.advance(second * 1_000 - regionClock.now())
    const frame = screen.frame({ caret: false })
    await full.push({ ...frame, data: frame.data.slice() })
    await cropped.push(frame)
    // Each question: push-to-talk held for 15 s (a fresh frame, then changes while talking).
    if (questions.has(second)) await Promise.all([full.startTalking(), cropped.startTalking()])
    if (questions.has(second - 15)) {
      full.stopTalking()
      cropped.stopTalking()
    }
  }
  const fullTokens = full.stats.imageTokensSpent
  const regionTokensSpent = cropped.stats.imageTokensSpent
  const fewer = (1 - regionTokensSpent / fullTokens) * 100
  return [
    {
      name: `point: image tokens, region vs whole screen over the same 10-min share (${scenario === 'busy' ? 'a build log printing outside the region' : 'quiet screen'})`,
      unit: '% fewer',
      median: round(fewer),
      p95: round(fewer),
      budget: 40,
      ok: fewer >= 40,
      note:
        `${regionTokensSpent} tokens (${cropped.stats.framesSent} frames) for the 900×600 region vs ${fullTokens} (${full.stats.framesSent} frames) for the whole screen; ` +
        'a frame costs 258 tokens whatever its size, so the saving is the frames not sent, while the user speaks, for changes outside the region; budget is a lower bound',
    },
  ]
}

function navigatorCores(): number {
  return globalThis.navigator?.hardwareConcurrency ?? 0
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
