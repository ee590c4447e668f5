import { desktopToFrameScale, type FrameArea } from '../media/privacyGeometry'
import type { Point, Rect } from '../ports'

/** `point_at` coordinates run 0–1000 across the frame the model saw, whatever its pixel size. */
export const POINT_AT_SCALE = 1000

/**
 * A desktop point (DIP, global, negative origins allowed) in the pixels of a
 * `frameWidth`×`frameHeight` frame showing `area`, through the same map as the privacy masks
 * ({@link desktopToFrameScale}). Fractional; null when the point is outside the frame.
 */
export function desktopPointToFrame(point: Point, area: FrameArea, frameWidth: number, frameHeight: number): Point | null {
  const scale = desktopToFrameScale(area, frameWidth, frameHeight)
  if (scale === null) return null
  const x = (point.x - area.bounds.x) * scale.sx
  const y = (point.y - area.bounds.y) * scale.sy
  if (!(x >= 0 && y >= 0 && x < frameWidth && y < frameHeight)) return null
  return { x, y }
}

/** The inverse map: a rectangle of frame pixels back to the desktop DIP it shows (for the area a cropped frame covers). */
export function frameRectToDesktop(rect: Rect, area: FrameArea, frameWidth: number, frameHeight: number): Rect | null {
  const scale = desktopToFrameScale(area, frameWidth, frameHeight)
  if (scale === null) return null
  return {
    x: area.bounds.x + rect.x / scale.sx,
    y: area.bounds.y + rect.y / scale.sy,
    width: rect.width / scale.sx,
    height: rect.height / scale.sy,
  }
}

/**
 * `point_at`'s 0–1000 coordinates on the frame the model last saw, back to the desktop: `view` is
 * the desktop rectangle (DIP) that frame showed (the display, the window or the region). Throws a
 * RangeError for coordinates that are not finite numbers within 0–1000.
 */
export function normalizedToDesktop(point: Point, view: Rect): Point {
  for (const value of [point.x, point.y]) {
    if (!(Number.isFinite(value) && value >= 0 && value <= POINT_AT_SCALE)) {
      throw new RangeError(`x and y must be numbers from 0 to ${POINT_AT_SCALE}, got x=${point.x}, y=${point.y}`)
    }
  }
  return { x: view.x + (point.x / POINT_AT_SCALE) * view.width, y: view.y + (point.y / POINT_AT_SCALE) * view.height }
}

/**
 * The size sharp's `fit: 'inside'` with `withoutEnlargement` gives a `width`×`height` image fitted
 * into `longSide`: unchanged when it already fits, else the long side becomes `longSide` and the
 * other keeps the aspect (rounded, at least 1).
 */
export function fittedSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const long = Math.max(width, height)
  if (long <= longSide) return { width, height }
  const scale = longSide / long
  return width >= height
    ? { width: longSide, height: Math.max(1, Math.round(height * scale)) }
    : { width: Math.max(1, Math.round(width * scale)), height: longSide }
}

/**
 * Where the ring goes in the encoded image: `ring` (pixels of the frame as received) moved into
 * the crop (`crop` frame pixels, or the whole frame) and scaled to the `outWidth`×`outHeight`
 * output. Null when the pointer is outside the crop.
 */
export function ringInOutput(ring: Point, crop: Rect, outWidth: number, outHeight: number): Point | null {
  const x = ring.x - crop.x
  const y = ring.y - crop.y
  if (!(x >= 0 && y >= 0 && x < crop.width && y < crop.height)) return null
  return { x: (x * outWidth) / crop.width, y: (y * outHeight) / crop.height }
}
