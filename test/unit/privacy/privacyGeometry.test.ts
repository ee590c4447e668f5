import { describe, expect, it } from 'vitest'
import { decidePrivacy } from '../../../electron/main/core/media/privacyGate'
import { desktopRectToFrame } from '../../../electron/main/core/media/privacyGeometry'
import { fillRegions, MASK_RGBA } from '../../../electron/main/core/media/privacyMask'
import { WindowMatcher } from '../../../electron/main/core/media/windowMatcher'
import type { DesktopSnapshot } from '../../../electron/main/core/ports'
import { DEFAULT_PRIVACY_SETTINGS } from '../../../shared/privacySettings'

describe('desktop rectangles into frame pixels', () => {
  it.each([
    ['scale 1, frame at capture size', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1920, 1080, { x: 100, y: 50, width: 200, height: 100 }, { x: 100, y: 50, width: 200, height: 100 }],
    ['scale 2 (Retina): capture is 3840×2160', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }, 3840, 2160, { x: 100, y: 50, width: 200, height: 100 }, { x: 200, y: 100, width: 400, height: 200 }],
    ['scale 2, page pre-scaled the frame to 1024 wide', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }, 1024, 576, { x: 960, y: 540, width: 480, height: 270 }, { x: 512, y: 288, width: 256, height: 144 }],
    ['display left of the primary (negative origin)', { bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1920, 1080, { x: -1820, y: 100, width: 200, height: 100 }, { x: 100, y: 100, width: 200, height: 100 }],
    ['display above the primary, scale 1.5', { bounds: { x: 0, y: -1440, width: 2560, height: 1440 }, scaleFactor: 1.5 }, 3840, 2160, { x: 10, y: -1430, width: 100, height: 100 }, { x: 15, y: 15, width: 150, height: 150 }],
    ['window source: the frame is the window', { bounds: { x: 300, y: 200, width: 800, height: 600 }, scaleFactor: 1 }, 800, 600, { x: 900, y: 700, width: 400, height: 300 }, { x: 600, y: 500, width: 200, height: 100 }],
    ['clipped at the frame edge', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1920, 1080, { x: 1800, y: -20, width: 400, height: 100 }, { x: 1800, y: 0, width: 120, height: 80 }],
    ['half pixels widen outwards', { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1000, 562, { x: 1, y: 1, width: 3, height: 3 }, { x: 0, y: 0, width: 3, height: 3 }],
  ])('%s', (_name, area, width, height, rect, expected) => {
    expect(desktopRectToFrame(rect, area, width, height)).toEqual(expected)
  })

  it('a window on another display is not in the frame', () => {
    expect(desktopRectToFrame({ x: 2000, y: 0, width: 100, height: 100 }, { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }, 1920, 1080)).toBeNull()
  })
})

describe('fillRegions', () => {
  it('fills exactly the regions with the neutral colour, also on an unaligned buffer', () => {
    const backing = new Uint8Array(4 * 4 * 4 + 1)
    const frame = { width: 4, height: 4, data: backing.subarray(1) }
    frame.data.fill(7)
    fillRegions(frame, [{ x: 1, y: 1, width: 2, height: 2 }])
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        const pixel = [...frame.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)]
        expect(pixel).toEqual(x >= 1 && x <= 2 && y >= 1 && y <= 2 ? [...MASK_RGBA] : [7, 7, 7, 7])
      }
    }
  })

  it('refuses a region outside the frame', () => {
    expect(() => fillRegions({ width: 4, height: 4, data: new Uint8Array(64) }, [{ x: 3, y: 0, width: 2, height: 1 }])).toThrow(RangeError)
  })
})

