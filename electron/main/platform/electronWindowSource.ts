import { BrowserWindow, screen } from 'electron'
import * as xwin from '@miniben90/x-win'
import type { Rect } from '../core/ports'
import { XWinWindowSource } from './xWinWindowSource'

/**
 * The app's window source: x-win for other apps' windows, Electron for the displays and for
 * Sightline's own visible windows. Coordinates become Electron's DIP: Windows reports physical
 * pixels, X11 reports pixels at the display's scale, macOS already reports points.
 */
export function createElectronWindowSource(platform: NodeJS.Platform = process.platform): XWinWindowSource {
  return new XWinWindowSource({
    xwin,
    displays: () => screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor })),
    ownWindows: () =>
      BrowserWindow.getAllWindows()
        .filter((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized())
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
