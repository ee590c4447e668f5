/** A press shorter than this is a click (toggle); longer is hold-to-talk. */
export const HOLD_THRESHOLD_MS = 350

export type TalkAction = 'start' | 'stop' | null

/**
 * The Talk button's gesture logic, shared by pointer and keyboard: pressing starts talking at once
 * (no waiting to tell a click from a hold, so the first word is not lost); releasing after a hold
 * stops; releasing after a short click leaves talking on, and a short click while on turns it off.
 */
export class PressToTalk {
  private pressedAt: number | null = null
  private wasTalkingAtPress = false

  /** The button went down; `isTalking` is the state before the press. */
  press(now: number, isTalking: boolean): TalkAction {
    if (this.pressedAt !== null) return null
    this.pressedAt = now
    this.wasTalkingAtPress = isTalking
    return isTalking ? null : 'start'
  }

  /** The button came up. */
  release(now: number): TalkAction {
    if (this.pressedAt === null) return null
    const heldFor = now - this.pressedAt
    this.pressedAt = null
    if (heldFor >= HOLD_THRESHOLD_MS) return 'stop'
    return this.wasTalkingAtPress ? 'stop' : null
  }

  /** The press was abandoned (pointer cancelled, focus lost while held): stop if it was a hold. */
  cancel(now: number): TalkAction {
    if (this.pressedAt === null) return null
    const wasHold = now - this.pressedAt >= HOLD_THRESHOLD_MS
    this.pressedAt = null
    return wasHold || this.wasTalkingAtPress ? 'stop' : null
  }

  get isPressed(): boolean {
    return this.pressedAt !== null
  }
}
