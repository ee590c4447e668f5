import type { Settings } from '../../../../shared/settings'
import type { Clock, EncodedFrame, EncodeOptions, FrameEncoder, Logger, Rect, RgbaFrame, ValidRgbaFrame } from '../ports'
import type { PointerFix, PointerRing } from '../screen/pointerRing'
import type { RegionCrop } from '../screen/shareRegion'
import { FrameAttention } from './frameAttention'
import { FrameChangeDetector, thumbnailWindow, type ThumbnailWindow } from './frameChangeDetector'
import { imageTokensPerFrame } from './imageTokenCost'
import { FrameRejectedError, validateRgbaFrame } from './validateRgbaFrame'

/**
 * What sends a fresh frame whatever the change detector says: the user pressed to talk
 * (`activityStart`), began speaking hands-free (`speech`), typed a question (`question`), or
 * pressed Look now (`lookNow`).
 */
export type ForceFrameReason = 'activityStart' | 'speech' | 'question' | 'lookNow'
/**
 * Why a frame went to the model: forced, the first or a `changed` screen while the user speaks,
 * or a changed screen let through by the idle trickle (`trickle`, only when the user turned it on).
 */
export type FrameSendReason = ForceFrameReason | 'first' | 'changed' | 'trickle'
/**
 * Why a frame did not. `rateLimited`: faster than `capture.framesPerSecond`; `idle`: nobody is
 * asking and the trickle is off or not due; `busy`: the previous frame was still encoding;
 * `stopped`: the share ended while it was encoding, so it never leaves; `paused`: the privacy gate held it;
 * `alreadySeen`: the model received this very frame (same JPEG of the same area) a moment ago.
 */
export type FrameDropReason = 'rateLimited' | 'idle' | 'unchanged' | 'busy' | 'stopped' | 'invalid' | 'encodeFailed' | 'paused' | 'alreadySeen'

/** A JPEG ready for `realtimeInput.video` (`image/jpeg`). */
export interface SentFrame extends EncodedFrame {
  reason: FrameSendReason
  /** Clock time the pipeline received the frame from the page (a held frame keeps its own time). */
  capturedAt: number
  /** Share of the whole source's thumbnail pixels that differed, inside the region if one is shared, from the previous sent frame (1 for the first). */
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
  attention?: FrameAttention
  /** The privacy gate (core/media/privacyGate.ts): the frame to encode, masked, or null to send nothing. */
  privacy?: { pass(frame: ValidRgbaFrame): Promise<ValidRgbaFrame | null> }
  /** The pointer ring (core/screen/pointerRing.ts): where to draw it, and whether a pointer move makes the frame a change. */
  pointer?: Pick<PointerRing, 'locate' | 'accept'>
  /** The shared region (core/screen/shareRegion.ts): the crop for each frame, or hold it when the region cannot be placed. */
  region?: { crop(frameWidth: number, frameHeight: number): RegionCrop }
}

/** A frame past the privacy gate, with where its region crop and pointer ring go. */
interface PreparedFrame {
  frame: ValidRgbaFrame
  crop: Rect | undefined
  /** The thumbnail pixels inside the crop: only changes there count. */
  within: ThumbnailWindow | undefined
  pointer: PointerFix | null
}

/** The last frame the model received: its JPEG, the area it showed and when. */
interface DeliveredFrame {
  jpeg: Uint8Array
  crop: Rect | undefined
  at: number
}

/**
 * Frames arriving up to this share of an interval early still get the slot: renderer timers
 * jitter, and a strict `>= interval` would drop every other frame of a 1 FPS grabber.
 */
const RATE_SLACK = 0.25

/** The oldest held frame a question may be answered with (ms); older, the next frame from the page goes instead. */
export const MAX_FRESH_FRAME_AGE_MS = 1_000

/**
 * How long a frame the model received stands in for an identical one (ms). Older, it is sent
 * again, because context window compression may have dropped it: at 80 % of the model's window
 * the server slides back to half of it, oldest turns first (liveConfig.ts, docs/protocol.md §5).
 * No frame went after this one, so only speech and text did; at 32 audio tokens a second (Gemini
 * API docs, "Understand and count tokens"), half of even the smallest profile's 32,768-token
 * window is over 8 minutes of speech, so 5 minutes leaves room for a long question besides.
 */
