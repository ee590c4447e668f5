/** The channel main sends `point_at` markers on, to the overlay window only (one-way: the overlay never sends). */
export const OVERLAY_MARKER_CHANNEL = 'overlay:marker'

/** One marker for the overlay page: `x`/`y` in CSS pixels from the overlay window's top-left (= the display's, in DIP). */
export interface OverlayMarker {
  x: number
  y: number
  label: string
  durationMs: number
}

/**
 * The marker in `value`, or null when it is not one (coordinates 0–100 000, a label of at most
 * 200 characters, 100 ms–60 s). Plain code rather than zod: the sandboxed overlay preload is one
 * file and cannot load a shared chunk.
 */
export function parseOverlayMarker(value: unknown): OverlayMarker | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y, label, durationMs } = value as Record<string, unknown>
  const inRange = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max
  if (!inRange(x, 0, 100_000) || !inRange(y, 0, 100_000) || !inRange(durationMs, 100, 60_000)) return null
  if (typeof label !== 'string' || label.length > 200) return null
  return { x, y, label, durationMs }
}

/** The channel main sends the shared region's outline on (a rectangle in the overlay's CSS pixels, or null to hide it). */
export const OVERLAY_OUTLINE_CHANNEL = 'overlay:outline'

/** A rectangle in an overlay's CSS pixels. */
export interface OverlayRect {
  x: number
  y: number
  width: number
  height: number
}

/** The rectangle in `value`, or null when it is not one (finite, 0–100 000, non-negative size). */
export function parseOverlayRect(value: unknown): OverlayRect | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y, width, height } = value as Record<string, unknown>
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100_000
  return ok(x) && ok(y) && ok(width) && ok(height) ? { x, y, width, height } : null
}
