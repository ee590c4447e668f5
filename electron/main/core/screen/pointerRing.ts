import type { FrameArea } from '../media/privacyGeometry'
import type { Point, PointerSource } from '../ports'
import { desktopPointToFrame } from './frameTransform'

/** A pointer move larger than this (desktop DIP) while the user speaks counts as a change on screen. */
export const POINTER_MOVE_THRESHOLD = 6

/** The pointer for one frame: where to draw the ring (frame pixels, null when not drawn) and whether it moved enough to send the frame. */
export interface PointerFix {
  ring: Point | null
  /** The pointer on the desktop (DIP), null when it could not be read. */
  desktop: Point | null
  moved: boolean
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
  private lastSentInFrame = false
  private isSpeaking = false

  constructor(private readonly options: PointerRingOptions) {}

  /** The user started (true) or stopped (false) speaking; only then do pointer moves send frames. */
  setSpeaking(isSpeaking: boolean): void {
    this.isSpeaking = isSpeaking
  }

  /** A new share: the next frame's pointer is not compared with the old one. */
  restart(): void {
    this.lastSent = null
    this.lastSentInFrame = false
  }

  /** The pointer for a `frameWidth`×`frameHeight` frame about to be encoded. Never throws: a pointer that cannot be read is no ring. */
  locate(frameWidth: number, frameHeight: number): PointerFix {
    if (!this.options.enabled()) return { ring: null, desktop: null, moved: false }
    let desktop: Point
    try {
      desktop = this.options.pointer.cursorScreenPoint()
    } catch {
      return { ring: null, desktop: null, moved: false }
    }
    const area = this.options.area()
    const ring = area ? desktopPointToFrame(desktop, area, frameWidth, frameHeight) : null
    const threshold = this.options.moveThreshold ?? POINTER_MOVE_THRESHOLD
    // A move elsewhere on the desktop changes nothing the model sees: it counts when the ring is, or was, in the frame.
    const moved =
      this.isSpeaking &&
      this.lastSent !== null &&
      (ring !== null || this.lastSentInFrame) &&
      Math.hypot(desktop.x - this.lastSent.x, desktop.y - this.lastSent.y) > threshold
    return { ring, desktop, moved }
  }

  /** The frame carrying `fix` went to the model: later moves are measured from here. */
  accept(fix: PointerFix): void {
    this.lastSent = fix.desktop
    this.lastSentInFrame = fix.ring !== null
  }
}
