import type { Clock, TimerHandle } from '../ports'

/** One wait on the clock at a time, which stop or suspend can cut short. */
export class CancellableSleep {
  private current: { timer: TimerHandle; wake: (isAwake: boolean) => void } | null = null

  constructor(private readonly clock: Clock) {}

  /** Resolves true after `ms`, or false when {@link cancel} came first. */
  sleep(ms: number): Promise<boolean> {
    this.cancel()
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.finish(true), ms)
      this.current = { timer, wake: resolve }
    })
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
