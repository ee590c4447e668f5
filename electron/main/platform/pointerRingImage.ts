/** The ring's colour: a saturated red-pink that is rare in UIs, readable on light and dark. */
export const RING_RGB: readonly [number, number, number] = [255, 45, 85]
/** Ring radius to the middle of the stroke, in output pixels (a 1024-wide frame: ~3 % of its width across). */
export const RING_RADIUS = 14
const STROKE = 4
/** A white halo on both sides of the stroke, so the ring shows on red content too. */
const HALO = 1.5

let cached: { size: number; rgba: Uint8Array } | null = null

/**
 * The pointer ring as a square, premultiplication-free RGBA image (`size`×`size`, odd, centred),
 * anti-aliased by distance from the centre. Drawn once and reused for every frame.
 */
export function pointerRingImage(): { size: number; rgba: Uint8Array } {
  if (cached) return cached
  const outer = RING_RADIUS + STROKE / 2 + HALO
  const half = Math.ceil(outer) + 1
  const size = half * 2 + 1
  const rgba = new Uint8Array(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.abs(Math.hypot(x - half, y - half) - RING_RADIUS)
      const stroke = coverage(STROKE / 2 - d)
      const halo = coverage(STROKE / 2 + HALO - d)
      const i = (y * size + x) * 4
      const white = 1 - stroke
      rgba[i] = Math.round(RING_RGB[0] * stroke + 255 * white)
      rgba[i + 1] = Math.round(RING_RGB[1] * stroke + 255 * white)
      rgba[i + 2] = Math.round(RING_RGB[2] * stroke + 255 * white)
      rgba[i + 3] = Math.round(255 * halo)
    }
  }
  cached = { size, rgba }
  return cached
}

/** How much of a pixel lies inside an edge `distance` pixels away (one-pixel linear ramp). */
function coverage(distance: number): number {
  return Math.min(1, Math.max(0, distance + 0.5))
}
