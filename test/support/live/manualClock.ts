import type { Clock, TimerHandle } from '../../../electron/main/core/ports'

/** A Clock moved by hand: timers fire, in order, only inside {@link advance}. */
export class ManualClock implements Clock {
  private time = 0
  private nextId = 1
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  constructor(start = 1_000_000) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback })
    return { id }
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id as number)
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.size
  }

  /**
   * The machine sleeps for `ms`: wall time jumps, and timers (which count awake time only, as
   * Node's do on a suspended machine) are due that much later, so the first one fires late.
   */
  sleepFor(ms: number): void {
    this.time += ms
    for (const timer of this.timers.values()) timer.at += ms
  }

  /** Moves time forward, firing due timers in order and letting promise chains settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settle()
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      if (!next) break
      this.timers.delete(next[0])
      this.time = next[1].at
      next[1].callback()
      await settle()
    }
    this.time = end
    await settle()
  }
}

/** Lets queued promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
