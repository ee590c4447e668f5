import type { Settings } from '../../../../shared/settings'
import type { Clock, EncodedFrame, FrameEncoder, Logger, RgbaFrame } from '../ports'
import { FrameChangeDetector } from './frameChangeDetector'
import { imageTokensPerFrame } from './imageTokenCost'
import { FrameRejectedError, validateRgbaFrame } from './validateRgbaFrame'

/** Why a frame went to the model. */
export type FrameSendReason = 'first' | 'changed' | 'heartbeat' | 'activityStart' | 'lookNow'
/** Why a frame did not. `rateLimited`: faster than `capture.framesPerSecond`; `busy`: the previous frame was still encoding. */
export type FrameDropReason = 'rateLimited' | 'unchanged' | 'busy' | 'invalid' | 'encodeFailed'
/** What forces the next frame through whatever the change detector says. */
export type ForceFrameReason = 'activityStart' | 'lookNow'

/** A JPEG ready for `realtimeInput.video` (`image/jpeg`). */
export interface SentFrame extends EncodedFrame {
  reason: FrameSendReason
  /** Clock time the pipeline took the frame. */
  capturedAt: number
  /** Share of thumbnail pixels that differed from the previous sent frame (1 for the first). */
  changedShare: number
}

export type FrameOutcome =
  | { sent: true; reason: FrameSendReason; changedShare: number }
  | { sent: false; reason: FrameDropReason; changedShare: number | null }

/** Counters for the share indicator and the token meter. */
export interface FramePipelineStats {
  framesReceived: number
  framesSent: number
  framesDropped: number
  sentBy: Record<FrameSendReason, number>
  droppedBy: Record<FrameDropReason, number>
  /** Image tokens spent on frames actually sent. */
  imageTokensSpent: number
  /** What sending every frame captured at the configured rate would have cost. */
  imageTokensIfEveryFrame: number
}

/** The settings the pipeline reads on every frame, so changes apply at once. */
export type FramePipelineSettings = Pick<Settings, 'capture' | 'mediaResolution'>

export interface FramePipelineOptions {
  encoder: FrameEncoder
  clock: Clock
  settings: () => FramePipelineSettings
  /** Receives every frame to send; the lead wires it to `LiveSession.sendVideoFrame(frame.jpeg)`. */
  onFrame: (frame: SentFrame) => void
  logger?: Logger
  detector?: FrameChangeDetector
}

/**
 * Frames arriving up to this share of an interval early still get the slot: renderer timers
 * jitter, and a strict `>= interval` would drop every other frame of a 1 FPS grabber.
 */
const RATE_SLACK = 0.25

/**
 * Main-side screen frames: takes RGBA frames from the renderer and decides which ones the model
 * sees. Rate-limits to `capture.framesPerSecond`, drops frames that did not change (see
 * {@link FrameChangeDetector}), always sends the first frame of a share, a frame forced by
 * {@link FramePipeline.forceNextFrame}, and one every `capture.heartbeatSeconds` while the screen
 * is static. Encoding goes through the FrameEncoder port (sharp, off the event loop). A bad frame
 * is refused with a {@link FrameRejectedError} and the pipeline carries on.
 */
export class FramePipeline {
  private readonly detector: FrameChangeDetector
  private readonly counters: FramePipelineStats = emptyStats()
  private lastSlotAt: number | null = null
  private lastSentAt: number | null = null
  private pendingForce: ForceFrameReason | null = null
  private isBusy = false

  constructor(private readonly options: FramePipelineOptions) {
    this.detector = options.detector ?? new FrameChangeDetector()
  }

  /** A snapshot of the counters. */
  get stats(): FramePipelineStats {
    return { ...this.counters, sentBy: { ...this.counters.sentBy }, droppedBy: { ...this.counters.droppedBy } }
  }

  /** Makes the next frame go to the model whatever changed (the user started speaking, or pressed "Look now"). */
  forceNextFrame(reason: ForceFrameReason): void {
    this.pendingForce = reason
  }

  /** A new share: forget the last sent frame and the timing, so the next frame is sent; counters keep running. */
  restart(): void {
    this.detector.reset()
    this.lastSlotAt = null
    this.lastSentAt = null
    this.pendingForce = null
  }

  /** Zeroes the counters (a new session's token meter). */
  resetStats(): void {
    Object.assign(this.counters, emptyStats())
  }

