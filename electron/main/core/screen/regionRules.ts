import type { DesktopDisplay, Rect } from '../ports'

/** Smaller than this (DIP, either side) and a region shows too little to be worth a frame. */
export const MIN_REGION_SIDE = 32

/**
 * Why `region` (desktop DIP) cannot be shared on `display`, or null when it can: it must be at
 * least {@link MIN_REGION_SIDE} on each side and lie wholly on that display (a frame shows one
 * display). The words go to the user as they are.
 */
export function regionProblem(region: Rect, display: DesktopDisplay | undefined): string | null {
  if (![region.x, region.y, region.width, region.height].every(Number.isFinite)) return 'That region is not a rectangle on the screen.'
  if (region.width < MIN_REGION_SIDE || region.height < MIN_REGION_SIDE) {
    return `That region is too small: draw at least ${MIN_REGION_SIDE}×${MIN_REGION_SIDE} pixels.`
  }
  if (!display) return 'That region is not on the shared screen.'
  const b = display.bounds
  if (region.x < b.x || region.y < b.y || region.x + region.width > b.x + b.width || region.y + region.height > b.y + b.height) {
    return 'That region is not on the shared screen: draw it inside the screen.'
  }
  return null
}
