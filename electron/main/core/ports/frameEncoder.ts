export interface RgbaFrame {
  width: number
  height: number
  data: Uint8Array
}

export interface EncodedFrame {
  jpeg: Uint8Array
  width: number
  height: number
}

/** Resizes and encodes screen frames off the event loop (sharp in production). */
export interface FrameEncoder {
  /** Fits the frame into `longSide` (never upscaling) and encodes JPEG at `quality`. */
  encode(frame: RgbaFrame, options: { longSide: number; quality: number }): Promise<EncodedFrame>
  /** A small grayscale thumbnail (`size`×`size`, one byte a pixel) for change detection. */
  thumbnail(frame: RgbaFrame, size: number): Promise<Uint8Array>
}
