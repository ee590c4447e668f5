import type { OverlayRect } from './overlayMarker'

/**
 * Moving a shared region (issue 15 item 2), pure so the picker page and main agree. Rectangles
 * are in the display's own CSS pixels (DIP, origin at the display's top-left), as the overlay
 * pages use them.
 */

/**
 * `rect` moved by `dx`, `dy` and kept whole on a `width`×`height` display: a move past an edge
 * stops at it, as a region may not leave its display (main refuses one that does, regionRules.ts).
 * The size never changes; a rectangle larger than the display is pinned to its top-left.
 */
export function moveRectWithin(rect: OverlayRect, dx: number, dy: number, display: { width: number; height: number }): OverlayRect {
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value))
  return {
    x: Math.round(clamp(rect.x + dx, display.width - rect.width)),
    y: Math.round(clamp(rect.y + dy, display.height - rect.height)),
    width: rect.width,
    height: rect.height,
  }
}

/** How far one arrow key press moves the region (CSS px): 1, or 10 with Shift. */
export function arrowKeyStep(key: string, isShift: boolean): { dx: number; dy: number } | null {
  const step = isShift ? 10 : 1
  switch (key) {
    case 'ArrowLeft':
      return { dx: -step, dy: 0 }
    case 'ArrowRight':
      return { dx: step, dy: 0 }
    case 'ArrowUp':
      return { dx: 0, dy: -step }
    case 'ArrowDown':
      return { dx: 0, dy: step }
    default:
      return null
  }
}

/** True when the point (CSS px) lies inside `rect`: pressing there moves the region instead of drawing a new one. */
export function isInside(rect: OverlayRect, point: { x: number; y: number }): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height
}
