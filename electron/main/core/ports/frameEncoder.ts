import type { Point, Rect } from './windowSource'

/** A screen frame as the renderer sends it: RGBA, 4 bytes a pixel, rows top to bottom. */
export interface RgbaFrame {
  width: number
  height: number
  data: Uint8Array
}

declare const validated: unique symbol

/**
 * A frame `validateRgbaFrame` checked (whole positive dimensions, at most 4K, exactly
 * width × height × 4 bytes). Only that function makes one, so code past the check (the pipeline's
 * inside, the encoder) trusts the shape instead of checking it again.
 */
export type ValidRgbaFrame = Readonly<RgbaFrame> & { readonly [validated]: true }

export interface EncodedFrame {
  jpeg: Uint8Array
  width: number
  height: number
}

/**
 * How to encode one frame. `crop` (frame pixels, inside the frame) is cut out before the resize,
 * so a region keeps its own resolution; `ring` (frame pixels of the uncropped frame) is where the
 * pointer ring is drawn after the resize, so it has the same size in every frame sent.
 */
export interface EncodeOptions {
  longSide: number
  quality: number
  crop?: Rect
  ring?: Point
}

/** Resizes and encodes screen frames off the event loop (sharp in production). */
export interface FrameEncoder {
  /** Crops to `crop`, fits into `longSide` (never upscaling), draws the pointer ring at `ring` and encodes JPEG at `quality`. */
  encode(frame: ValidRgbaFrame, options: EncodeOptions): Promise<EncodedFrame>
  /** A small grayscale thumbnail (`size`×`size`, one byte a pixel) of the whole frame, for change detection (a region's part of it is picked there). */
  thumbnail(frame: ValidRgbaFrame, size: number): Promise<Uint8Array>
  /**
   * The frame with each region (frame pixels, inside the frame) blurred beyond reading; same size,
   * so still valid. Optional: without it the privacy gate fills those regions instead, so nothing
   * goes out unblurred.
   */
  blurRegions?(frame: ValidRgbaFrame, regions: readonly Rect[]): Promise<ValidRgbaFrame>
}
