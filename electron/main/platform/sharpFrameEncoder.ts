import sharp, { type OverlayOptions, type Sharp } from 'sharp'
import type { EncodedFrame, EncodeOptions, FrameEncoder, Point, Rect, RgbaFrame, ValidRgbaFrame } from '../core/ports'
import { FrameRejectedError, validateRgbaFrame } from '../core/media/validateRgbaFrame'
import { fittedSize, ringInOutput } from '../core/screen/frameTransform'
import { pointerRingImage } from './pointerRingImage'

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

  /**
   * Crops (before the resize, so a region keeps its own resolution), fits into `longSide`, draws
   * the pointer ring (after the resize, so it is the same size in every frame) and encodes.
   * Throws a FrameRejectedError for a bad frame, a bad `longSide` or a crop outside the frame.
   */
  async encode(frame: ValidRgbaFrame, options: EncodeOptions): Promise<EncodedFrame> {
    if (!Number.isInteger(options.longSide) || options.longSide < 1) {
      throw new FrameRejectedError('FRAME_INVALID', `longSide must be a positive integer, got ${options.longSide}`)
    }
    const crop = options.crop ?? { x: 0, y: 0, width: frame.width, height: frame.height }
    if (!isInside(crop, frame)) {
      throw new FrameRejectedError('FRAME_INVALID', `crop ${JSON.stringify(crop)} is not whole pixels inside the ${frame.width}×${frame.height} frame`)
    }
    const out = fittedSize(crop.width, crop.height, options.longSide)
    const ring = options.ring ? ringInOutput(options.ring, crop, out.width, out.height) : null
    const quality = Math.min(100, Math.max(1, Math.round(options.quality)))
    try {
      let pipeline = rawInput(frame)
      if (options.crop) pipeline = pipeline.extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
      // The alpha of a screen capture is always opaque; dropping it first saves premultiplying.
      pipeline = pipeline.removeAlpha().resize({ width: out.width, height: out.height, fit: 'fill', kernel: 'lanczos2' })
      const overlay = ring ? ringOverlay(ring, out) : null
      if (overlay) pipeline = pipeline.composite([overlay])
      const { data, info } = await pipeline
        .jpeg({ quality, mozjpeg: false, optimiseCoding: true, chromaSubsampling: '4:2:0' })
        .toBuffer({ resolveWithObject: true })
      return { jpeg: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height }
    } catch (error) {
      throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'sharp could not encode the frame', { cause: error })
    }
  }

  /** Blurs the privacy gate's chosen windows in place (see {@link blurFrameRegions}); the size stays, so the frame stays valid. */
  async blurRegions(frame: ValidRgbaFrame, regions: readonly Rect[]): Promise<ValidRgbaFrame> {
    await blurFrameRegions(frame, regions)
    return frame
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

/**
 * How much a chosen window is shrunk: each 16×16 block becomes the average of its pixels (sharp's
 * area reduce, softened by a small Gaussian on the reduced image so neighbouring blocks bleed into
 * each other), and the block is painted back with that colour. 15 px UI text ends up below one
 * block: nothing can be read back, while the window's layout and colours show. A Gaussian of the
 * same strength at full size cost ~25 ms per 700×480 window on one libvips thread; this costs a
 * few.
 */
export const BLUR_BLOCK = 16

/**
 * Blurs each region of `frame` in place (see {@link BLUR_BLOCK}) and returns the frame. Regions
 * are frame pixels inside the frame (the privacy gate clips them); throws a FrameRejectedError
 * when one is not, or when sharp fails, so the gate pauses instead of sending the window sharp.
 */
export async function blurFrameRegions(frame: RgbaFrame, regions: readonly Rect[]): Promise<RgbaFrame> {
  validateRgbaFrame(frame)
  for (const r of regions) {
    if (!(r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= frame.width && r.y + r.height <= frame.height)) {
      throw new FrameRejectedError('FRAME_INVALID', `blur region ${JSON.stringify(r)} is outside the ${frame.width}×${frame.height} frame`)
    }
  }
  let reduced: { data: Buffer; width: number; height: number }[]
  try {
    reduced = await Promise.all(regions.map((r) => reduceRegion(frame, r)))
  } catch (error) {
    throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'sharp could not blur a window', { cause: error })
  }
  regions.forEach((r, index) => paintBlocks(frame, r, reduced[index]!))
  return frame
}

async function reduceRegion(frame: RgbaFrame, r: Rect): Promise<{ data: Buffer; width: number; height: number }> {
  const width = Math.ceil(r.width / BLUR_BLOCK)
  const height = Math.ceil(r.height / BLUR_BLOCK)
  const pipeline = rawInput(frame)
    .extract({ left: r.x, top: r.y, width: r.width, height: r.height })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
  if (width >= 3 && height >= 3) pipeline.blur(0.8)
  return { data: await pipeline.raw().toBuffer(), width, height }
}

/** Paints each reduced pixel back over its block of the region, one row run at a time. */
function paintBlocks(frame: RgbaFrame, r: Rect, reduced: { data: Buffer; width: number; height: number }): void {
  for (let row = 0; row < r.height; row++) {
    const sourceRow = Math.min(reduced.height - 1, Math.floor((row * reduced.height) / r.height))
    const rowStart = ((r.y + row) * frame.width + r.x) * 4
    for (let block = 0; block < reduced.width; block++) {
      const from = (sourceRow * reduced.width + block) * 4
      const x0 = Math.floor((block * r.width) / reduced.width)
      const x1 = Math.floor(((block + 1) * r.width) / reduced.width)
      const pixel = reduced.data.subarray(from, from + 4)
      for (let x = x0; x < x1; x++) frame.data.set(pixel, rowStart + x * 4)
    }
  }
}

function isInside(r: Rect, frame: RgbaFrame): boolean {
  return (
    [r.x, r.y, r.width, r.height].every(Number.isInteger) &&
    r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= frame.width && r.y + r.height <= frame.height
  )
}

/** The ring image centred on `at` (output pixels), clipped to the `size` image (sharp refuses overlays that stick out). */
function ringOverlay(at: Point, size: { width: number; height: number }): OverlayOptions | null {
  const ring = pointerRingImage()
  const half = (ring.size - 1) / 2
  const left = Math.round(at.x) - half
  const top = Math.round(at.y) - half
  const x0 = Math.max(0, left)
  const y0 = Math.max(0, top)
  const x1 = Math.min(size.width, left + ring.size)
  const y1 = Math.min(size.height, top + ring.size)
  if (x1 <= x0 || y1 <= y0) return null
  const width = x1 - x0
  const height = y1 - y0
  const clipped = Buffer.alloc(width * height * 4)
  for (let row = 0; row < height; row++) {
    const from = ((y0 - top + row) * ring.size + (x0 - left)) * 4
    clipped.set(ring.rgba.subarray(from, from + width * 4), row * width * 4)
  }
  return { input: clipped, raw: { width, height, channels: 4 }, left: x0, top: y0 }
}

function rawInput(frame: RgbaFrame): Sharp {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
}