export const MAX_REUSED_FRAME_AGE_MS = 5 * 60_000

/**
 * The fresh frames a frame already received can stand in for: those sent because the user began
 * to ask. Look now is the user asking for a look, and changed frames (or every frame, at a zero
 * threshold) are what the user's settings ask for, so those always go.
 */
const REUSABLE_FOR: ReadonlySet<FrameSendReason> = new Set(['activityStart', 'speech', 'question'])

interface HeldFrame {
  frame: ValidRgbaFrame
  receivedAt: number
}

/**
 * Main-side screen frames: takes RGBA frames from the renderer and decides which ones the model
 * sees. On 3.x models every frame sent is billed into the turn (docs/protocol.md §0.1,
 * `turnCoverage`), so the model looks only when it helps:
 * - a fresh frame when the user starts to speak or asks ({@link startTalking}, {@link heardSpeech},
 *   {@link sendFreshFrame}): the newest frame the page sent, at most {@link MAX_FRESH_FRAME_AGE_MS} old;
 * - changed frames while the user speaks ({@link FrameAttention}), rate-limited to `capture.framesPerSecond`;
 * - Look now;
 * - while idle nothing, unless `capture.idleTrickle` is on: then a changed screen at most every
 *   `capture.idleTrickleSeconds`.
 * Encoding goes through the FrameEncoder port (sharp, off the event loop). A bad frame is refused
 * with a {@link FrameRejectedError} and the pipeline carries on.
 */
export class FramePipeline {
  private readonly detector: FrameChangeDetector
  private readonly attention: FrameAttention
  private readonly counters: FramePipelineStats = emptyStats()
  /** The newest valid frame from the page: what a question is answered with. */
  private held: HeldFrame | null = null
  private lastSlotAt: number | null = null
  private lastSentAt: number | null = null
  private delivered: DeliveredFrame | null = null
  private pendingForce: ForceFrameReason | null = null
  private isBusy = false
  /** Counts restarts: an encode that began before the last one belongs to a share that is over. */
  private generation = 0

  constructor(private readonly options: FramePipelineOptions) {
    this.detector = options.detector ?? new FrameChangeDetector()
    this.attention = options.attention ?? new FrameAttention()
  }

  /** A snapshot of the counters. */
  get stats(): FramePipelineStats {
    return { ...this.counters, sentBy: { ...this.counters.sentBy }, droppedBy: { ...this.counters.droppedBy } }
  }

  /** Push-to-talk pressed: the model watches until {@link stopTalking}, starting with a fresh frame. */
  startTalking(): Promise<FrameOutcome | null> {
    const opened = this.attention.startTalking(this.options.clock.now())
    return opened ? this.sendFreshFrame('activityStart') : Promise.resolve(null)
  }

  /** Push-to-talk released: back to idle (hands-free speech still heard keeps watching). */
  stopTalking(): void {
    this.attention.stopTalking()
  }

  /** A voiced hands-free mic chunk: keeps the model watching, with a fresh frame when this starts it. */
  heardSpeech(): Promise<FrameOutcome | null> {
    const opened = this.attention.heardSpeech(this.options.clock.now())
    return opened ? this.sendFreshFrame('speech') : Promise.resolve(null)
  }

  /**
   * Sends the newest frame the page sent now, whatever changed, so a question is answered
   * with the screen as it is. A held frame older than {@link MAX_FRESH_FRAME_AGE_MS}, or none
   * (or one still encoding), makes the next frame from the page go instead; resolves null then.
   * Rejects like {@link push} when the encoder fails, and the next frame carries the force.
   */
  async sendFreshFrame(reason: ForceFrameReason): Promise<FrameOutcome | null> {
    const now = this.options.clock.now()
    const held = this.held
    if (held === null || this.isBusy || now - held.receivedAt > MAX_FRESH_FRAME_AGE_MS) {
      this.pendingForce = reason
      return null
    }
    this.pendingForce = null
    const settings = this.options.settings()
    this.takeSlot(now, settings.capture.framesPerSecond, true)
    return this.sendNow(held, now, settings, reason)
  }

  /** A new share, or the end of one: forget the held frame, the last sent frame and the timing; counters keep running. */
  restart(): void {
    this.generation++
    this.detector.reset()
    this.held = null
    this.lastSlotAt = null
    this.lastSentAt = null
    this.pendingForce = null
    this.delivered = null
  }

