import type { Rect } from './windowSource'

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

/** Resizes and encodes screen frames off the event loop (sharp in production). */
export interface FrameEncoder {
  /** Fits the frame into `longSide` (never upscaling) and encodes JPEG at `quality`. */
  encode(frame: ValidRgbaFrame, options: { longSide: number; quality: number }): Promise<EncodedFrame>
  /** A small grayscale thumbnail (`size`×`size`, one byte a pixel) for change detection. */
  thumbnail(frame: ValidRgbaFrame, size: number): Promise<Uint8Array>
  /**
   * The frame with each region (frame pixels, inside the frame) blurred beyond reading; same size,
   * so still valid. Optional: without it the privacy gate fills those regions instead, so nothing
   * goes out unblurred.
   */
  blurRegions?(frame: ValidRgbaFrame, regions: readonly Rect[]): Promise<ValidRgbaFrame>
}
