import sharp, { type Sharp } from 'sharp'
import type { EncodedFrame, FrameEncoder, Rect, RgbaFrame } from '../core/ports'
import { FrameRejectedError, validateRgbaFrame } from '../core/media/validateRgbaFrame'

export interface SharpFrameEncoderOptions {
  /**
   * libvips worker threads per operation (process-wide in sharp). One keeps a 1 FPS encode to a
   * single core on small machines, leaving the others to audio and the UI; the 30 ms budget at
   * 1080p is met on one core. It is also sharp's own default on glibc Linux.
   */
  threads?: number
}

/**
 * The FrameEncoder on sharp (libvips + mozjpeg's libjpeg). All pixel work runs on the libuv
 * thread pool, never on the event loop.
 *
 * Choices: lanczos2 for the downscale (keeps small UI text crisp where linear and cubic blur it,
 * as sharp's default lanczos3 does, with the same SSIM on the text test, ~3 ms cheaper per 1080p
 * frame, which keeps the encode inside its 30 ms budget); baseline JPEG with optimised Huffman tables at the configured quality, but
 * *not* sharp's `mozjpeg: true` preset, whose trellis quantisation and progressive scans cost
 * ~4× the time (≈95 ms instead of ≈25 ms at 1080p here) for ~20 % fewer bytes, and bytes are not
 * what Gemini bills (a frame costs a fixed number of tokens).
 */
export class SharpFrameEncoder implements FrameEncoder {
  constructor(options: SharpFrameEncoderOptions = {}) {
    sharp.concurrency(options.threads ?? 1)
    // The operation cache only helps repeated work on the same file; every frame is new pixels.
    sharp.cache(false)
  }

  async encode(frame: RgbaFrame, options: { longSide: number; quality: number }): Promise<EncodedFrame> {
    validateRgbaFrame(frame)
    if (!Number.isInteger(options.longSide) || options.longSide < 1) {
      throw new FrameRejectedError('FRAME_INVALID', `longSide must be a positive integer, got ${options.longSide}`)
    }
    const quality = Math.min(100, Math.max(1, Math.round(options.quality)))
    try {
      const { data, info } = await rawInput(frame)
        // The alpha of a screen capture is always opaque; dropping it first saves premultiplying.
        .removeAlpha()
        .resize({ width: options.longSide, height: options.longSide, fit: 'inside', withoutEnlargement: true, kernel: 'lanczos2' })
        .jpeg({ quality, mozjpeg: false, optimiseCoding: true, chromaSubsampling: '4:2:0' })
        .toBuffer({ resolveWithObject: true })
      return { jpeg: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height }
    } catch (error) {
      throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'sharp could not encode the frame', { cause: error })
    }
  }

  /** Blurs the privacy gate's chosen windows (see {@link blurFrameRegions}). */
  blurRegions(frame: RgbaFrame, regions: readonly Rect[]): Promise<RgbaFrame> {
    return blurFrameRegions(frame, regions)
  }

  async thumbnail(frame: RgbaFrame, size: number): Promise<Uint8Array> {
    validateRgbaFrame(frame)
    if (!Number.isInteger(size) || size < 1 || size > 512) {
      throw new FrameRejectedError('FRAME_INVALID', `thumbnail size must be an integer 1–512, got ${size}`)
    }
    let rgb: Buffer
    try {
      // Area-averaging shrink to size×size RGB; gray conversion happens on the tiny result because
      // libvips' colourspace conversion at full resolution costs more than the shrink itself.
      rgb = await rawInput(frame).removeAlpha().resize(size, size, { fit: 'fill', kernel: 'linear' }).raw().toBuffer()
    } catch (error) {
      throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'sharp could not make a thumbnail', { cause: error })
    }
    const gray = new Uint8Array(size * size)
    for (let i = 0, j = 0; i < gray.length; i++, j += 3) {
      // Rec. 601 luma in integer arithmetic.
      gray[i] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8
    }
    return gray
  }
}

/**
 * Gaussian sigma for blurring a chosen window, in frame pixels: at 24 (a ~150 px kernel) body text
 * and faces in a 1024-wide frame are a smear, and the window's layout still shows.
 */
export const BLUR_SIGMA = 24

/**
 * Blurs each region of `frame` in place with sharp (libvips), one extract-blur per region, and
 * returns the frame. Regions are frame pixels inside the frame (the privacy gate clips them);
 * throws a FrameRejectedError when one is not, or when sharp fails, so the gate pauses instead
 * of sending the window sharp.
 */
export async function blurFrameRegions(frame: RgbaFrame, regions: readonly Rect[], sigma = BLUR_SIGMA): Promise<RgbaFrame> {
  validateRgbaFrame(frame)
  for (const r of regions) {
    if (!(r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= frame.width && r.y + r.height <= frame.height)) {
      throw new FrameRejectedError('FRAME_INVALID', `blur region ${JSON.stringify(r)} is outside the ${frame.width}×${frame.height} frame`)
    }
  }
  const blurred = await Promise.all(
    regions.map((r) =>
      rawInput(frame)
        .extract({ left: r.x, top: r.y, width: r.width, height: r.height })
        .blur(sigma)
        .raw()
        .toBuffer()
        .catch((error: unknown) => {
          throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'sharp could not blur a window', { cause: error })
        }),
    ),
  )
  regions.forEach((r, index) => {
    const pixels = blurred[index]!
    const rowBytes = r.width * 4
    for (let row = 0; row < r.height; row++) {
      frame.data.set(pixels.subarray(row * rowBytes, (row + 1) * rowBytes), ((r.y + row) * frame.width + r.x) * 4)
    }
  })
  return frame
}

function rawInput(frame: RgbaFrame): Sharp {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
}
