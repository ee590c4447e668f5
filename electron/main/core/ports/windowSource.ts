/** A rectangle: desktop coordinates in device-independent pixels (negative left of or above the primary display), or frame pixels where said. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** A point: desktop coordinates in device-independent pixels, or frame pixels where said. */
export interface Point {
  x: number
  y: number
}

/** One window on the desktop, as the window list reports it (bounds in device-independent pixels). */
export interface DesktopWindow {
  /** The native id desktopCapturer uses in `window:<id>:0` (HWND, CGWindowID, X11 window). */
  id: string
  appName: string
  title: string
  bounds: Rect
}

/** One display (Electron's `screen`): `id` is desktopCapturer's `display_id`. */
export interface DesktopDisplay {
  id: string
  bounds: Rect
  scaleFactor: number
}

/** What is on the desktop now, read in one go. */
export interface DesktopSnapshot {
  /** Every visible window, in any order (our own may be among them). */
  windows: DesktopWindow[]
  /** The window in front (keyboard focus), null when none is (the desktop itself). */
  frontmostId: string | null
  displays: DesktopDisplay[]
  /** Sightline's own visible windows (main, mini, overlays). */
  ownWindows: Rect[]
}

/**
 * The desktop's windows, for the privacy gate. Rejects when the list cannot be read (no
 * permission, no window manager, Wayland without the extension): the gate then pauses sharing.
 */
export interface WindowSource {
  snapshot(): Promise<DesktopSnapshot>
}
