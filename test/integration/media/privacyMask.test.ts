import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { PrivacyGate } from '../../../electron/main/core/media/privacyGate'
import { MASK_RGBA } from '../../../electron/main/core/media/privacyMask'
import type { Rect, ValidRgbaFrame } from '../../../electron/main/core/ports'
import { checkedRgbaFrame } from '../../../electron/main/core/media/validateRgbaFrame'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../../shared/privacySettings'
import { FakeWindowSource } from '../../support/fakeWindowSource'
import { ManualClock } from '../../support/media/fakes'
import { SyntheticScreen } from './syntheticScreen'

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }
const encoder = new SharpFrameEncoder()

/** A display left of the primary (negative origin) at 200 %: 1920×1080 DIP, captured at 3840×2160. */
const LEFT_RETINA = { id: '7', bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }

function gateFor(windows: FakeWindowSource, settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS): PrivacyGate {
  const gate = new PrivacyGate({ windows, encoder, settings: () => settings, clock: new ManualClock(), logger: silent })
  gate.start({ kind: 'screen', displayId: LEFT_RETINA.id })
  return gate
}

/** The JPEG the model would get, decoded back to RGB pixels. */
async function sentPixels(frame: ValidRgbaFrame): Promise<{ data: Buffer; width: number; height: number }> {
  const encoded = await encoder.encode(frame, { longSide: 1024, quality: 80 })
  const { data, info } = await sharp(encoded.jpeg).raw().toBuffer({ resolveWithObject: true })
  expect(info.channels).toBe(3)
  return { data, width: info.width, height: info.height }
}

/** Every pixel of `rect` (in the decoded frame), as [r, g, b] channel ranges and the mean neighbour difference (detail). */
function measure(image: { data: Buffer; width: number }, rect: Rect) {
  const min = [255, 255, 255]
  const max = [0, 0, 0]
  let detail = 0
  let count = 0
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * image.width + x) * 3
      for (let c = 0; c < 3; c++) {
        min[c] = Math.min(min[c]!, image.data[i + c]!)
        max[c] = Math.max(max[c]!, image.data[i + c]!)
      }
      if (x + 1 < rect.x + rect.width) {
        detail += Math.abs(image.data[i]! - image.data[i + 3]!)
        count++
      }
    }
  }
  return { min, max, detail: detail / count }
}

function screenFrame(): ValidRgbaFrame {
  const screen = new SyntheticScreen(3840, 2160, 3)
  return checkedRgbaFrame({ width: screen.width, height: screen.height, data: new Uint8Array(screen.data) })
}

describe('privacy masks on real frames (sharp)', () => {
  it("Sightline's own window is one uniform neutral grey in the JPEG the model gets, mapped through scale factor and negative origin", async () => {
    const windows = new FakeWindowSource()
    windows.displays = [LEFT_RETINA]
    windows.windows = [{ id: '10', appName: 'Code', title: 'editor', bounds: LEFT_RETINA.bounds }]
    // 460×720 DIP at (-1500, 200): frame pixels (840, 400)–(1760, 1840) of 3840×2160, so (224, 106.7)–(469.3, 490.7) at 1024 wide.
    windows.ownWindows = [{ x: -1500, y: 200, width: 460, height: 720 }]
    const masked = await gateFor(windows).pass(screenFrame())
    expect(masked).not.toBeNull()
    const image = await sentPixels(masked!)
    expect(image.width).toBe(1024)
    // Inset a few pixels: JPEG blocks at the edge mix in the neighbours.
    const inside = measure(image, { x: 230, y: 114, width: 232, height: 370 })
    for (let c = 0; c < 3; c++) {
      expect(inside.min[c]).toBeGreaterThanOrEqual(MASK_RGBA[c]! - 3)
      expect(inside.max[c]).toBeLessThanOrEqual(MASK_RGBA[c]! + 3)
    }
    // Beside it the screen's text is still there.
    expect(measure(image, { x: 12, y: 114, width: 200, height: 370 }).detail).toBeGreaterThan(5)
  })

  it('a window chosen for blurring loses its detail, and only it', async () => {
    const frame = screenFrame()
    const windows = new FakeWindowSource()
    windows.displays = [LEFT_RETINA]
    windows.ownWindows = []
    windows.windows = [
      { id: '10', appName: 'Code', title: 'editor', bounds: LEFT_RETINA.bounds },
      { id: '11', appName: 'Slack', title: 'general', bounds: { x: -1920, y: 0, width: 240, height: 1080 } },
    ]
    const plain = await sentPixels(checkedRgbaFrame({ width: frame.width, height: frame.height, data: new Uint8Array(frame.data) }))
    const blurred = await gateFor(windows, { ...DEFAULT_PRIVACY_SETTINGS, blurred: { apps: ['Slack'], titlePatterns: [] } }).pass(frame)
    const image = await sentPixels(blurred!)
    // 240 DIP at 200 % is 480 of 3840 frame pixels: the left 128 of 1024.
    const region = { x: 10, y: 40, width: 110, height: 500 }
    const before = measure(plain, region).detail
    const after = measure(image, region).detail
    expect(before).toBeGreaterThan(5)
    expect(after).toBeLessThan(before / 8)
    const right = { x: 140, y: 40, width: 110, height: 500 }
    expect(measure(plain, right).detail).toBeGreaterThan(5)
    expect(measure(image, right).detail).toBeCloseTo(measure(plain, right).detail, 1)
  })

  it('a blur region outside the frame is refused by the encoder, and the gate pauses instead of sending it sharp', async () => {
    await expect(encoder.blurRegions(checkedRgbaFrame({ width: 4, height: 4, data: new Uint8Array(64) }), [{ x: 2, y: 2, width: 4, height: 4 }])).rejects.toMatchObject({ code: 'FRAME_INVALID' })
    const windows = new FakeWindowSource()
    windows.displays = [LEFT_RETINA]
    windows.windows = [{ id: '11', appName: 'Slack', title: 'general', bounds: LEFT_RETINA.bounds }]
    const failing = { blurRegions: () => encoder.blurRegions(checkedRgbaFrame({ width: 4, height: 4, data: new Uint8Array(64) }), [{ x: 2, y: 2, width: 4, height: 4 }]) }
    const gate = new PrivacyGate({ windows, encoder: failing, settings: () => ({ ...DEFAULT_PRIVACY_SETTINGS, blurred: { apps: ['Slack'], titlePatterns: [] } }), clock: new ManualClock(), logger: silent })
    gate.start({ kind: 'screen', displayId: LEFT_RETINA.id })
    expect(await gate.pass(screenFrame())).toBeNull()
    expect(gate.pauseNotice).toEqual({ code: 'SHARE_PAUSED_MASK_FAILED' })
    expect(gate.isOpen).toBe(false)
  })
})
