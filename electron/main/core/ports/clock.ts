/** An opaque timer, handed back to {@link Clock.clearTimeout}. */
export interface TimerHandle {
  readonly id: unknown
}

/** Time, injectable so reconnect backoff, GoAway deadlines and soak runs can be driven by hand. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}