  /**
   * Takes one frame from the renderer. Resolves with what happened to it; rejects with a
   * {@link FrameRejectedError} when the frame is malformed, larger than 4K or cannot be encoded.
   */
  async push(frame: RgbaFrame): Promise<FrameOutcome> {
    this.counters.framesReceived++
    try {
      validateRgbaFrame(frame)
    } catch (error) {
      this.drop('invalid')
      throw error
    }
    if (this.isBusy) return this.drop('busy')

    const now = this.options.clock.now()
    const settings = this.options.settings()
    const force = this.pendingForce
    if (force === null && !this.takeSlot(now, settings.capture.framesPerSecond)) return this.drop('rateLimited')
    if (force !== null) this.takeSlot(now, settings.capture.framesPerSecond, true)

    const tokensPerFrame = imageTokensPerFrame(settings.mediaResolution)
    this.counters.imageTokensIfEveryFrame += tokensPerFrame
    this.isBusy = true
    try {
      return await this.decideAndSend(frame, now, settings, force, tokensPerFrame)
    } finally {
      this.isBusy = false
    }
  }

  private async decideAndSend(
    frame: RgbaFrame,
    now: number,
    settings: FramePipelineSettings,
    force: ForceFrameReason | null,
    tokensPerFrame: number,
  ): Promise<FrameOutcome> {
    const { capture } = settings
    const encodeOptions = { longSide: capture.longSide, quality: capture.jpegQuality }
    const mustSend = force !== null || !this.detector.hasReference
    if (force !== null) this.pendingForce = null

    let thumbnail: Uint8Array
    let encoded: EncodedFrame | null = null
    try {
      if (mustSend) {
        // Both are needed anyway; sharp runs them side by side on the libuv pool.
        ;[thumbnail, encoded] = await Promise.all([
          this.options.encoder.thumbnail(frame, FrameChangeDetector.THUMBNAIL_SIZE),
          this.options.encoder.encode(frame, encodeOptions),
        ])
      } else {
        thumbnail = await this.options.encoder.thumbnail(frame, FrameChangeDetector.THUMBNAIL_SIZE)
      }
    } catch (error) {
      return this.failEncode(error, force)
    }

    const changedShare = this.detector.changedShare(thumbnail)
    const reason = this.sendReason(force, changedShare, capture, now)
    if (reason === null) return this.drop('unchanged', changedShare)

    if (encoded === null) {
      try {
        encoded = await this.options.encoder.encode(frame, encodeOptions)
      } catch (error) {
        return this.failEncode(error, force)
      }
    }

    this.detector.accept(thumbnail)
    this.lastSentAt = now
    this.counters.framesSent++
    this.counters.sentBy[reason]++
    this.counters.imageTokensSpent += tokensPerFrame
    try {
      this.options.onFrame({ ...encoded, reason, capturedAt: now, changedShare })
    } catch (error) {
      this.options.logger?.error('frame sink failed', { error: String(error) })
    }
    return { sent: true, reason, changedShare }
  }

  private sendReason(
    force: ForceFrameReason | null,
    changedShare: number,
    capture: FramePipelineSettings['capture'],
    now: number,
  ): FrameSendReason | null {
    if (force !== null) return force
    if (this.lastSentAt === null) return 'first'
    if (changedShare >= capture.changeThreshold) return 'changed'
    if (now - this.lastSentAt >= capture.heartbeatSeconds * 1_000) return 'heartbeat'
    return null
  }

  /** Claims the capture slot for `now`; slots never come closer than one interval on average. */
  private takeSlot(now: number, framesPerSecond: number, isForced = false): boolean {
    const interval = 1_000 / Math.max(framesPerSecond, 0.01)
    if (this.lastSlotAt === null) {
      this.lastSlotAt = now
      return true
    }
    const due = this.lastSlotAt + interval
    if (!isForced && now < due - interval * RATE_SLACK) return false
    this.lastSlotAt = isForced ? now : Math.max(now, due)
    return true
  }

  private failEncode(error: unknown, force: ForceFrameReason | null): never {
    // A forced frame that failed is owed to the user: the next frame carries the force.
    if (force !== null && this.pendingForce === null) this.pendingForce = force
    this.drop('encodeFailed')
    this.options.logger?.warn('frame encode failed', { error: String(error) })
    if (error instanceof FrameRejectedError) throw error
    throw new FrameRejectedError('FRAME_ENCODE_FAILED', 'the frame could not be encoded', { cause: error })
  }

  private drop(reason: FrameDropReason, changedShare: number | null = null): FrameOutcome {
    this.counters.framesDropped++
    this.counters.droppedBy[reason]++
    return { sent: false, reason, changedShare }
  }
}

function emptyStats(): FramePipelineStats {
  return {
    framesReceived: 0,
    framesSent: 0,
    framesDropped: 0,
    sentBy: { first: 0, changed: 0, heartbeat: 0, activityStart: 0, lookNow: 0 },
    droppedBy: { rateLimited: 0, unchanged: 0, busy: 0, invalid: 0, encodeFailed: 0 },
    imageTokensSpent: 0,
    imageTokensIfEveryFrame: 0,
  }
}