describe('decidePrivacy', () => {
  const rules = {
    excluded: new WindowMatcher(DEFAULT_PRIVACY_SETTINGS.excluded, 'PRIVATE_WINDOW'),
    blurred: new WindowMatcher({ apps: ['Slack'], titlePatterns: [] }, 'BLURRED_WINDOW'),
  }
  const desktop = (extra: Partial<DesktopSnapshot> = {}): DesktopSnapshot => ({
    windows: [
      { id: '1', appName: 'Terminal', title: 'bash', bounds: { x: 0, y: 0, width: 960, height: 1080 } },
      { id: '2', appName: 'Slack', title: 'general', bounds: { x: 960, y: 0, width: 960, height: 540 } },
    ],
    frontmostId: '1',
    displays: [
      { id: 'A', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
      { id: 'B', bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 },
    ],
    ownWindows: [{ x: 1400, y: 600, width: 400, height: 400 }],
    ...extra,
  })

  it('sends with own windows filled and chosen windows blurred, in frame pixels', () => {
    expect(decidePrivacy(desktop(), { kind: 'screen', displayId: 'A' }, rules, 960, 540)).toEqual({
      kind: 'send',
      fills: [{ x: 700, y: 300, width: 200, height: 200 }],
      blurs: [{ x: 480, y: 0, width: 480, height: 270 }],
    })
  })

  it('an excluded app in front pauses, whatever is shared', () => {
    const snapshot = desktop()
    snapshot.windows.push({ id: '3', appName: '1Password', title: '1Password', bounds: { x: -1500, y: 0, width: 400, height: 400 } })
    snapshot.frontmostId = '3'
    expect(decidePrivacy(snapshot, { kind: 'screen', displayId: 'A' }, rules, 960, 540)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_IN_FRONT', params: { window: '1Password' } } })
  })

  it('an excluded window behind others pauses only when it is inside what is shared', () => {
    const snapshot = desktop()
    snapshot.windows.push({ id: '3', appName: 'Bitwarden', title: 'Vault', bounds: { x: -1500, y: 0, width: 400, height: 400 } })
    expect(decidePrivacy(snapshot, { kind: 'screen', displayId: 'A' }, rules, 960, 540).kind).toBe('send')
    expect(decidePrivacy(snapshot, { kind: 'screen', displayId: 'B' }, rules, 960, 540)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_ON_SCREEN', params: { window: 'Bitwarden' } } })
  })

  it('a shared window that is gone, or a display that is gone, pauses', () => {
    expect(decidePrivacy(desktop(), { kind: 'window', windowId: '99' }, rules, 800, 600)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_WINDOW_MISSING' } })
    expect(decidePrivacy(desktop(), { kind: 'screen', displayId: 'Z' }, rules, 800, 600)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_SCREEN_MISSING' } })
  })

  it('a shared window maps own windows relative to it; the shared window itself is not blurred', () => {
    const verdict = decidePrivacy(desktop({ ownWindows: [{ x: 1400, y: 300, width: 400, height: 400 }] }), { kind: 'window', windowId: '2' }, rules, 960, 540)
    expect(verdict).toEqual({ kind: 'send', fills: [{ x: 440, y: 300, width: 400, height: 240 }], blurs: [] })
  })

  it('unknown target: one display of the frame\'s shape is that display; otherwise any visible excluded window pauses', () => {
    const one = desktop({ displays: [{ id: 'A', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }] })
    expect(decidePrivacy(one, { kind: 'unknown' }, rules, 1920, 1080)).toMatchObject({ kind: 'send', fills: [{ x: 1400, y: 600, width: 400, height: 400 }] })
    const noBlur = { ...rules, blurred: new WindowMatcher({ apps: [], titlePatterns: [] }, 'BLURRED_WINDOW') }
    const snapshot = desktop()
    snapshot.windows.push({ id: '3', appName: 'KeePassXC', title: 'db', bounds: { x: -1500, y: 0, width: 400, height: 400 } })
    expect(decidePrivacy(snapshot, { kind: 'unknown' }, noBlur, 1280, 720)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_ON_SCREEN', params: { window: 'KeePassXC' } } })
    expect(decidePrivacy(desktop(), { kind: 'unknown' }, rules, 1280, 720)).toEqual({ kind: 'pause', pause: { code: 'SHARE_PAUSED_BLUR_UNPLACED', params: { window: 'Slack' } } })
  })
})
