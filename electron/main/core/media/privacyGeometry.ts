import type { Rect } from '../ports'

/** What a frame shows: a desktop area (device-independent pixels) captured at `scaleFactor` physical pixels per DIP. */
export interface FrameArea {
  bounds: Rect
  scaleFactor: number
}

/**
 * Maps a desktop rectangle (DIP, global coordinates, negative origins allowed) into the pixels of
 * a `frameWidth`×`frameHeight` frame that shows `area`. The capture is `bounds × scaleFactor`
 * physical pixels, which the page may have scaled down again before sending; both steps are one
 * linear map. The result is widened to whole pixels (a half-covered pixel is covered) and clipped
 * to the frame; null when nothing of the rectangle is in the frame.
 */
export function desktopRectToFrame(rect: Rect, area: FrameArea, frameWidth: number, frameHeight: number): Rect | null {
  const scale = desktopToFrameScale(area, frameWidth, frameHeight)
  if (scale === null) return null
  const { sx, sy } = scale
  const left = Math.max(0, Math.floor((rect.x - area.bounds.x) * sx))
  const top = Math.max(0, Math.floor((rect.y - area.bounds.y) * sy))
  const right = Math.min(frameWidth, Math.ceil((rect.x + rect.width - area.bounds.x) * sx))
  const bottom = Math.min(frameHeight, Math.ceil((rect.y + rect.height - area.bounds.y) * sy))
  if (right <= left || bottom <= top) return null
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/**
 * The one linear map from desktop DIP to the pixels of a `frameWidth`×`frameHeight` frame showing
 * `area`: frame = (desktop − area.bounds origin) × (sx, sy). Null for an empty area. The pointer,
 * the region crop and `point_at` (core/screen/) use it too, so every overlay lines up with the masks.
 */
export function desktopToFrameScale(area: FrameArea, frameWidth: number, frameHeight: number): { sx: number; sy: number } | null {
  const physicalWidth = area.bounds.width * area.scaleFactor
  const physicalHeight = area.bounds.height * area.scaleFactor
  if (!(physicalWidth > 0 && physicalHeight > 0 && frameWidth > 0 && frameHeight > 0)) return null
  return { sx: (area.scaleFactor * frameWidth) / physicalWidth, sy: (area.scaleFactor * frameHeight) / physicalHeight }
}

/** True when the two rectangles share some area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}
