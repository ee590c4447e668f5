import type { DesktopDisplay, Point, PointMarkerOverlay, Rect } from '../ports'
import { normalizedToDesktop, POINT_AT_SCALE } from './frameTransform'

/** How long the marker stays on screen. */
export const POINT_MARKER_MS = 4_000
/** Longest label shown next to the marker. */
export const POINT_LABEL_MAX = 60

/** Why `point_at` drew nothing, in words the model can act on. */
export class PointAtRefused extends Error {
  readonly code = 'POINT_AT_REFUSED'
}

export interface PointAtOptions {
  overlay: PointMarkerOverlay
  /** The displays as last seen (the privacy gate's newest look at the desktop). */
  displays: () => readonly DesktopDisplay[]
  isSharing: () => boolean
  durationMs?: number
}

/**
 * The assistant points back (issue 15, item 4): `x`/`y` in 0–1000 on the frame the model last saw
 * go back to the desktop through the area that frame showed (the display, the window or the
 * region), and the overlay on the display under that point shows a marker and the label. Refuses
 * (and draws nothing) without a share, without a frame sent, or for coordinates outside 0–1000.
 */
export class PointAt {
  private view: Rect | null = null

  constructor(private readonly options: PointAtOptions) {}

  /** A frame went to the model showing `view` (desktop DIP); null when what it showed is unknown. */
  frameSent(view: Rect | null): void {
    this.view = view
  }

  /** Sharing started anew or stopped: the model's last frame no longer describes the screen. */
  forget(): void {
    this.view = null
  }

  /** Shows the marker; resolves what was pointed at, or throws a {@link PointAtRefused} saying why not. */
  point(args: { x: number; y: number; label: string }): { pointedAt: string; display: string; desktop: Point } {
    if (!this.options.isSharing()) throw new PointAtRefused('Nothing is shared now, so there is nothing to point at. Ask the user to share their screen.')
    if (this.view === null) throw new PointAtRefused('No screen frame has been sent yet, so there is nothing to point at.')
    let desktop: Point
    try {
      desktop = normalizedToDesktop(args, this.view)
    } catch (error) {
      throw new PointAtRefused(`${(error as Error).message}. Use 0–${POINT_AT_SCALE} across the latest frame, (0, 0) at its top-left.`)
    }
    const display = this.options.displays().find((d) => contains(d.bounds, desktop))
    if (!display) throw new PointAtRefused('That point is not on any display.')
    const label = args.label.trim().slice(0, POINT_LABEL_MAX)
    this.options.overlay.showMarker({ display, point: desktop, label, durationMs: this.options.durationMs ?? POINT_MARKER_MS })
    return { pointedAt: label, display: display.id, desktop }
  }
}

function contains(r: Rect, p: Point): boolean {
  // The right and bottom edges of a 0–1000 view land on the last pixel, not the next display.
  return p.x >= r.x && p.y >= r.y && p.x <= r.x + r.width && p.y <= r.y + r.height
}
