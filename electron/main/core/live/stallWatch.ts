import type { Clock, TimerHandle } from '../ports'

/**
 * Treats a connection as dead when the server stays silent for too long while an answer is
 * expected (a socket can claim to be open after sleep or a network change).
 */
export class StallWatch {
  private timer: TimerHandle | null = null

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onStall: () => void,
  ) {}

  /** An answer is expected: start watching unless already watching. */
  expectTraffic(): void {
    if (!this.timer) this.arm()
  }

  /** The server said something: restart the wait if watching. */
  noteTraffic(): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer)
      this.arm()
    }
  }

  /** Nothing is expected any more (turn complete, connection gone). */
  settle(): void {
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private arm(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.onStall()
    }, this.timeoutMs)
  }
}
