import { describe, expect, it } from 'vitest'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { runRegionShareScript } from './regionShareScript'

/**
 * Issue 15: a shared region must never cost more frames than the whole screen for the same
 * activity. The failing input was the bench's quiet script: the region sent 10 frames where the
 * whole screen sent 7, because typing crossed a threshold measured as a share of the region.
 */
describe('a shared region never sends more frames than the whole screen for the same activity', () => {
  it.each(['quiet', 'busy'] as const)('%s screen, real sharp thumbnails', async (scenario) => {
    const { full, region } = await runRegionShareScript(scenario, new SharpFrameEncoder())
    expect(region.framesSent).toBeLessThanOrEqual(full.framesSent)
    // Every question still got an answer frame, sent or already in the model's context.
    expect(region.sentBy.activityStart + region.droppedBy.alreadySeen).toBe(5)
    expect(full.sentBy.activityStart).toBe(5)
  })
})
