import type { Notice } from '../../../../shared/notice'
import type { DesktopDisplay, Rect } from '../ports'

/** Smaller than this (DIP, either side) and a region shows too little to be worth a frame. */
export const MIN_REGION_SIDE = 32

/**
 * Why `region` (desktop DIP) cannot be shared on `display`, or null when it can: it must be at
 * least {@link MIN_REGION_SIDE} on each side and lie wholly on that display (a frame shows one
 * display). The problem is a notice the edges word from `notices.<code>`: REGION_NOT_RECTANGLE,
 * REGION_TOO_SMALL (param `min`, in px), REGION_NOT_ON_SCREEN (no display), REGION_OFF_SCREEN.
 */
export function regionProblem(region: Rect, display: DesktopDisplay | undefined): Notice | null {
  if (![region.x, region.y, region.width, region.height].every(Number.isFinite)) return { code: 'REGION_NOT_RECTANGLE' }
  if (region.width < MIN_REGION_SIDE || region.height < MIN_REGION_SIDE) return { code: 'REGION_TOO_SMALL', params: { min: MIN_REGION_SIDE } }
  if (!display) return { code: 'REGION_NOT_ON_SCREEN' }
  const b = display.bounds
  if (region.x < b.x || region.y < b.y || region.x + region.width > b.x + b.width || region.y + region.height > b.y + b.height) {
    return { code: 'REGION_OFF_SCREEN' }
  }
  return null
}
