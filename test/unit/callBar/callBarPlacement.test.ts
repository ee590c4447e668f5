import { describe, expect, it } from 'vitest'
import {
  CALL_BAR_MARGIN,
  MAX_REMEMBERED_DISPLAYS,
  clampIntoWorkArea,
  displayOf,
  placeCallBar,
  rememberPosition,
  type CallBarDisplay,
} from '../../../electron/main/core/callBar/callBarPlacement'
import { callBarPositionsFileSchema } from '../../../electron/main/core/callBar/callBarPositionsFile'

const SIZE = { width: 460, height: 60 }
/** A laptop (primary, a 25 px menu bar on top) and an external display to its right. */
const laptop: CallBarDisplay = { id: '1', workArea: { x: 0, y: 25, width: 1440, height: 875 } }
const external: CallBarDisplay = { id: '2', workArea: { x: 1440, y: 0, width: 2560, height: 1400 } }

describe('call bar position per display', () => {
  it('first appears at the top-right corner of the primary display, inside its work area', () => {
    expect(placeCallBar({ displays: [laptop, external], primaryId: '1', preferredDisplayId: null, saved: {}, size: SIZE })).toEqual({
      displayId: '1',
      position: { x: 1440 - 460 - CALL_BAR_MARGIN, y: 25 + CALL_BAR_MARGIN },
    })
  })

  it('a position dropped on a display is remembered for that display, and each display keeps its own', () => {
    let saved = rememberPosition({}, { x: 100, y: 700, ...SIZE }, [laptop, external])
    saved = rememberPosition(saved, { x: 3000, y: 1200, ...SIZE }, [laptop, external])
    expect(saved).toEqual({ '1': { x: 100, y: 700 }, '2': { x: 3000, y: 1200 } })
    expect(placeCallBar({ displays: [laptop, external], primaryId: '1', preferredDisplayId: '2', saved, size: SIZE })?.position).toEqual({ x: 3000, y: 1200 })
    expect(placeCallBar({ displays: [laptop, external], primaryId: '1', preferredDisplayId: '1', saved, size: SIZE })?.position).toEqual({ x: 100, y: 700 })
  })

  it('a bar dropped across two displays belongs to the one holding most of it, and is kept inside that one', () => {
    const straddling = { x: 1300, y: 300, ...SIZE } // 140 px on the laptop, 320 px on the external display
    expect(displayOf(straddling, [laptop, external])?.id).toBe('2')
    expect(rememberPosition({}, straddling, [laptop, external])).toEqual({ '2': { x: 1440, y: 300 } })
  })

  it('when the display it was on is unplugged, the bar goes to the primary display at the position saved there', () => {
    const saved = { '1': { x: 200, y: 400 }, '2': { x: 3000, y: 1200 } }
    expect(placeCallBar({ displays: [laptop], primaryId: '1', preferredDisplayId: '2', saved, size: SIZE })).toEqual({ displayId: '1', position: { x: 200, y: 400 } })
  })

  it('a saved position that no longer fits (the display shrank or its taskbar grew) is clamped into the work area', () => {
    const shrunk: CallBarDisplay = { id: '2', workArea: { x: 1440, y: 0, width: 1920, height: 1040 } }
    expect(placeCallBar({ displays: [laptop, shrunk], primaryId: '1', preferredDisplayId: '2', saved: { '2': { x: 3000, y: 1200 } }, size: SIZE })).toEqual({
      displayId: '2',
      position: { x: 1440 + 1920 - 460, y: 1040 - 60 },
    })
  })

  it('a bar above or left of the work area (under the menu bar) comes down into it', () => {
    expect(clampIntoWorkArea({ x: -50, y: 0 }, SIZE, laptop.workArea)).toEqual({ x: 0, y: 25 })
  })

  it('a work area smaller than the bar keeps the bar\'s top-left corner inside', () => {
    expect(clampIntoWorkArea({ x: 500, y: 500 }, SIZE, { x: 0, y: 0, width: 300, height: 40 })).toEqual({ x: 0, y: 0 })
  })

  it('no displays at all (a headless moment during a display change): nothing is placed and nothing is forgotten', () => {
    const saved = { '1': { x: 1, y: 2 } }
    expect(placeCallBar({ displays: [], primaryId: '1', preferredDisplayId: '1', saved, size: SIZE })).toBeNull()
    expect(rememberPosition(saved, { x: 0, y: 0, ...SIZE }, [])).toBe(saved)
  })

  it('keeps at most the most recent displays, so a laptop docked at many desks never grows its file without end', () => {
    let saved = {}
    for (let i = 0; i < MAX_REMEMBERED_DISPLAYS + 4; i++) {
      const display: CallBarDisplay = { id: `d${i}`, workArea: { x: 0, y: 0, width: 1000, height: 800 } }
      saved = rememberPosition(saved, { x: i, y: i, ...SIZE }, [display])
    }
    expect(Object.keys(saved)).toHaveLength(MAX_REMEMBERED_DISPLAYS)
    expect(Object.keys(saved)[0]).toBe('d4')
    expect(callBarPositionsFileSchema.safeParse({ positions: saved }).success).toBe(true)
  })

  it('a damaged positions file (not numbers, too many displays) is refused, so the default is used', () => {
    expect(callBarPositionsFileSchema.safeParse({ positions: { '1': { x: 'left', y: 0 } } }).success).toBe(false)
    const many = Object.fromEntries(Array.from({ length: MAX_REMEMBERED_DISPLAYS + 1 }, (_, i) => [`d${i}`, { x: 0, y: 0 }]))
    expect(callBarPositionsFileSchema.safeParse({ positions: many }).success).toBe(false)
  })
})
