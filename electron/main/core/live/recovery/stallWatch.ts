import type { Clock, TimerHandle } from '../../ports'

/**
 * Treats a connection as dead when the server stays silent for too long while an answer is
 * expected (a socket can claim to be open after sleep or a network change). The silence is
 * measured from the last server message of any kind. Only an answer still being generated is
 * expected: after `generationComplete` the server may hold `turnComplete` back for the length of
 * the playback, or never send it (wire samples u05, u06), and an open tool call (which may wait
 * on the user's confirmation) leaves the model silent on purpose until it is answered (u07, u08,
 * r06). So the watch stops at `generationComplete` and pauses while a tool call is open.
 */
export class StallWatch {
  private timer: TimerHandle | null = null
  private isExpecting = false
  private isPaused = false

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onStall: () => void,
  ) {}

  /** An answer is expected: start watching unless already watching. */
  expectTraffic(): void {
    this.isExpecting = true
    if (!this.timer && !this.isPaused) this.arm()
  }

  /** The server said something: restart the wait if watching. */
  noteTraffic(): void {
    if (this.timer) {
      this.clock.clearTimeout(this.timer)
      this.arm()
    }
  }

  /** Open tool calls (true) hold the watch; when the last is answered (false) the wait starts over. */
  setPaused(isPaused: boolean): void {
    if (isPaused === this.isPaused) return
    this.isPaused = isPaused
    this.disarm()
    if (!isPaused && this.isExpecting) this.arm()
  }

  /** Nothing is expected any more (answer sent, turn complete, connection gone). */
  settle(): void {
    this.isExpecting = false
    this.disarm()
  }

  private disarm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private arm(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.isExpecting = false
      this.onStall()
    }, this.timeoutMs)
  }
}