  /**
   * The model's context no longer holds the frames sent so far (a fresh, not resumed, session):
   * the next question's frame goes even when the screen has not changed since.
   */
  forgetDelivered(): void {
    this.delivered = null
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
    const now = this.options.clock.now()
    const held = { frame, receivedAt: now }
    this.held = held
    if (this.isBusy) return this.drop('busy')

    const settings = this.options.settings()
    const force = this.pendingForce
    if (!this.takeSlot(now, settings.capture.framesPerSecond, force !== null)) return this.drop('rateLimited')
    this.counters.imageTokensIfEveryFrame += imageTokensPerFrame(settings.mediaResolution)
    if (force !== null) {
      this.pendingForce = null
      return this.sendNow(held, now, settings, force)
    }
    if (!this.attention.isOpen(now) && !this.isTrickleDue(now, settings.capture)) return this.drop('idle')
    this.isBusy = true
    try {
      return await this.decideAndSend(frame, now, settings)
    } finally {
      this.isBusy = false
    }
  }

  /** Encodes and sends `held` whatever changed; the reference for later changes becomes this frame. */
  private async sendNow(held: HeldFrame, now: number, settings: FramePipelineSettings, reason: ForceFrameReason): Promise<FrameOutcome> {
    const { capture } = settings
    const generation = this.generation
    this.isBusy = true
    try {
      const prepared = await this.prepare(held.frame)
      if (prepared === null) {
        // Owed to the user: the first frame after the pause carries it.
        this.pendingForce ??= reason
        return this.drop('paused')
      }
      let thumbnail: Uint8Array
      let encoded: EncodedFrame
      try {
        // Both are needed; sharp runs them side by side on the libuv pool.
        ;[thumbnail, encoded] = await Promise.all([
          this.options.encoder.thumbnail(prepared.frame, FrameChangeDetector.THUMBNAIL_SIZE),
          this.options.encoder.encode(prepared.frame, encodeOptions(capture, prepared)),
        ])
      } catch (error) {
        return this.failEncode(error, reason)
      }
      if (generation !== this.generation) return this.drop('stopped')
      const changedShare = this.detector.changedShare(thumbnail, prepared.within)
      return this.deliver(encoded, thumbnail, changedShare, reason, held.receivedAt, now, settings, prepared)
    } finally {
      this.isBusy = false
    }
  }

  /** A frame while the user speaks (or the trickle is due): sent when it changed enough. */
  private async decideAndSend(captured: ValidRgbaFrame, now: number, settings: FramePipelineSettings): Promise<FrameOutcome> {
    const { capture } = settings
    const generation = this.generation
    const prepared = await this.prepare(captured)
    if (prepared === null) return this.drop('paused')
    let thumbnail: Uint8Array
    try {
      // The whole source's thumbnail, of which only the region's pixels count (see FrameChangeDetector).
      thumbnail = await this.options.encoder.thumbnail(prepared.frame, FrameChangeDetector.THUMBNAIL_SIZE)
    } catch (error) {
      return this.failEncode(error, null)
    }
    const changedShare = this.detector.changedShare(thumbnail, prepared.within)
    const reason = this.sendReason(changedShare, capture, now, prepared.pointer?.moved ?? false)
    if (reason === null) return this.drop('unchanged', changedShare)
    let encoded: EncodedFrame
    try {
      encoded = await this.options.encoder.encode(prepared.frame, encodeOptions(capture, prepared))
    } catch (error) {
      return this.failEncode(error, null)
    }
    if (generation !== this.generation) return this.drop('stopped')
    return this.deliver(encoded, thumbnail, changedShare, reason, now, now, settings, prepared)
  }

