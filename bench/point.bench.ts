import { loadavg } from 'node:os'
import type { FramePipelineStats } from '../electron/main/core/media/framePipeline'
import { checkedRgbaFrame } from '../electron/main/core/media/validateRgbaFrame'
import type { EncodeOptions } from '../electron/main/core/ports'
import { desktopPointToFrame } from '../electron/main/core/screen/frameTransform'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
import { DEFAULT_SETTINGS } from '../shared/settings'
import { SyntheticScreen } from '../test/integration/media/syntheticScreen'
import { runRegionShareScript, SCRIPT_AREA, SCRIPT_REGION, type RegionScenario } from '../test/integration/media/regionShareScript'
import { measured, quantile, type BenchResult } from './benchResult'

/**
 * Point and ask (issue 15): what the pointer ring and the region crop cost per 1080p frame, and
 * how many image tokens a shared region saves against the whole screen over the same scripted
 * questions. Runs are interleaved so the machine's load falls on every variant alike.
 */

const RUNS = 40
const AREA = SCRIPT_AREA
const REGION = SCRIPT_REGION

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
 * The same questions over a whole screen and a 900×600 region (test/integration/media/regionShareScript.ts),
 * on real sharp thumbnails and the pipeline's own token count.
 */
async function regionTokens(scenario: RegionScenario): Promise<BenchResult[]> {
  const { full, region } = await runRegionShareScript(scenario, new SharpFrameEncoder())
  const fewer = (1 - region.imageTokensSpent / full.imageTokensSpent) * 100
  return [
    {
      name: `point: image tokens, region vs whole screen over the same 10-min share (${scenario === 'busy' ? 'a build log printing outside the region' : 'quiet screen'})`,
      unit: '% fewer',
      median: round(fewer),
      p95: round(fewer),
      budget: 40,
      ok: fewer >= 40,
      note:
        `${region.imageTokensSpent} tokens (${region.framesSent} frames: ${describeSent(region)}) for the 900×600 region vs ` +
        `${full.imageTokensSpent} (${full.framesSent} frames: ${describeSent(full)}) for the whole screen; ` +
        'a change counts the same in both (its share of the whole screen), and a question about a region the model already received unchanged sends nothing; budget is a lower bound',
    },
  ]
}

function describeSent(stats: FramePipelineStats): string {
  const sent = Object.entries(stats.sentBy).filter(([, n]) => n > 0).map(([reason, n]) => `${n} ${reason}`)
  const reused = stats.droppedBy.alreadySeen
  return [...sent, ...(reused ? [`${reused} question(s) answered from the frame already received`] : [])].join(', ')
}

function navigatorCores(): number {
  return globalThis.navigator?.hardwareConcurrency ?? 0
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
