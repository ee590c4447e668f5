import type { Point, Rect } from '../ports'

/** A display as the call bar sees it: its id and its work area (desktop DIP, without the taskbar or menu bar). */
export interface CallBarDisplay {
  id: string
  workArea: Rect
}

/** Where the user left the bar, per display id (the bar's top-left corner, desktop DIP). */
export type CallBarPositions = Readonly<Record<string, Point>>

/** How many displays' positions are kept: enough for any desk, bounded so a docking laptop's file never grows. */
export const MAX_REMEMBERED_DISPLAYS = 16

/**
 * The bar's size in DIP: one row of state, two meters and four buttons. 560 wide because the four
 * buttons alone take 470–490 in German and Spanish ("Teilen beenden", "Dejar de compartir"): at
 * 460 the state vanished and End was cut off (test/e2e/callBar.e2e.ts measures it).
 */
export const CALL_BAR_SIZE = { width: 560, height: 60 } as const

/** Gap from the work area's top-right corner where the bar first appears. */
export const CALL_BAR_MARGIN = 20

/** Where the bar goes and on which display. */
export interface CallBarPlacement {
  displayId: string
  position: Point
}

/**
 * The bar's top-left corner moved so the whole bar (`size`, DIP) lies inside `area`; a bar larger
 * than the area keeps its top-left corner inside. Coordinates are rounded to whole DIP.
 */
export function clampIntoWorkArea(position: Point, size: { width: number; height: number }, area: Rect): Point {
  const clamp = (value: number, min: number, max: number) => Math.round(Math.min(Math.max(value, min), Math.max(min, max)))
  return {
    x: clamp(position.x, area.x, area.x + area.width - size.width),
    y: clamp(position.y, area.y, area.y + area.height - size.height),
  }
}

/** The display whose work area holds most of `bounds` (ties and no overlap: the nearest centre), or null with no displays. */
export function displayOf(bounds: Rect, displays: readonly CallBarDisplay[]): CallBarDisplay | null {
  let best: CallBarDisplay | null = null
  let bestScore = -Infinity
  for (const display of displays) {
    const a = display.workArea
    const overlap = Math.max(0, Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x)) * Math.max(0, Math.min(bounds.y + bounds.height, a.y + a.height) - Math.max(bounds.y, a.y))
    const distance = Math.hypot(bounds.x + bounds.width / 2 - (a.x + a.width / 2), bounds.y + bounds.height / 2 - (a.y + a.height / 2))
    // Overlap decides; distance only breaks ties (it is always far smaller than one pixel of overlap here).
    const score = overlap - distance / 1e6
    if (score > bestScore) {
      best = display
      bestScore = score
    }
  }
  return best
}

/**
 * Records where the user dropped the bar: its position on the display holding most of it,
 * clamped into that display's work area. The most recent display goes last; past
 * {@link MAX_REMEMBERED_DISPLAYS} the least recent is forgotten. Returns new positions.
 */
export function rememberPosition(saved: CallBarPositions, bounds: Rect, displays: readonly CallBarDisplay[]): CallBarPositions {
  const display = displayOf(bounds, displays)
  if (!display) return saved
  const entries = Object.entries(saved).filter(([id]) => id !== display.id)
  entries.push([display.id, clampIntoWorkArea(bounds, bounds, display.workArea)])
  return Object.fromEntries(entries.slice(-MAX_REMEMBERED_DISPLAYS))
}

/**
 * Where the bar appears: on `preferredDisplayId` if that display is present (where it was, or
 * where the pointer is), else on the primary display (else the first); at the position saved for
 * that display, else the top-right corner of its work area; always clamped into the work area, so
 * a position saved on a larger or since-moved display is pulled back on screen. Null with no displays.
 */
export function placeCallBar(options: {
  displays: readonly CallBarDisplay[]
  primaryId: string
  preferredDisplayId: string | null
  saved: CallBarPositions
  size: { width: number; height: number }
}): CallBarPlacement | null {
  const { displays, size } = options
  const display =
    displays.find((d) => d.id === options.preferredDisplayId) ?? displays.find((d) => d.id === options.primaryId) ?? displays[0]
  if (!display) return null
  const area = display.workArea
  const wanted = options.saved[display.id] ?? { x: area.x + area.width - size.width - CALL_BAR_MARGIN, y: area.y + CALL_BAR_MARGIN }
  return { displayId: display.id, position: clampIntoWorkArea(wanted, size, area) }
}
