import type { DesktopDisplay, Point, Rect } from './windowSource'

/** Where the mouse pointer is (Electron's `screen.getCursorScreenPoint()`: desktop DIP, negative left of or above the primary display). */
export interface PointerSource {
  cursorScreenPoint(): Point
}

/**
 * Shows where the assistant points (issue 15 `point_at`): a marker and a short label over `point`
 * (desktop DIP) on `display`, for `durationMs`, in a click-through, content-protected,
 * always-on-top overlay. Never clicks, never takes focus.
 */
export interface PointMarkerOverlay {
  showMarker(marker: { display: DesktopDisplay; point: Point; label: string; durationMs: number }): void
}

/**
 * "Share a region": a transparent overlay on `display` where the user drags a rectangle, or moves
 * `current` (the region already shared there, desktop DIP) by dragging it or with the arrow keys.
 * Resolves the rectangle (desktop DIP, global coordinates), or null when the user pressed Esc.
 */
export interface RegionPicker {
  pick(display: DesktopDisplay, current?: Rect): Promise<Rect | null>
}

/** The click-through outline around the shared region (desktop DIP) while sharing; `hide` when it ends. */
export interface RegionOutline {
  show(display: DesktopDisplay, region: Rect): void
  hide(): void
}

/** Tells when displays are added, removed or change size or scale, with the displays as they are now. */
export interface DisplayWatch {
  onChange(listener: (displays: DesktopDisplay[]) => void): () => void
}
