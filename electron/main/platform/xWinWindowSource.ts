import type { DesktopDisplay, DesktopSnapshot, DesktopWindow, Rect, WindowSource } from '../core/ports'

/** The part of @miniben90/x-win this adapter uses (the real module in the app, a fake in unit tests). */
export interface XWinApi {
  openWindowsAsync(): Promise<XWinWindow[]>
  activeWindowAsync(): Promise<XWinWindow>
}

/** One window as x-win reports it: native id, title, position in the OS's own units, owning process. */
export interface XWinWindow {
  id: number
  title: string
  position: { x: number; y: number; width: number; height: number }
  info: { name: string; execName: string; path: string }
}

export interface XWinWindowSourceDeps {
  xwin: XWinApi
  /** Electron's displays (`screen.getAllDisplays()`), bounds in DIP. */
  displays(): DesktopDisplay[]
  /** Sightline's own visible windows (`BrowserWindow.getBounds()` of each), DIP. */
  ownWindows(): Rect[]
  /** OS window units to DIP: physical pixels on Windows (`screen.screenToDipRect`), identity on macOS. */
  toDip(rect: Rect): Rect
}

/**
 * The WindowSource on @miniben90/x-win (napi-rs; prebuilt binaries come as npm packages):
 * EnumWindows on Windows, CGWindowList on macOS (titles need the Screen Recording permission
 * that sharing already needs), _NET_CLIENT_LIST_STACKING / _NET_ACTIVE_WINDOW on X11. Both calls
 * run off the event loop. Any failure rejects, and the privacy gate pauses.
 */
export class XWinWindowSource implements WindowSource {
  constructor(private readonly deps: XWinWindowSourceDeps) {}

  async snapshot(): Promise<DesktopSnapshot> {
    const [open, active] = await Promise.all([this.deps.xwin.openWindowsAsync(), this.deps.xwin.activeWindowAsync()])
    const windows = open.filter((w) => w.position.width > 0 && w.position.height > 0).map((w) => this.toDesktopWindow(w))
    const front = this.toDesktopWindow(active)
    // The active window may be missing from the list (a panel or a sheet): it is still what is in front.
    if (!windows.some((w) => w.id === front.id)) windows.push(front)
    return { windows, frontmostId: front.id, displays: this.deps.displays(), ownWindows: this.deps.ownWindows() }
  }

  private toDesktopWindow(w: XWinWindow): DesktopWindow {
    const { x, y, width, height } = w.position
    return {
      id: String(w.id),
      // The process name is what users know ("1Password"); the executable name is the fallback.
      appName: w.info.name || w.info.execName,
      title: w.title,
      bounds: this.deps.toDip({ x, y, width, height }),
    }
  }
}
