import { describe, expect, it, vi } from 'vitest'
import type { DesktopCapturerSource } from 'electron'
import { XWinWindowSource, type XWinWindow } from '../../../electron/main/platform/xWinWindowSource'
import { ElectronScreenSources } from '../../../electron/main/platform/electronScreenSources'

vi.mock('electron', () => ({ desktopCapturer: {}, shell: {}, systemPreferences: {} }))

function xwinWindow(id: number, name: string, title: string, position = { x: 0, y: 0, width: 800, height: 600 }): XWinWindow {
  return { id, title, position, info: { name, execName: name.toLowerCase(), path: `/apps/${name}` } }
}

function source(): XWinWindowSource & { fail(error: Error): void } {
  let failure: Error | null = null
  const open = [xwinWindow(1, 'Terminal', 'bash'), xwinWindow(2, '', 'vault', { x: -3000, y: 200, width: 600, height: 400 }), xwinWindow(3, 'Ghost', '', { x: 0, y: 0, width: 0, height: 0 })]
  const adapter = new XWinWindowSource({
    xwin: {
      openWindowsAsync: async () => {
        if (failure) throw failure
        return open
      },
      activeWindowAsync: async () => xwinWindow(9, '1Password', 'Unlock', { x: 100, y: 100, width: 400, height: 300 }),
    },
    displays: () => [{ id: '1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }],
    ownWindows: () => [{ x: 10, y: 10, width: 300, height: 500 }],
    // Windows-style physical pixels at 200 %.
    toDip: (r) => ({ x: r.x / 2, y: r.y / 2, width: r.width / 2, height: r.height / 2 }),
  })
  return Object.assign(adapter, { fail: (error: Error) => void (failure = error) })
}

describe('XWinWindowSource', () => {
  it('reports windows in DIP with app names, the active window in front (added when the list lacks it), and skips empty windows', async () => {
    expect(await source().snapshot()).toEqual({
      windows: [
        { id: '1', appName: 'Terminal', title: 'bash', bounds: { x: 0, y: 0, width: 400, height: 300 } },
        { id: '2', appName: '', title: 'vault', bounds: { x: -1500, y: 100, width: 300, height: 200 } },
        { id: '9', appName: '1Password', title: 'Unlock', bounds: { x: 50, y: 50, width: 200, height: 150 } },
      ],
      frontmostId: '9',
      displays: [{ id: '1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }],
      ownWindows: [{ x: 10, y: 10, width: 300, height: 500 }],
    })
  })

  it('a failing window list rejects (the gate then pauses)', async () => {
    const adapter = source()
    adapter.fail(new Error('Something got wrong, not possible to get active window calling _NET_CLIENT_LIST_STACKING'))
    await expect(adapter.snapshot()).rejects.toThrow(/_NET_CLIENT_LIST_STACKING/)
  })
})

describe('ElectronScreenSources.shareTarget', () => {
  function capturerSource(id: string, name: string, displayId = ''): DesktopCapturerSource {
    return { id, name, display_id: displayId, appIcon: null as never, thumbnail: { isEmpty: () => true, toDataURL: () => '' } as never }
  }

  it('screens by display_id, windows by their native id, anything not listed unknown', async () => {
    const screens = new ElectronScreenSources({
      session: { setDisplayMediaRequestHandler: () => undefined } as never,
      capturer: { getSources: async () => [capturerSource('screen:0:0', 'Screen 2', '2779098405'), capturerSource('window:4194311:0', 'Terminal')] } as never,
      trustedOrigins: ['app://sightline'],
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'x11' },
    })
    await screens.list()
    expect(screens.shareTarget('screen:0:0')).toEqual({ kind: 'screen', displayId: '2779098405' })
    expect(screens.shareTarget('window:4194311:0')).toEqual({ kind: 'window', windowId: '4194311' })
    expect(screens.shareTarget('window:5:0')).toEqual({ kind: 'unknown' })
  })
})
