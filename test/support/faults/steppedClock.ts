import type { Clock, TimerHandle } from '../../../electron/main/core/ports'

interface Pending {
  due: number
  callback: () => void
  real: ReturnType<typeof setTimeout>
}

/**
 * Real time that a test can also jump forward. Timers fire on their own in real time (so real
 * sockets, connect deadlines and close waits behave as in the app), and {@link advance} moves
 * the clock ahead, firing every timer that falls due on the way, in order. Lets the fault suite
 * and the soak bench play minutes or hours of backoff, stall and lifetime timing in seconds.
 */
export class SteppedClock implements Clock {
  private offset = 0
  private nextId = 1
  private readonly timers = new Map<number, Pending>()

  now(): number {
    return Date.now() + this.offset
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++
    const delay = Math.max(0, ms)
    const real = setTimeout(() => this.fire(id), delay)
    this.timers.set(id, { due: this.now() + delay, callback, real })
    return { id }
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id as number)
    if (!timer) return
    clearTimeout(timer.real)
    this.timers.delete(handle.id as number)
  }

  /** Timers still waiting: the soak bench's leak count. */
  get pending(): number {
    return this.timers.size
  }

  /** Jumps `ms` ahead, firing due timers in order and letting I/O and promise chains run after each. */
  async advance(ms: number): Promise<void> {
    this.offset += ms
    for (;;) {
      const now = this.now()
      let next: [number, Pending] | undefined
      for (const entry of this.timers) if (entry[1].due <= now && (!next || entry[1].due < next[1].due)) next = entry
      if (!next) break
      this.fire(next[0])
      await yieldToIo()
    }
    await yieldToIo()
  }

  private fire(id: number): void {
    const timer = this.timers.get(id)
    if (!timer) return
    this.timers.delete(id)
    clearTimeout(timer.real)
    timer.callback()
  }
}

/** Lets queued I/O callbacks and promise chains run. */
export async function yieldToIo(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
