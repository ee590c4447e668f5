import type { EventMethod, EventPayload, ShareSource, ShareState, VideoFrame } from '../../../shared/ipcContract'
import { CodedError } from '../../../shared/codedError'
import type { FramePipeline } from './media/framePipeline'
import type { PrivacyGate, ShareTarget } from './media/privacyGate'
import type { FollowPointer } from './screen/followPointer'
import type { PointAt } from './screen/pointAt'
import type { PointerRing } from './screen/pointerRing'
import type { ShareRegion } from './screen/shareRegion'
import type { Logger } from './ports'

/**
 * Whether the user is sharing, and what happens to the frames the page grabs: they go to the
 * frame pipeline only while sharing, which sends the model a frame only when it helps (see
 * {@link FramePipeline}); every frame counted updates the share indicator and the image-token meter.
 * Stopping drops the held frame, so nothing grabbed during a share can leave after it.
 */
export class ScreenShare {
  private share: ShareState = { isSharing: false, source: null, framesSent: 0, framesDropped: 0, pause: null }
  private imageTokensReported = { spent: 0, ifEveryFrame: 0 }
  private isSwitching = false

  constructor(
    private readonly deps: {
      frames: FramePipeline
      /** Counts image tokens into the session's usage (spent, and what every frame would have cost). */
      addImageTokens(spent: number, ifEveryFrame: number): void
      emit<M extends EventMethod>(method: M, payload: EventPayload<M>): void
      logger: Logger
      /** Checks every frame before encoding and says when sharing is paused (core/media/privacyGate.ts). */
      privacy?: Pick<PrivacyGate, 'start' | 'stop' | 'onChange' | 'pauseNotice'>
      /** The pointer ring: told when a share starts and when the user speaks (core/screen/pointerRing.ts). */
      pointer?: Pick<PointerRing, 'restart' | 'setSpeaking'>
      /** `point_at`'s last frame, forgotten when a share starts or stops. */
      pointAt?: Pick<PointAt, 'forget'>
      /** The shared region: a new share, or the end of one, is the whole screen again. */
      region?: Pick<ShareRegion, 'clear'>
      /** Follow the pointer: looks at the pointer only while sharing. */
      follow?: Pick<FollowPointer, 'start' | 'stop'>
    },
  ) {
    deps.privacy?.onChange(() => this.publish())
  }

  get state(): ShareState {
    return this.share
  }

  /** Returns true when this call started a new share; `target` is what the privacy gate maps windows into. */
  set(isSharing: boolean, source: ShareSource | null, target: ShareTarget = { kind: 'unknown' }): boolean {
    const isNew = isSharing && !this.share.isSharing
    this.isSwitching = false
    if (isNew || (!isSharing && this.share.isSharing)) this.deps.frames.restart()
    if (isNew) this.deps.pointer?.restart()
    if (isNew || !isSharing) this.deps.pointAt?.forget()
    if (isNew || !isSharing) this.deps.region?.clear()
    if (isNew) this.deps.follow?.start()
    if (!isSharing) this.deps.follow?.stop()
    if (isNew) this.deps.privacy?.start(target)
    if (!isSharing) this.deps.privacy?.stop()
    this.share = { ...this.share, isSharing, source: isSharing ? source : null }
    this.publish()
    return isNew
  }

  /**
   * Sharing moves to another source (follow the pointer): the page captures `target` anew, and
   * until it says so (the next `set(true, …)`) frames of the old source are dropped, so none is
   * masked with the new source's map.
   */
  switchTarget(target: ShareTarget): void {
    if (!this.share.isSharing) return
    this.isSwitching = true
    this.deps.frames.restart()
    this.deps.pointer?.restart()
    this.deps.pointAt?.forget()
    this.deps.region?.clear()
    this.deps.privacy?.start(target)
  }

  /** A frame from the page; dropped unless sharing, and logged (never thrown) when the pipeline refuses it. */
  receive(frame: VideoFrame): void {
    if (!this.share.isSharing || this.isSwitching) return
    void this.deps.frames
      .push(frame)
      .catch((error: unknown) => this.deps.logger.warn('screen frame refused', { error }))
      .finally(() => this.publish())
  }

  /** Push-to-talk pressed: the model gets the screen as it is now, and its changes until release. */
  onTalkStart(): void {
    this.deps.pointer?.setSpeaking(true)
    this.watch(this.deps.frames.startTalking())
  }

  /** Push-to-talk released. */
  onTalkEnd(): void {
    this.deps.pointer?.setSpeaking(false)
    this.deps.frames.stopTalking()
  }

  /** Hands-free: the user's voice is on the mic. */
  onSpeech(): void {
    this.deps.pointer?.setSpeaking(true)
    this.watch(this.deps.frames.heardSpeech())
  }

  /**
   * A typed question is about to go: resolves once the screen as it is now was sent (or could
   * not be), so the question reaches the model after the frame. Never rejects.
   */
  async beforeQuestion(): Promise<void> {
    if (this.share.isSharing) await this.settle(this.deps.frames.sendFreshFrame('question'))
  }

  /** "Look now": the screen as it is now goes to the model whatever the change detector says. */
  lookNow(): void {
    if (!this.share.isSharing) throw new CodedError('NOT_SHARING', 'Share a screen or window first.')
    this.watch(this.deps.frames.sendFreshFrame('lookNow'))
  }

  private watch(sending: Promise<unknown>): void {
    void this.settle(sending)
  }

  /** Waits for a forced send; a refused frame is logged, never thrown, and the counts are published. */
  private async settle(sending: Promise<unknown>): Promise<void> {
    try {
      await sending
    } catch (error) {
      this.deps.logger.warn('screen frame refused', { error })
    }
    if (this.share.isSharing) this.publish()
  }

  private publish(): void {
    const stats = this.deps.frames.stats
    const pause = this.share.isSharing ? (this.deps.privacy?.pauseNotice ?? null) : null
    this.share = { ...this.share, framesSent: stats.framesSent, framesDropped: stats.framesDropped, pause }
    this.deps.emit('onShareState', this.share)
    const spent = stats.imageTokensSpent - this.imageTokensReported.spent
    const ifEveryFrame = stats.imageTokensIfEveryFrame - this.imageTokensReported.ifEveryFrame
    if (spent > 0 || ifEveryFrame > 0) {
      this.imageTokensReported = { spent: stats.imageTokensSpent, ifEveryFrame: stats.imageTokensIfEveryFrame }
      this.deps.addImageTokens(spent, ifEveryFrame)
    }
  }
}