  /**
   * Sends the frame, unless it is a question's fresh frame ({@link REUSABLE_FOR}) and the model
   * received this very frame (the same JPEG of the same area, ring included) within
   * {@link MAX_REUSED_FRAME_AGE_MS}: a question about a screen that has not changed since is
   * answered from the frame already in the model's context, at no token cost.
   */
  private deliver(
    encoded: EncodedFrame,
    thumbnail: Uint8Array,
    changedShare: number,
    reason: FrameSendReason,
    capturedAt: number,
    now: number,
    settings: FramePipelineSettings,
    prepared: PreparedFrame,
  ): FrameOutcome {
    if (REUSABLE_FOR.has(reason) && this.isAlreadySeen(encoded.jpeg, prepared.crop, now)) return this.drop('alreadySeen', changedShare)
    this.detector.accept(thumbnail)
    if (prepared.pointer) this.options.pointer?.accept(prepared.pointer)
    this.lastSentAt = now
    this.counters.framesSent++
    this.counters.sentBy[reason]++
    this.counters.imageTokensSpent += imageTokensPerFrame(settings.mediaResolution)
    try {
      this.options.onFrame({ ...encoded, reason, capturedAt, changedShare })
      this.delivered = { jpeg: encoded.jpeg, crop: prepared.crop, at: now }
    } catch (error) {
      this.options.logger?.error('frame sink failed', { error })
    }
    return { sent: true, reason, changedShare }
  }

  /**
   * Before anything reads the pixels: the privacy gate masks the frame, or holds it back (null).
   * Then the region's crop (a region that cannot be placed holds the frame too, rather than
   * sending the whole screen) and where the pointer is.
   */
  private async prepare(captured: ValidRgbaFrame): Promise<PreparedFrame | null> {
    const frame = this.options.privacy ? await this.options.privacy.pass(captured) : captured
    if (frame === null) {
      // The gate closed: the wire's own last check (LiveSession's mayDeliverVideo) may have dropped the frame before this one too.
      this.delivered = null
      return null
    }
    const region = this.options.region?.crop(frame.width, frame.height) ?? { kind: 'none' }
    if (region.kind === 'hold') return null
    const crop = region.kind === 'crop' ? region.rect : undefined
    const pointer = this.options.pointer?.locate(frame.width, frame.height, crop) ?? null
    if (crop === undefined) return { frame, crop, within: undefined, pointer }
    return { frame, crop, within: thumbnailWindow(crop, frame.width, frame.height, FrameChangeDetector.THUMBNAIL_SIZE), pointer }
  }

  private isAlreadySeen(jpeg: Uint8Array, crop: Rect | undefined, now: number): boolean {
    const last = this.delivered
    if (last === null || now - last.at > MAX_REUSED_FRAME_AGE_MS || !sameRect(last.crop, crop)) return false
    return last.jpeg.length === jpeg.length && last.jpeg.every((byte, i) => byte === jpeg[i])
  }

  /** Idle frames are off unless the user turned the trickle on, and then at most one every `idleTrickleSeconds`. */
  private isTrickleDue(now: number, capture: FramePipelineSettings['capture']): boolean {
    if (!capture.idleTrickle) return false
    return this.lastSentAt === null || now - this.lastSentAt >= capture.idleTrickleSeconds * 1_000
  }

  private sendReason(changedShare: number, capture: FramePipelineSettings['capture'], now: number, pointerMoved: boolean): FrameSendReason | null {
    // The thumbnail is too coarse to see the pointer; a move while the user speaks is a change in what they point at.
    const isChanged = !this.detector.hasReference || changedShare >= capture.changeThreshold || pointerMoved
    if (!isChanged) return null
    if (!this.attention.isOpen(now)) return 'trickle'
    return this.detector.hasReference ? 'changed' : 'first'
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
    this.options.logger?.warn('frame encode failed', { error })
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
    sentBy: { first: 0, changed: 0, trickle: 0, activityStart: 0, speech: 0, question: 0, lookNow: 0 },
    droppedBy: { rateLimited: 0, idle: 0, unchanged: 0, busy: 0, stopped: 0, invalid: 0, encodeFailed: 0, paused: 0, alreadySeen: 0 },
    imageTokensSpent: 0,
    imageTokensIfEveryFrame: 0,
  }
}

function sameRect(a: Rect | undefined, b: Rect | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)
}

/** The encode for a prepared frame: the configured size and quality, plus its crop and pointer ring. */
function encodeOptions(capture: FramePipelineSettings['capture'], prepared: PreparedFrame): EncodeOptions {
  const options: EncodeOptions = { longSide: capture.longSide, quality: capture.jpegQuality }
  if (prepared.crop) options.crop = prepared.crop
  if (prepared.pointer?.ring) options.ring = prepared.pointer.ring
  return options
}
