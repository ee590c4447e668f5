import { BrowserWindow, screen } from 'electron'
import type { Rect } from '../core/ports'
import { isOverlayWindow } from '../windows/pointOverlayWindows'
import { XWinWindowSource, type XWinApi } from './xWinWindowSource'

/**
 * x-win, loaded on the first look rather than at startup: a platform without its binary (or one
 * that fails to load) must not stop Sightline from starting; every look then rejects, and the
 * privacy gate pauses sharing and says so.
 */
function lazyXWin(): XWinApi {
  let loaded: Promise<XWinApi> | null = null
  const load = () => (loaded ??= import('@miniben90/x-win'))
  return {
    openWindowsAsync: async () => (await load()).openWindowsAsync(),
    activeWindowAsync: async () => (await load()).activeWindowAsync(),
  }
}

/**
 * The app's window source: x-win for other apps' windows, Electron for the displays and for
 * Sightline's own visible windows. Coordinates become Electron's DIP: Windows reports physical
 * pixels, X11 reports pixels at the display's scale, macOS already reports points.
 */
export function createElectronWindowSource(platform: NodeJS.Platform = process.platform): XWinWindowSource {
  return new XWinWindowSource({
    xwin: lazyXWin(),
    displays: () => screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor })),
    ownWindows: () =>
      BrowserWindow.getAllWindows()
        .filter((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized() && !isOverlayWindow(w))
        .map((w) => w.getBounds()),
    toDip: (rect: Rect) => {
      if (platform === 'win32') return screen.screenToDipRect(null, rect)
      if (platform === 'linux') {
        const scale = screen.getPrimaryDisplay().scaleFactor
        return { x: rect.x / scale, y: rect.y / scale, width: rect.width / scale, height: rect.height / scale }
      }
      return rect
    },
  })
}
