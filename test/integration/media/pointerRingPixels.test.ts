import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Point, ValidRgbaFrame } from '../../../electron/main/core/ports'
import { checkedRgbaFrame } from '../../../electron/main/core/media/validateRgbaFrame'
import { desktopPointToFrame } from '../../../electron/main/core/screen/frameTransform'
import { RING_RADIUS } from '../../../electron/main/platform/pointerRingImage'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'

const encoder = new SharpFrameEncoder()

/** A mid-grey screen: the ring's red stands out, and so would any red that was not the ring. */
function greyScreen(width: number, height: number): ValidRgbaFrame {
  const data = new Uint8Array(width * height * 4).fill(120)
  for (let i = 3; i < data.length; i += 4) data[i] = 255
  return checkedRgbaFrame({ width, height, data })
}

async function decode(jpeg: Uint8Array) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, channels: info.channels, data }
}

/** The centre of the ring-red pixels in the decoded JPEG, and how many there are. */
async function findRing(jpeg: Uint8Array): Promise<{ centre: Point | null; count: number; width: number; height: number }> {
  const image = await decode(jpeg)
  let count = 0
  let sx = 0
  let sy = 0
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * image.channels
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]
      if (r > 200 && g < 110 && b < 140) {
        count++
        sx += x
        sy += y
      }
    }
  }
  return { centre: count > 0 ? { x: sx / count, y: sy / count } : null, count, width: image.width, height: image.height }
}

describe('the pointer ring on real pixels', () => {
  it.each([
    ['scale 1 display, 1920×1080 frame', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1920, 1080, { x: 700, y: 300 }],
    ['scale 2 display at a negative origin, frame pre-scaled to 1920', { bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }, 1920, 1080, { x: -400, y: 900 }],
    ['scale 1.5 display above the primary', { bounds: { x: 0, y: -1440, width: 2560, height: 1440 }, scaleFactor: 1.5 }, 2560, 1440, { x: 1280, y: -720 }],
  ])('%s: the ring is drawn where the pointer is', async (_name, area, fw, fh, pointer) => {
    const ring = desktopPointToFrame(pointer, area, fw, fh)!
    const encoded = await encoder.encode(greyScreen(fw, fh), { longSide: 1024, quality: 80, ring })
    const found = await findRing(encoded.jpeg)
    const expected = { x: ((pointer.x - area.bounds.x) / area.bounds.width) * found.width, y: ((pointer.y - area.bounds.y) / area.bounds.height) * found.height }
    expect(found.centre).not.toBeNull()
    expect(Math.abs(found.centre!.x - expected.x)).toBeLessThan(1.5)
    expect(Math.abs(found.centre!.y - expected.y)).toBeLessThan(1.5)
    // A ring, not a dot: the stroke is about 2πr × 4 px, and the centre itself stays grey.
    expect(found.count).toBeGreaterThan(2 * Math.PI * RING_RADIUS * 2)
    const image = await decode(encoded.jpeg)
    const c = (Math.round(expected.y) * image.width + Math.round(expected.x)) * image.channels
    expect(Math.abs(image.data[c]! - 120)).toBeLessThan(12)
  })

  it('without a ring the frame has none of the ring colour', async () => {
    const encoded = await encoder.encode(greyScreen(1920, 1080), { longSide: 1024, quality: 80 })
    expect((await findRing(encoded.jpeg)).count).toBe(0)
  })

  it('a pointer at the very corner draws the part of the ring that fits', async () => {
    const encoded = await encoder.encode(greyScreen(1920, 1080), { longSide: 1024, quality: 80, ring: { x: 0, y: 0 } })
    const found = await findRing(encoded.jpeg)
    expect(found.count).toBeGreaterThan(20)
    expect(found.centre!.x).toBeLessThan(RING_RADIUS + 4)
    expect(found.centre!.y).toBeLessThan(RING_RADIUS + 4)
  })

  it('a 900×600 region goes at its own resolution with the ring inside it', async () => {
    const crop = { x: 500, y: 200, width: 900, height: 600 }
    const encoded = await encoder.encode(greyScreen(1920, 1080), { longSide: 1024, quality: 80, crop, ring: { x: 950, y: 500 } })
    expect({ width: encoded.width, height: encoded.height }).toEqual({ width: 900, height: 600 })
    const found = await findRing(encoded.jpeg)
    expect(Math.abs(found.centre!.x - 450)).toBeLessThan(1.5)
    expect(Math.abs(found.centre!.y - 300)).toBeLessThan(1.5)
  })

  it('a crop that leaves the frame is refused', async () => {
    await expect(encoder.encode(greyScreen(640, 480), { longSide: 1024, quality: 80, crop: { x: 600, y: 0, width: 100, height: 100 } })).rejects.toMatchObject({
      code: 'FRAME_INVALID',
    })
  })
})
