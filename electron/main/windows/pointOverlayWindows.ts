import type { BrowserWindow } from 'electron'
import type { DesktopDisplay, Point, PointMarkerOverlay, Rect, RegionOutline } from '../core/ports'
import type { UiLocale } from '../../../shared/i18n/catalogue'
import { translatorFor } from '../../../shared/i18n/translate'
import { overlayFragment } from '../../../shared/overlayFragment'
import { OVERLAY_MARKER_CHANNEL, OVERLAY_OUTLINE_CHANNEL, type OverlayMarker } from '../../../shared/overlayMarker'
import { APP_ORIGIN } from './securityPolicy'
import { createSecureWindow } from './secureWindow'
import { overlayWindowOptions } from './overlayWindowOptions'

const overlayWindows = new WeakSet<BrowserWindow>()

/**
 * True for a click-through overlay window. The privacy gate does not mask these: they are
 * transparent over the whole display and show only the marker (masking them would grey the frame).
 */
export function isOverlayWindow(window: BrowserWindow): boolean {
  return overlayWindows.has(window)
}

interface OverlayEntry {
  window: BrowserWindow
  ready: Promise<void>
  hideTimer: NodeJS.Timeout | null
  isMarkerShown: boolean
  hasOutline: boolean
  /** The UI language the page was opened in (its title). */
  locale: UiLocale
}

/**
 * The overlays: one transparent window per display, covering it, that shows the `point_at`
 * marker and label, and the outline of a shared region. Click-through twice over: the window ignores mouse events (the OS passes clicks to
 * what is under it) and the page sets `pointer-events: none`. Never focusable, always on top,
 * content-protected (createSecureWindow), so the marker is not in the frames the model sees; the
 * privacy gate masks it where content protection is not honoured. Hidden again after each marker.
 */
export class PointOverlayWindows implements PointMarkerOverlay, RegionOutline {
  private readonly windows = new Map<string, OverlayEntry>()

  /** `locale`: the UI language (the `uiLanguage` setting, resolved), handed to the page in its URL fragment. */
  constructor(
    private readonly preloadPath: string,
    private readonly pageUrl: string = `${APP_ORIGIN}/overlay/index.html`,
    private readonly locale: () => UiLocale = () => 'en',
  ) {}

  showMarker(marker: { display: DesktopDisplay; point: Point; label: string; durationMs: number }): void {
    const entry = this.windowFor(marker.display)
    const message: OverlayMarker = {
      x: marker.point.x - marker.display.bounds.x,
      y: marker.point.y - marker.display.bounds.y,
      label: marker.label,
      durationMs: marker.durationMs,
    }
    void entry.ready.then(() => {
      if (entry.window.isDestroyed()) return
      entry.window.setBounds(marker.display.bounds)
      entry.window.webContents.send(OVERLAY_MARKER_CHANNEL, message)
      entry.window.showInactive()
      entry.isMarkerShown = true
      if (entry.hideTimer) clearTimeout(entry.hideTimer)
      entry.hideTimer = setTimeout(() => {
        entry.isMarkerShown = false
        this.hideIfIdle(entry)
      }, marker.durationMs + 100)
    })
  }

  /** Outlines `region` (desktop DIP) on `display`'s overlay; one region at a time. */
  show(display: DesktopDisplay, region: Rect): void {
    this.hide()
    const entry = this.windowFor(display)
    entry.hasOutline = true
    const rect = { x: region.x - display.bounds.x, y: region.y - display.bounds.y, width: region.width, height: region.height }
    void entry.ready.then(() => {
      if (entry.window.isDestroyed() || !entry.hasOutline) return
      entry.window.setBounds(display.bounds)
      entry.window.webContents.send(OVERLAY_OUTLINE_CHANNEL, rect)
      entry.window.showInactive()
    })
  }

  /** Removes the outline wherever it is. */
  hide(): void {
    for (const entry of this.windows.values()) {
      if (!entry.hasOutline) continue
      entry.hasOutline = false
      if (!entry.window.isDestroyed()) entry.window.webContents.send(OVERLAY_OUTLINE_CHANNEL, null)
      this.hideIfIdle(entry)
    }
  }

  private hideIfIdle(entry: OverlayEntry): void {
    if (!entry.isMarkerShown && !entry.hasOutline && !entry.window.isDestroyed()) entry.window.hide()
  }

  /** Closes every overlay (app quit). */
  closeAll(): void {
    for (const { window, hideTimer } of this.windows.values()) {
      if (hideTimer) clearTimeout(hideTimer)
      if (!window.isDestroyed()) window.destroy()
    }
    this.windows.clear()
  }

  private windowFor(display: DesktopDisplay): OverlayEntry {
    const locale = this.locale()
    const existing = this.windows.get(display.id)
    if (existing && !existing.window.isDestroyed()) {
      // After a language change an idle overlay is opened anew in the new language; a busy one stays until it is idle.
      if (existing.locale === locale || existing.isMarkerShown || existing.hasOutline) return existing
      if (existing.hideTimer) clearTimeout(existing.hideTimer)
      existing.window.destroy()
    }
    const window = createSecureWindow(
      { ...overlayWindowOptions(display.bounds, translatorFor(locale)('overlay.pointerTitle')), focusable: false },
      this.preloadPath,
    )
    overlayWindows.add(window)
    // Above full-screen apps too, and on every virtual desktop.
    window.setAlwaysOnTop(true, 'screen-saver')
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
    // https://www.electronjs.org/docs/latest/api/browser-window#winsetignoremouseeventsignore-options
    window.setIgnoreMouseEvents(true)
    const ready = window.loadURL(this.pageUrl + overlayFragment({ locale })).catch(() => undefined)
    const entry: OverlayEntry = { window, ready, hideTimer: null, isMarkerShown: false, hasOutline: false, locale }
    this.windows.set(display.id, entry)
    // Only this window's own entry: one replaced after a language change closes after its successor is in.
    window.on('closed', () => {
      if (this.windows.get(display.id)?.window === window) this.windows.delete(display.id)
    })
    return entry
  }
}
