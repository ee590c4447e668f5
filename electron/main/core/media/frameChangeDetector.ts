/**
 * Decides whether a screen frame differs enough from the last frame the model saw.
 *
 * Design (why these numbers):
 * - Input is a small grayscale thumbnail, {@link FrameChangeDetector.THUMBNAIL_SIZE} square,
 *   made by *area averaging* (the FrameEncoder's `thumbnail`). At 1920×1080 one thumbnail pixel
 *   averages a 30×17 block (510 source pixels), so per-pixel noise (colour conversion, dithering,
 *   JPEG-like artefacts of ±8 levels) shrinks about 20-fold before we compare anything.
 * - A thumbnail pixel counts as changed when it moved by more than `pixelDelta` (default 12 of
 *   255, ~5 %): far above averaged noise (well under 1 level), low enough that a block whose
 *   text or colour actually changed crosses it.
 * - The frame counts as changed when the *share* of changed thumbnail pixels reaches the
 *   `capture.changeThreshold` setting (default 0.01 = 41 of 4,096 pixels ≈ 1 % of the screen).
 *   A blinking caret, a moving mouse pointer or a ticking clock touch 1–4 thumbnail pixels
 *   (≤ 0.1 %), so they never trigger a send; scrolling, a window switch, a dialog or a page of
 *   new output touch far more than 1 %.
 * - Comparison is against the last *sent* thumbnail, not the previous frame, so slow changes
 *   (typing a line at a time) accumulate until they cross the threshold instead of slipping
 *   under it one frame at a time, while a caret that blinks back and forth never accumulates.
 * - A shared region is judged on the same whole-source thumbnail, counting only the pixels inside
 *   the region ({@link ThumbnailWindow}) against the same share of the *whole* thumbnail. So a
 *   change costs a region exactly what it costs the whole screen: typing in a small region no
 *   longer crosses a threshold that the same typing on the whole screen stays under (issue 15:
 *   a 900×600 region sent 10 frames where the whole screen sent 7).
 * Changes smaller than the threshold still reach the model through the fresh frame sent
 * whenever the user asks, so the model never answers from a stale screen.
 */
export class FrameChangeDetector {
  /** Side of the square thumbnail the detector expects (64 × 64 = 4,096 pixels). */
  static readonly THUMBNAIL_SIZE = 64
  /** Default per-pixel change, in gray levels, for a thumbnail pixel to count as changed. */
  static readonly DEFAULT_PIXEL_DELTA = 12

  private reference: Uint8Array | null = null
  private readonly pixelDelta: number

  constructor(options: { pixelDelta?: number } = {}) {
    this.pixelDelta = options.pixelDelta ?? FrameChangeDetector.DEFAULT_PIXEL_DELTA
  }

  /** True once a frame has been accepted as sent. */
  get hasReference(): boolean {
    return this.reference !== null
  }

  /**
   * Share (0–1) of the whole thumbnail's pixels that changed against the last sent one, counting
   * only those inside `within` when given (a shared region); 1 when there is none to compare.
   * `within` must come from {@link thumbnailWindow} for a square thumbnail of this length.
   */
  changedShare(thumbnail: Uint8Array, within?: ThumbnailWindow): number {
    const reference = this.reference
    if (reference === null || reference.length !== thumbnail.length || thumbnail.length === 0) return 1
    const side = Math.round(Math.sqrt(thumbnail.length))
    const w = within ?? { x0: 0, y0: 0, x1: side, y1: thumbnail.length / side }
    let changed = 0
    for (let y = w.y0; y < w.y1; y++) {
      for (let i = y * side + w.x0, end = y * side + w.x1; i < end; i++) {
        const diff = thumbnail[i]! - reference[i]!
        if (diff > this.pixelDelta || diff < -this.pixelDelta) changed++
      }
    }
    return changed / thumbnail.length
  }

  /** Whether the thumbnail (inside `within`, when given) is worth sending at `threshold` (a share of the whole thumbnail; 0 sends every frame). */
  isChanged(thumbnail: Uint8Array, threshold: number, within?: ThumbnailWindow): boolean {
    return this.changedShare(thumbnail, within) >= threshold
  }

  /** Records the thumbnail of a frame that was sent: later frames are compared with it. */
  accept(thumbnail: Uint8Array): void {
    this.reference = Uint8Array.from(thumbnail)
  }

  /** Forgets the last sent frame (a new share starts). */
  reset(): void {
    this.reference = null
  }
}

/** Thumbnail pixels `x0 ≤ x < x1`, `y0 ≤ y < y1`: the part of a whole-source thumbnail a region covers. */
export interface ThumbnailWindow {
  x0: number
  y0: number
  x1: number
  y1: number
}

/**
 * The thumbnail pixels (of a `size`-square thumbnail of a `frameWidth`×`frameHeight` frame) whose
 * centres lie inside `crop` (frame pixels). A region narrower than one thumbnail pixel covers none,
 * so, like the same change on the whole screen, it never counts as a change on its own.
 */
export function thumbnailWindow(crop: { x: number; y: number; width: number; height: number }, frameWidth: number, frameHeight: number, size: number): ThumbnailWindow {
  const first = (start: number, frameSide: number) => clamp(Math.ceil((start * size) / frameSide - 0.5), size)
  return {
    x0: first(crop.x, frameWidth),
    y0: first(crop.y, frameHeight),
    x1: first(crop.x + crop.width, frameWidth),
    y1: first(crop.y + crop.height, frameHeight),
  }
}

function clamp(n: number, size: number): number {
  return Math.min(size, Math.max(0, n))
}
