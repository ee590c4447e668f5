import type { Clock, TimerHandle } from './ports'

/** Tunables of {@link SuspendWatch}; tests shrink nothing, they move a manual clock. */
export interface SuspendWatchOptions {
  /** How often the watch's timer ticks while a suspend is unanswered. */
  tickMs: number
  /** A tick this much later than planned means the machine slept in between (timers stop during sleep). */
  lateMs: number
  /** Timers on time for this long, with the network up and the screen not locked, means the machine is awake. */
  awakeAfterMs: number
}

/** Production values: a tick every 5 s; 30 s of on-time ticks is far longer than any machine takes to fall asleep after saying so. */
export const DEFAULT_SUSPEND_WATCH: SuspendWatchOptions = { tickMs: 5_000, lateMs: 2_000, awakeAfterMs: 30_000 }

/**
 * Some machines report a suspend and never the resume (issue 13.11). After a suspend this watch
 * looks for plain signs that the machine is awake and, when it sees one, calls `onAwake` once:
 * - the user is active (push-to-talk pressed, a microphone chunk, a window focused): at once;
 * - timers have fired on time for `awakeAfterMs` since the suspend (or since the machine last
 *   slept, which shows as a late tick) while the network is up and the screen is not locked
 *   (a locked screen that stays locked is not a missed resume: its unlock will come).
 * A real resume, or an unlock, ends the watch. Pure: time comes from the injected clock.
 */
export class SuspendWatch {
  private timer: TimerHandle | null = null
  private isWatching = false
  private isLocked = false
  /** Since when the ticks have been on time. */
  private onTimeSince = 0
  private readonly options: SuspendWatchOptions

  constructor(
    private readonly deps: {
      clock: Clock
      isOnline(): boolean
      onAwake(why: string): void
      options?: Partial<SuspendWatchOptions>
    },
  ) {
    this.options = { ...DEFAULT_SUSPEND_WATCH, ...deps.options }
  }

  /** True between a suspend and its resume (or the signs that stand in for it). */
  get isSuspended(): boolean {
    return this.isWatching
  }

  /** The system said it is going to sleep. */
  noteSuspend(): void {
    if (this.isWatching) return
    this.isWatching = true
    this.onTimeSince = this.deps.clock.now()
    this.schedule()
  }

  /** The system said it woke: nothing to stand in for. */
  noteResume(): void {
    this.stop()
  }

  noteLock(): void {
    this.isLocked = true
  }

  /** The user unlocked the screen: they are here, and the unlock resumes the session by itself. */
  noteUnlock(): void {
    this.isLocked = false
    this.stop()
  }

  /** The user did something only a person at an awake machine can do. */
  noteUserActive(what: string): void {
    if (!this.isWatching) return
    this.isLocked = false
    this.awake(`the user is active (${what})`)
  }

  dispose(): void {
    this.stop()
  }

  private schedule(): void {
    const planned = this.deps.clock.now() + this.options.tickMs
    this.timer = this.deps.clock.setTimeout(() => this.tick(planned), this.options.tickMs)
  }

  private tick(planned: number): void {
    this.timer = null
    const now = this.deps.clock.now()
    const { lateMs, awakeAfterMs } = this.options
    if (now - planned > lateMs) this.onTimeSince = now
    else if (now - this.onTimeSince >= awakeAfterMs && this.deps.isOnline() && !this.isLocked) {
      return this.awake(`timers on time for ${Math.round((now - this.onTimeSince) / 1000)} s and the network up`)
    }
    this.schedule()
  }

  private awake(why: string): void {
    this.stop()
    this.deps.onAwake(why)
  }

  private stop(): void {
    this.isWatching = false
    if (this.timer) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
  }
}
