import type { FrameArea } from '../media/privacyGeometry'
import type { Point, PointerSource, Rect } from '../ports'
import { desktopPointToFrame } from './frameTransform'

/** A pointer move larger than this (desktop DIP) while the user speaks counts as a change on screen. */
export const POINTER_MOVE_THRESHOLD = 6

/** The pointer for one frame: where to draw the ring (frame pixels, null when not drawn) and whether it moved enough to send the frame. */
export interface PointerFix {
  ring: Point | null
  /** The pointer on the desktop (DIP), null when it could not be read. */
  desktop: Point | null
  moved: boolean
  /** The ring shows in what is sent: in the frame, and inside the region's crop when one is shared. */
  isInView: boolean
}

export interface PointerRingOptions {
  pointer: PointerSource
  /** What the frame shows on the desktop, from the privacy gate's newest look; null when unknown. */
  area: () => FrameArea | null
  /** The `capture.pointerRing` setting, read per frame. */
  enabled: () => boolean
  moveThreshold?: number
}

/**
 * The pointer in the picture (issue 15, item 1): reads the cursor for each frame, maps it into
 * frame pixels through the shared source's area, and says whether it moved more than a few
 * pixels since the last frame sent while the user speaks. Only the position is read; nothing is
 * drawn here (the encoder draws the ring).
 */
export class PointerRing {
  private lastSent: Point | null = null
  private lastSentInView = false
  private isSpeaking = false

  constructor(private readonly options: PointerRingOptions) {}

  /** The user started (true) or stopped (false) speaking; only then do pointer moves send frames. */
  setSpeaking(isSpeaking: boolean): void {
    this.isSpeaking = isSpeaking
  }

  /** A new share: the next frame's pointer is not compared with the old one. */
  restart(): void {
    this.lastSent = null
    this.lastSentInView = false
  }

  /**
   * The pointer for a `frameWidth`×`frameHeight` frame about to be encoded, of which only `crop`
   * (frame pixels) is sent when a region is shared. Never throws: a pointer that cannot be read is no ring.
   */
  locate(frameWidth: number, frameHeight: number, crop?: Rect): PointerFix {
    if (!this.options.enabled()) return { ring: null, desktop: null, moved: false, isInView: false }
    let desktop: Point
    try {
      desktop = this.options.pointer.cursorScreenPoint()
    } catch {
      return { ring: null, desktop: null, moved: false, isInView: false }
    }
    const area = this.options.area()
    const ring = area ? desktopPointToFrame(desktop, area, frameWidth, frameHeight) : null
    const isInView = ring !== null && (crop === undefined || (ring.x >= crop.x && ring.x < crop.x + crop.width && ring.y >= crop.y && ring.y < crop.y + crop.height))
    const threshold = this.options.moveThreshold ?? POINTER_MOVE_THRESHOLD
    // A move elsewhere on the desktop (or outside the region) changes nothing the model sees: it counts when the ring is, or was, in view.
    const moved =
      this.isSpeaking &&
      this.lastSent !== null &&
      (isInView || this.lastSentInView) &&
      Math.hypot(desktop.x - this.lastSent.x, desktop.y - this.lastSent.y) > threshold
    return { ring, desktop, moved, isInView }
  }

  /** The frame carrying `fix` went to the model: later moves are measured from here. */
  accept(fix: PointerFix): void {
    this.lastSent = fix.desktop
    this.lastSentInView = fix.isInView
  }
}
