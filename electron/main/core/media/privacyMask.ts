import type { RgbaFrame, Rect } from '../ports'

/** The neutral fill for Sightline's own windows: mid grey, opaque (RGBA). */
export const MASK_RGBA: readonly [number, number, number, number] = [128, 128, 128, 255]

/**
 * Fills each region (frame pixels, already clipped to the frame by `desktopRectToFrame`) with
 * `rgba`, in place. Rows are filled with `Uint32Array.fill`, so a full 1080p frame costs about a
 * millisecond. Throws a RangeError for a region outside the frame.
 */
export function fillRegions(frame: RgbaFrame, regions: readonly Rect[], rgba: readonly [number, number, number, number] = MASK_RGBA): void {
  if (regions.length === 0) return
  const word = new Uint32Array(new Uint8Array(rgba).buffer)[0]!
  const aligned = frame.data.byteOffset % 4 === 0
  const pixels = aligned ? new Uint32Array(frame.data.buffer, frame.data.byteOffset, frame.width * frame.height) : null
  for (const r of regions) {
    if (r.x < 0 || r.y < 0 || r.width < 0 || r.height < 0 || r.x + r.width > frame.width || r.y + r.height > frame.height) {
      throw new RangeError(`mask region ${JSON.stringify(r)} is outside the ${frame.width}×${frame.height} frame`)
    }
    for (let y = r.y; y < r.y + r.height; y++) {
      const start = y * frame.width + r.x
      if (pixels) {
        pixels.fill(word, start, start + r.width)
      } else {
        for (let i = start * 4; i < (start + r.width) * 4; i += 4) frame.data.set(rgba, i)
      }
    }
  }
}
