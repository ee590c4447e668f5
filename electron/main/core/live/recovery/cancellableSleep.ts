import type { Clock, TimerHandle } from '../../ports'

/** One wait on the clock at a time, which stop or suspend can cut short and a wake can end early. */
export class CancellableSleep {
  private current: { timer: TimerHandle; wake: (isAwake: boolean) => void } | null = null

  constructor(private readonly clock: Clock) {}

  /** True while a wait is running. */
  get isSleeping(): boolean {
    return this.current !== null
  }

  /** Resolves true after `ms` (or at {@link wakeNow}), or false when {@link cancel} came first. */
  sleep(ms: number): Promise<boolean> {
    this.cancel()
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.finish(true), ms)
      this.current = { timer, wake: resolve }
    })
  }

  /** Ends the wait now as if its time had come (the network is back: no point waiting out the backoff). */
  wakeNow(): void {
    this.finish(true)
  }

  cancel(): void {
    this.finish(false)
  }

  private finish(isAwake: boolean): void {
    const c = this.current
    this.current = null
    if (!c) return
    this.clock.clearTimeout(c.timer)
    c.wake(isAwake)
  }
}
