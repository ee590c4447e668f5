import type { Clock, TimerHandle } from '../../ports'

/**
 * Decides when to rotate after a `goAway`: at once when nothing is in flight, else at the end
 * of the current turn, and in any case `marginMs` before the deadline. The deadline is kept by
 * a timer, because the server may go silent after warning (docs/protocol.md §4.2).
 */
export class GoAwayPlanner {
  private timer: TimerHandle | null = null

  constructor(
    private readonly clock: Clock,
    private readonly marginMs: number,
    private readonly rotate: () => void,
  ) {}

  /** A `goAway` arrived; `timeLeftMs` null (missing or malformed) means "soon". */
  noteGoAway(timeLeftMs: number | null, isBusy: boolean): void {
    if (this.timer) return
    const latest = Math.max(0, (timeLeftMs ?? 0) - this.marginMs)
    this.schedule(isBusy ? latest : 0)
  }

  /** The session has nothing in flight any more: rotate now if a `goAway` is pending. */
  noteIdle(): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer)
      this.schedule(0)
    }
  }

  clear(): void {
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.rotate()
    }, ms)
  }
}
