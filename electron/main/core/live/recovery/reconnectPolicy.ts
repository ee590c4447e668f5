/**
 * When to try again after a drop: the first attempt at once, then exponential backoff with
 * "equal jitter" (half fixed, half random, so many clients do not retry in step), all inside
 * a total budget measured from the drop.
 */
export class ReconnectPolicy {
  private startedAt = 0
  private attempt = 0

  constructor(
    private readonly options: { firstDelayMs: number; maxDelayMs: number; budgetMs: number },
    private readonly random: () => number = Math.random,
  ) {}

  /** Starts a new series of attempts (one drop). */
  begin(now: number): void {
    this.startedAt = now
    this.attempt = 0
  }

  /** The delay before the next attempt, or null when the budget would be exceeded. */
  nextDelay(now: number): number | null {
    const n = this.attempt++
    const delay = n === 0 ? 0 : this.jittered(Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** (n - 1)))
    return now - this.startedAt + delay > this.options.budgetMs ? null : delay
  }

  /** Attempts made in the current series. */
  get attempts(): number {
    return this.attempt
  }

  private jittered(base: number): number {
    return Math.round(base / 2 + (base / 2) * Math.min(1, Math.max(0, this.random())))
  }
}
