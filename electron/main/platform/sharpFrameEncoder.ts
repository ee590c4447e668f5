import sharp, { type Sharp } from 'sharp'
import type { EncodedFrame, FrameEncoder, ValidRgbaFrame } from '../core/ports'
import { FrameRejectedError } from '../core/media/validateRgbaFrame'

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

  async encode(frame: ValidRgbaFrame, options: { longSide: number; quality: number }): Promise<EncodedFrame> {
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

  async thumbnail(frame: ValidRgbaFrame, size: number): Promise<Uint8Array> {
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

function rawInput(frame: ValidRgbaFrame): Sharp {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
}
