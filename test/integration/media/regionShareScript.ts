import { FramePipeline, type FramePipelineSettings, type FramePipelineStats } from '../../../electron/main/core/media/framePipeline'
import type { FrameEncoder, Rect } from '../../../electron/main/core/ports'
import { ShareRegion } from '../../../electron/main/core/screen/shareRegion'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { ManualClock } from '../../support/media/fakes'
import { SyntheticScreen } from './syntheticScreen'

/** The shared 1920×1080 display of the script. */
export const SCRIPT_AREA = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }
/** The editor text the user asks about: a 900×600 region. */
export const SCRIPT_REGION: Rect = { x: 20, y: 40, width: 900, height: 600 }

/** `quiet`: chat and a progress bar change outside the region; `busy` adds a build log printing a line every 2 s. */
export type RegionScenario = 'quiet' | 'busy'

/** What the same activity cost the whole-screen and the region pipeline. */
export interface RegionShareOutcome {
  full: FramePipelineStats
  region: FramePipelineStats
}

/**
 * Issue 15's "same questions" script, shared by bench/point.bench.ts and the region budget test:
 * ten minutes at 1 FPS on a manual clock, the user working in an editor (the region) and asking
 * five questions about it, holding push-to-talk 15 s each (typing during two of them), while
 * outside it a chat sidebar gets a message every 20 s and a status-bar progress indicator ticks
 * every 5 s; `busy` adds a build log outside the region. The same frames go through a
 * whole-screen pipeline and a region pipeline, both on `encoder`.
 */
export async function runRegionShareScript(
  scenario: RegionScenario,
  encoder: FrameEncoder,
  settings: FramePipelineSettings = { capture: { ...DEFAULT_SETTINGS.capture }, mediaResolution: 'default' },
): Promise<RegionShareOutcome> {
  const fullClock = new ManualClock()
  const regionClock = new ManualClock()
  const full = new FramePipeline({ encoder, clock: fullClock, settings: () => settings, onFrame: () => {} })
  const region = new ShareRegion({
    picker: { pick: async () => SCRIPT_REGION },
    outline: { show: () => {}, hide: () => {} },
    displays: () => [{ id: 'P', ...SCRIPT_AREA }],
    target: () => ({ kind: 'screen', displayId: 'P' }),
    stopSharing: () => {},
  })
  await region.select()
  const cropped = new FramePipeline({
    encoder,
    clock: regionClock,
    settings: () => settings,
    onFrame: () => {},
    region: { crop: (w, h) => region.crop(SCRIPT_AREA, w, h) },
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
  return { full: full.stats, region: cropped.stats }
}
