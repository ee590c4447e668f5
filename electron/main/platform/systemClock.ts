import type { Clock, TimerHandle } from '../core/ports'

/** The real clock: wall time and Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => ({ id: setTimeout(callback, ms) }),
  clearTimeout: (handle: TimerHandle) => clearTimeout(handle.id as ReturnType<typeof setTimeout>),
}
