import type { Clock, DesktopDisplay, Point, PointerSource, TimerHandle } from '../ports'

/** The pointer must stay on another display this long before sharing follows it (so crossing a screen on the way is not a switch). */
export const FOLLOW_DEBOUNCE_MS = 1_000
/** How often the pointer is looked at while following. */
export const FOLLOW_POLL_MS = 250

/** The display whose bounds hold `point` (desktop DIP), or null (between displays, or none known). */
export function displayUnder(point: Point, displays: readonly DesktopDisplay[]): DesktopDisplay | null {
  return displays.find((d) => point.x >= d.bounds.x && point.y >= d.bounds.y && point.x < d.bounds.x + d.bounds.width && point.y < d.bounds.y + d.bounds.height) ?? null
}

/** Where the follower is: the display the pointer went to and since when, or nothing pending. */
export interface FollowState {
  candidate: string | null
  since: number
}

/**
 * One step of the follow-the-pointer policy, pure: the pointer is over `underPointer` (a display
 * id, or null) at `now` while `sharedId` is shared. Switches once the pointer has stayed on one
 * other display for `debounceMs`; coming back, or moving on to a third display, starts over.
 */
export function followStep(
  state: FollowState,
  underPointer: string | null,
  sharedId: string,
  now: number,
  debounceMs = FOLLOW_DEBOUNCE_MS,
): { state: FollowState; switchTo: string | null } {
  if (underPointer === null || underPointer === sharedId) return { state: { candidate: null, since: now }, switchTo: null }
  if (state.candidate !== underPointer) return { state: { candidate: underPointer, since: now }, switchTo: null }
  if (now - state.since >= debounceMs) return { state: { candidate: null, since: now }, switchTo: underPointer }
  return { state, switchTo: null }
}

export interface FollowPointerOptions {
  pointer: PointerSource
  displays: () => readonly DesktopDisplay[]
  clock: Clock
  /** The `point.followPointer` setting, read on every look. */
  enabled: () => boolean
  /** The display shared now, or null when no whole display is shared. */
  sharedDisplayId: () => string | null
  /** Switch sharing to this display. */
  switchTo: (displayId: string) => void
  debounceMs?: number
  pollMs?: number
}

/**
 * "Follow the pointer" (issue 15, item 5): while a display is shared and the option is on,
 * sharing moves to the display under the pointer once it has stayed there about a second.
 * Runs only between {@link start} and {@link stop} (the share's lifetime).
 */
export class FollowPointer {
  private state: FollowState = { candidate: null, since: 0 }
  private timer: TimerHandle | null = null

  constructor(private readonly options: FollowPointerOptions) {}

  start(): void {
    this.stop()
    this.state = { candidate: null, since: this.options.clock.now() }
    this.schedule()
  }

  stop(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer)
    this.timer = null
  }

  /** One look at the pointer (the timer calls it; tests may too). */
  tick(): void {
    const shared = this.options.sharedDisplayId()
    if (!this.options.enabled() || shared === null) {
      this.state = { candidate: null, since: this.options.clock.now() }
      return
    }
    let point: Point
    try {
      point = this.options.pointer.cursorScreenPoint()
    } catch {
      return
    }
    const under = displayUnder(point, this.options.displays())?.id ?? null
    const step = followStep(this.state, under, shared, this.options.clock.now(), this.options.debounceMs)
    this.state = step.state
    if (step.switchTo !== null) this.options.switchTo(step.switchTo)
  }

  private schedule(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.tick()
      this.schedule()
    }, this.options.pollMs ?? FOLLOW_POLL_MS)
  }
}
