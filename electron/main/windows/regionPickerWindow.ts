import type { BrowserWindow } from 'electron'
import type { DesktopDisplay, Rect, RegionPicker } from '../core/ports'
import { parseOverlayRect } from '../../../shared/overlayMarker'
import { REGION_DONE_CHANNEL } from '../../../shared/regionPickerChannel'
import { regionFragment } from '../../../shared/regionMove'
import { APP_ORIGIN } from './securityPolicy'
import { createSecureWindow } from './secureWindow'
import { overlayWindowOptions } from './overlayWindowOptions'

/**
 * "Share a region": a transparent, frameless window over the whole display where the user drags
 * a rectangle, or moves the region already shared (handed to the page in the URL fragment, so the
 * page needs no bridge method to read it); Esc (or closing it) cancels. Its page answers once through its own narrow preload,
 * heard on this window's own `webContents.ipc`, so no other page can answer for it. The answer is
 * the rectangle in desktop DIP (page CSS pixels are the display's DIP).
 */
export class RegionPickerWindow implements RegionPicker {
  private open: BrowserWindow | null = null

  constructor(
    private readonly preloadPath: string,
    private readonly pageUrl: string = `${APP_ORIGIN}/overlay/region.html`,
  ) {}

  pick(display: DesktopDisplay, current?: Rect): Promise<Rect | null> {
    if (this.open && !this.open.isDestroyed()) this.open.destroy()
    const window = createSecureWindow(
      overlayWindowOptions(display.bounds, 'Sightline: drag a region to share'),
      this.preloadPath,
    )
    this.open = window
    window.setAlwaysOnTop(true, 'screen-saver')
    return new Promise((resolve) => {
      let settled = false
      const finish = (rect: Rect | null) => {
        if (settled) return
        settled = true
        if (!window.isDestroyed()) window.destroy()
        if (this.open === window) this.open = null
        resolve(rect)
      }
      window.webContents.ipc.once(REGION_DONE_CHANNEL, (_event, payload: unknown) => {
        const rect = parseOverlayRect(payload)
        finish(rect && { x: rect.x + display.bounds.x, y: rect.y + display.bounds.y, width: rect.width, height: rect.height })
      })
      window.on('closed', () => finish(null))
      // Losing focus (the user clicked another screen, Alt+Tab) is a cancel, not a hidden picker left open.
      window.on('blur', () => finish(null))
      window.once('ready-to-show', () => {
        window.show()
        window.focus()
      })
      // The region already shared, in the page's CSS pixels, so the user can move it.
      const fragment = current ? regionFragment({ x: current.x - display.bounds.x, y: current.y - display.bounds.y, width: current.width, height: current.height }) : ''
      void window.loadURL(this.pageUrl + fragment).catch(() => finish(null))
    })
  }
}
