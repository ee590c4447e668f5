import { describe, expect, it } from 'vitest'
import type { ShareTarget } from '../../../electron/main/core/media/privacyGate'
import type { DesktopDisplay, Rect } from '../../../electron/main/core/ports'
import { regionProblem } from '../../../electron/main/core/screen/regionRules'
import { ShareRegion } from '../../../electron/main/core/screen/shareRegion'
import { describeNotice } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

const left: DesktopDisplay = { id: 'L', bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }

function setup(picked: Rect | null, target: ShareTarget | null = { kind: 'screen', displayId: 'L' }) {
  const outline: (Rect | null)[] = []
  const stops: { code: string; message: string }[] = []
  const state = { target, picked }
  const region = new ShareRegion({
    picker: { pick: async () => state.picked },
    outline: { show: (_d, r) => outline.push(r), hide: () => outline.push(null) },
    displays: () => [left],
    target: () => state.target,
    stopSharing: (code, message) => stops.push({ code, message }),
  })
  return { region, outline, stops, state }
}

describe('regions', () => {
  it.each([
    ['a 900×600 region on the display', { x: -1500, y: 100, width: 900, height: 600 }, null],
    ['exactly 32×32', { x: -1920, y: 0, width: 32, height: 32 }, null],
    ['31 px wide', { x: -1500, y: 100, width: 31, height: 600 }, { code: 'REGION_TOO_SMALL', params: { min: 32 } }],
    ['reaching off the left edge', { x: -1930, y: 100, width: 900, height: 600 }, { code: 'REGION_OFF_SCREEN' }],
    ['on another display', { x: 100, y: 100, width: 900, height: 600 }, { code: 'REGION_OFF_SCREEN' }],
    ['not numbers', { x: Number.NaN, y: 100, width: 900, height: 600 }, { code: 'REGION_NOT_RECTANGLE' }],
  ])('%s', (_name, rect, problem) => {
    expect(regionProblem(rect, left)).toEqual(problem)
  })

  it('a drawn region is shared and outlined, and frames are cropped to it in frame pixels', async () => {
    const { region, outline } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    expect(await region.select()).toEqual({ region: { x: -1500, y: 100, width: 900, height: 600 }, note: null })
    expect(outline).toEqual([{ x: -1500, y: 100, width: 900, height: 600 }])
    // A scale-2 display whose frame the page pre-scaled to 2048×1152.
    expect(region.crop({ bounds: left.bounds, scaleFactor: 2 }, 2048, 1152)).toEqual({ kind: 'crop', rect: { x: 448, y: 106, width: 960, height: 641 } })
  })

  it('a region under 32 px is refused with a message and nothing changes', async () => {
    const { region, outline } = setup({ x: -1500, y: 100, width: 20, height: 600 })
    expect(await region.select()).toEqual({ region: null, note: { code: 'REGION_TOO_SMALL', params: { min: 32 } } })
    expect(region.current).toBeNull()
    expect(outline).toEqual([])
  })

  it('the refusal is a code the edge words in the UI language, with the minimum as a param', async () => {
    const { region } = setup({ x: -1500, y: 100, width: 20, height: 600 })
    const { note } = await region.select()
    expect(describeNotice(note!, wordingFor('en'))).toBe('That region is too small: draw at least 32×32 pixels.')
    expect(describeNotice(note!, wordingFor('de'))).toBe('Dieser Bereich ist zu klein: Ziehen Sie mindestens 32×32 Pixel auf.')
    expect(describeNotice(note!, wordingFor('ja'))).toBe('その範囲は小さすぎます。32×32 ピクセル以上で描いてください。')
  })

  it('moving: the picker is shown the region already shared, and the moved region replaces it under the same rules', async () => {
    const shown: (Rect | undefined)[] = []
    const state = { picked: { x: -1500, y: 100, width: 900, height: 600 } as Rect }
    const outline: (Rect | null)[] = []
    const region = new ShareRegion({
      picker: { pick: async (_display, current) => (shown.push(current), state.picked) },
      outline: { show: (_d, r) => outline.push(r), hide: () => outline.push(null) },
      displays: () => [left],
      target: () => ({ kind: 'screen', displayId: 'L' }),
      stopSharing: () => {},
    })
    await region.select()
    state.picked = { x: -1400, y: 300, width: 900, height: 600 }
    expect(await region.select()).toEqual({ region: { x: -1400, y: 300, width: 900, height: 600 }, note: null })
    // A move that reached past the screen's edge (the page stops it there; main checks anyway).
    state.picked = { x: -800, y: 300, width: 900, height: 600 }
    expect(await region.select()).toEqual({ region: null, note: { code: 'REGION_OFF_SCREEN' } })
    expect(shown).toEqual([undefined, { x: -1500, y: 100, width: 900, height: 600 }, { x: -1400, y: 300, width: 900, height: 600 }])
    expect(region.current).toEqual({ x: -1400, y: 300, width: 900, height: 600 })
    expect(outline).toEqual([
      { x: -1500, y: 100, width: 900, height: 600 },
      { x: -1400, y: 300, width: 900, height: 600 },
    ])
  })

  it('Esc keeps what was shared', async () => {
    const { region, state } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    await region.select()
    state.picked = null
    expect(await region.select()).toEqual({ region: null, note: { code: 'REGION_NOT_CHANGED' } })
    expect(region.current).toEqual({ x: -1500, y: 100, width: 900, height: 600 })
  })

  it('only a shared screen can have a region', async () => {
    const { region } = setup({ x: -1500, y: 100, width: 900, height: 600 }, { kind: 'window', windowId: '7' })
    expect(await region.select()).toEqual({ region: null, note: { code: 'REGION_NEEDS_SCREEN' } })
  })

  it('a display change keeps a region that still fits', async () => {
    const { region, stops } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    await region.select()
    region.displaysChanged([{ ...left, scaleFactor: 1 }])
    expect(region.current).not.toBeNull()
    expect(stops).toEqual([])
  })

  it('a display change that leaves the region off the screen stops sharing and says why', async () => {
    const { region, stops, outline } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    await region.select()
    region.displaysChanged([{ ...left, bounds: { x: -1280, y: 0, width: 1280, height: 720 } }])
    expect(stops).toEqual([{ code: 'SHARE_STOPPED', message: 'Sharing stopped: the shared region no longer fits on its screen after the display changed.' }])
    expect(region.current).toBeNull()
    expect(outline.at(-1)).toBeNull()
  })

  it('the display unplugged: sharing stops and says so', async () => {
    const { region, stops } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    await region.select()
    region.displaysChanged([])
    expect(stops).toEqual([{ code: 'SHARE_STOPPED_DISPLAY_GONE', message: 'Sharing stopped: the screen with the shared region was disconnected.' }])
  })

  it('holds frames while the region cannot be placed (paused or unknown area) instead of sending the whole screen', async () => {
    const { region } = setup({ x: -1500, y: 100, width: 900, height: 600 })
    expect(region.crop(null, 1920, 1080)).toEqual({ kind: 'none' })
    await region.select()
    expect(region.crop(null, 1920, 1080)).toEqual({ kind: 'hold' })
  })
})
