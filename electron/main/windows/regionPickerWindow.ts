import type { BrowserWindow } from 'electron'
import type { DesktopDisplay, Rect, RegionPicker } from '../core/ports'
import { parseOverlayRect } from '../../../shared/overlayMarker'
import { REGION_DONE_CHANNEL } from '../../../shared/regionPickerChannel'
import type { UiLocale } from '../../../shared/i18n/catalogue'
import { translatorFor } from '../../../shared/i18n/translate'
import { overlayFragment } from '../../../shared/overlayFragment'
import { APP_ORIGIN } from './securityPolicy'
import { createSecureWindow } from './secureWindow'
import { overlayWindowOptions } from './overlayWindowOptions'

/**
 * "Share a region": a transparent, frameless window over the whole display where the user drags
 * a rectangle, or moves the region already shared; Esc (or closing it) cancels. The page gets
 * that region and the UI language (its words come from the shared catalogue) in the URL
 * fragment, so it needs no bridge method to read them. Its page answers once through its own narrow preload,
 * heard on this window's own `webContents.ipc`, so no other page can answer for it. The answer is
 * the rectangle in desktop DIP (page CSS pixels are the display's DIP).
 */
export class RegionPickerWindow implements RegionPicker {
  private open: BrowserWindow | null = null

  /** `locale`: the UI language when the picker opens (the `uiLanguage` setting, resolved). */
  constructor(
    private readonly preloadPath: string,
    private readonly pageUrl: string = `${APP_ORIGIN}/overlay/region.html`,
    private readonly locale: () => UiLocale = () => 'en',
  ) {}

  pick(display: DesktopDisplay, current?: Rect): Promise<Rect | null> {
    if (this.open && !this.open.isDestroyed()) this.open.destroy()
    const locale = this.locale()
    const window = createSecureWindow(overlayWindowOptions(display.bounds, translatorFor(locale)('overlay.regionTitle')), this.preloadPath)
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
      const region = current ? { x: current.x - display.bounds.x, y: current.y - display.bounds.y, width: current.width, height: current.height } : null
      void window.loadURL(this.pageUrl + overlayFragment({ locale, region })).catch(() => finish(null))
    })
  }
}
