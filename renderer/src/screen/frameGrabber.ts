import { MAX_FRAME_PIXELS } from '../../../shared/limits'

/** One RGBA frame for `window.sightline.sendVideoFrame`. */
export interface GrabbedFrame {
  width: number
  height: number
  data: Uint8Array
}

export interface FrameGrabberOptions {
  /** Frames a second, clamped to the settings' range 0.2–1. */
  framesPerSecond: number
  /** Main's target long side (`capture.longSide`); frames are pre-scaled to at most twice this. */
  longSide: number
  onFrame: (frame: GrabbedFrame) => void
  /** The shared source went away (the user stopped sharing from the system UI, the window closed). */
  onEnded?: () => void
}

const MIN_FPS = 0.2
const MAX_FPS = 1
const NOT_READY_RETRY_MS = 100
/** The largest side a frame may have on the wire (the contract's 4K limit). */
const MAX_SIDE = 3840

/**
 * Turns a `getDisplayMedia` stream into at most N RGBA frames a second. Each frame is scaled on a
 * canvas by `drawImage` (GPU-accelerated where Chromium has a GPU) to at most twice main's target
 * long side: main still does the quality downscale with sharp, but IPC carries up to 4× fewer
 * bytes than a raw 4K frame. The grabber never stops the stream's tracks; whoever called
 * `getDisplayMedia` owns them.
 *
 * Renderer windows that grab while hidden need `backgroundThrottling: false`, or Chromium slows
 * the timer down to once a minute after a few minutes in the background.
 */
export class FrameGrabber {
  private readonly track: MediaStreamTrack
  private readonly video: HTMLVideoElement
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null
  private context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private running = false
  private readonly onTrackEnded = (): void => {
    this.stop()
    this.options.onEnded?.()
  }

  constructor(
    stream: MediaStream,
    private readonly options: FrameGrabberOptions,
  ) {
    const track = stream.getVideoTracks()[0]
    if (!track) throw new Error('The shared stream has no video track.')
    this.track = track
    this.video = document.createElement('video')
    this.video.muted = true
    this.video.playsInline = true
    this.video.srcObject = stream
  }

  /** True between `start()` and `stop()` (or the track ending). */
  get isRunning(): boolean {
    return this.running
  }

  /** Starts playback of the stream and grabs the first frame as soon as one is decoded. */
  async start(): Promise<void> {
    if (this.running) return
    if (this.track.readyState === 'ended') throw new Error('The shared stream has already ended.')
    this.running = true
    this.track.addEventListener('ended', this.onTrackEnded)
    try {
      await this.video.play()
    } catch (error) {
      this.stop()
      throw error
    }
    if (!this.running) return
    this.tick()
  }

  /** Stops grabbing; idempotent. The stream's tracks keep running. */
  stop(): void {
    this.running = false
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.track.removeEventListener('ended', this.onTrackEnded)
    this.video.pause()
    this.video.srcObject = null
  }

  private tick(): void {
    this.timer = null
    if (!this.running) return
    const startedAt = performance.now()
    const frame = this.grab()
    if (frame) this.options.onFrame(frame)
    if (!this.running) return
    if (!frame) {
      // No decoded frame yet (the stream is still starting): look again soon, not a whole interval later.
      this.timer = setTimeout(() => this.tick(), NOT_READY_RETRY_MS)
      return
    }
    // Timed from this delivery, started early by the last grab's duration (at most a tenth of an
    // interval) so deliveries land about one interval apart and never closer than 0.9 of one,
    // inside main's rate-limit slack; never caught up in a burst after a stall.
    const interval = 1_000 / clamp(this.options.framesPerSecond, MIN_FPS, MAX_FPS)
    const grabMs = performance.now() - startedAt
    this.timer = setTimeout(() => this.tick(), interval - Math.min(grabMs, interval * 0.1))
  }

  private grab(): GrabbedFrame | null {
    const { videoWidth, videoHeight } = this.video
    if (this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || videoWidth === 0 || videoHeight === 0) return null
    const { width, height } = scaledSize(videoWidth, videoHeight, this.options.longSide)
    const context = this.contextFor(width, height)
    context.imageSmoothingEnabled = true
    context.imageSmoothingQuality = 'high'
    context.drawImage(this.video, 0, 0, width, height)
    const pixels = context.getImageData(0, 0, width, height)
    return { width, height, data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength) }
  }

  private contextFor(width: number, height: number): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
    if (!this.canvas || !this.context) {
      this.canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : document.createElement('canvas')
      // Not `willReadFrequently`: that pins the canvas to the CPU and loses the GPU downscale; one read a second is cheap.
      const context = this.canvas.getContext('2d', { alpha: false }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
      if (!context) throw new Error('This browser cannot draw the shared screen to a canvas.')
      this.context = context
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width
      this.canvas.height = height
    }
    return this.context
  }
}

/** The pre-scaled size for a source: never upscaled, long side ≤ 2 × `longSide`, within the contract's 4K limit. */
export function scaledSize(sourceWidth: number, sourceHeight: number, longSide: number): { width: number; height: number } {
  const longest = Math.max(sourceWidth, sourceHeight)
  let scale = Math.min(1, (2 * longSide) / longest, MAX_SIDE / longest)
  scale = Math.min(scale, Math.sqrt(MAX_FRAME_PIXELS / (sourceWidth * sourceHeight)))
  return { width: Math.max(1, Math.floor(sourceWidth * scale)), height: Math.max(1, Math.floor(sourceHeight * scale)) }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min))
}
