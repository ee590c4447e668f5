import { describe, expect, it } from 'vitest'
import type { DesktopDisplay, PointMarkerOverlay } from '../../../electron/main/core/ports'
import { desktopPointToFrame } from '../../../electron/main/core/screen/frameTransform'
import { PointAt, POINT_MARKER_MS } from '../../../electron/main/core/screen/pointAt'
import { pointAtTool } from '../../../electron/main/core/tools/pointAtTool'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { toolNote } from '../../../renderer/src/components/toolNote'
import { parseOverlayMarker } from '../../../shared/overlayMarker'
import { isOverlayPage } from '../../../electron/main/windows/overlayPages'
import { translatorFor } from '../../../shared/i18n/translate'

const en = translatorFor('en')
import { ManualClock } from '../../support/media/fakes'

const left: DesktopDisplay = { id: 'L', bounds: { x: -2560, y: 0, width: 2560, height: 1440 }, scaleFactor: 1.5 }
const primary: DesktopDisplay = { id: 'P', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }

function setup() {
  const shown: Parameters<PointMarkerOverlay['showMarker']>[0][] = []
  const state = { isSharing: true }
  const pointAt = new PointAt({ overlay: { showMarker: (m) => shown.push(m) }, displays: () => [left, primary], isSharing: () => state.isSharing })
  const registry = new ToolRegistry({ desktop: { openExternal: async () => {}, writeClipboard: () => {} } as never, confirm: async () => false, clock: new ManualClock() })
  registry.register(pointAtTool(pointAt))
  return { shown, state, pointAt, registry }
}

describe('point_at', () => {
  it('the round trip: what the model sees at a pixel is where the marker goes, on the right display', async () => {
    const { shown, pointAt, registry } = setup()
    pointAt.frameSent(left.bounds)
    // A Save button at desktop (-1000, 300) on the left display, in the 1024×576 frame the model saw.
    const inFrame = desktopPointToFrame({ x: -1000, y: 300 }, left, 1024, 576)!
    const x = Math.round((inFrame.x / 1024) * 1000)
    const y = Math.round((inFrame.y / 576) * 1000)
    expect(await registry.call('point_at', { x, y, label: 'Save' })).toEqual({ ok: true, output: { pointedAt: 'Save' } })
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatchObject({ display: { id: 'L' }, label: 'Save', durationMs: POINT_MARKER_MS })
    // Rounding to whole thousandths moves the point by at most 1.3 DIP on a 2560-wide display.
    expect(Math.abs(shown[0]!.point.x - -1000)).toBeLessThan(1.5)
    expect(Math.abs(shown[0]!.point.y - 300)).toBeLessThan(1.5)
  })

  it('a window source: 0–1000 span the window, and the marker goes on the display under it', async () => {
    const { shown, pointAt, registry } = setup()
    pointAt.frameSent({ x: 1500, y: 200, width: 800, height: 600 })
    await registry.call('point_at', { x: 250, y: 500, label: 'OK' })
    expect(shown[0]).toMatchObject({ display: { id: 'P' }, point: { x: 1700, y: 500 } })
  })

  it.each([
    ['x above 1000', { x: 1200, y: 10, label: 'Save' }, /x and y must be numbers from 0 to 1000/],
    ['y below 0', { x: 10, y: -5, label: 'Save' }, /x and y must be numbers from 0 to 1000/],
    ['not numbers', { x: '10', y: 5, label: 'Save' }, /Bad arguments for point_at/],
    ['no label', { x: 10, y: 5, label: '' }, /Bad arguments for point_at/],
  ])('bad input (%s) gets an error the model can read, and nothing is drawn', async (_name, args, error) => {
    const { shown, pointAt, registry } = setup()
    pointAt.frameSent(primary.bounds)
    const outcome = await registry.call('point_at', args)
    expect(outcome.ok).toBe(false)
    expect(outcome.ok === false && outcome.error).toMatch(error)
    expect(shown).toEqual([])
  })

  it('without a frame sent yet: refused, nothing drawn', async () => {
    const { shown, registry } = setup()
    expect(await registry.call('point_at', { x: 500, y: 500, label: 'Save' })).toEqual({ ok: false, error: 'No screen frame has been sent yet, so there is nothing to point at.' })
    expect(shown).toEqual([])
  })

  it('after sharing stopped: refused, nothing drawn', async () => {
    const { shown, state, pointAt, registry } = setup()
    pointAt.frameSent(primary.bounds)
    state.isSharing = false
    pointAt.forget()
    expect(await registry.call('point_at', { x: 500, y: 500, label: 'Save' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Nothing is shared now/) })
    state.isSharing = true
    expect(await registry.call('point_at', { x: 500, y: 500, label: 'Save' })).toMatchObject({ ok: false, error: expect.stringMatching(/^No screen frame/) })
    expect(shown).toEqual([])
  })

  it('a point on no display (a window reaching past the desktop) is refused', async () => {
    const { shown, pointAt, registry } = setup()
    pointAt.frameSent({ x: 1800, y: 900, width: 400, height: 400 })
    expect(await registry.call('point_at', { x: 900, y: 900, label: 'Save' })).toEqual({ ok: false, error: 'That point is not on any display.' })
    expect(shown).toEqual([])
  })

  it('is declared NON_BLOCKING where the model allows it, and answered silently', () => {
    const { registry } = setup()
    expect(registry.declarations('both').find((d) => d.name === 'point_at')).toMatchObject({ behavior: 'NON_BLOCKING' })
    expect(registry.declarations('blocking-only').find((d) => d.name === 'point_at')).not.toHaveProperty('behavior')
    expect(registry.schedulingOf('point_at')).toBe('SILENT')
  })

  it('the transcript notes "pointed at: Save"', () => {
    expect(toolNote({ id: '1', name: 'point_at', status: 'answered', args: { x: 1, y: 2, label: 'Save' }, result: { pointedAt: 'Save' } }, en)).toBe('pointed at: Save')
    expect(toolNote({ id: '1', name: 'point_at', status: 'failed', result: 'No screen frame has been sent yet' }, en)).toBeNull()
    expect(toolNote({ id: '1', name: 'get_current_time', status: 'answered', result: {} }, en)).toBeNull()
  })
})

describe('the overlay marker message', () => {
  it.each([
    ['a marker', { x: 10, y: 20, label: 'Save', durationMs: 4_000 }, { x: 10, y: 20, label: 'Save', durationMs: 4_000 }],
    ['negative x', { x: -1, y: 20, label: 'Save', durationMs: 4_000 }, null],
    ['NaN y', { x: 1, y: Number.NaN, label: 'Save', durationMs: 4_000 }, null],
    ['a label that is not text', { x: 1, y: 1, label: { html: '<b>' }, durationMs: 4_000 }, null],
    ['a marker that never hides', { x: 1, y: 1, label: 'Save', durationMs: 3_600_000 }, null],
    ['nothing', null, null],
  ])('%s', (_name, value, expected) => {
    expect(parseOverlayMarker(value)).toEqual(expected)
  })
})

describe('overlay pages', () => {
  it.each([
    ['app://sightline/overlay/index.html', true],
    ['app://sightline/overlay/region.html', true],
    ['http://localhost:5173/overlay/index.html', true],
    ['app://sightline/index.html', false],
    ['app://sightline/index.html#mini', false],
    ['not a url', false],
  ])('%s is an overlay page: %s', (url, expected) => {
    expect(isOverlayPage(url)).toBe(expected)
  })
})
