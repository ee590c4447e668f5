import type { Logger } from '../core/ports'

/** Refusals of one kind are logged once, then counted and summed up after this long. */
export const REFUSAL_LOG_WINDOW_MS = 10_000

/**
 * Logs refused messages without flooding the log: the first refusal of a kind is logged at once
 * with its details; the rest within {@link REFUSAL_LOG_WINDOW_MS} are counted and logged as one
 * summary line, so 4,800 refused audio chunks write two lines, not 4,800 (issue 19).
 */
export class RefusalLog {
  private readonly pending = new Map<string, { count: number }>()

  constructor(
    private readonly logger: Logger,
    /** The first line's message; the summary's is this in the plural sense, with `count`. */
    private readonly messages: { first: string; summary: string },
  ) {}

  /** Notes one refusal of kind `kind`; `fields` go on the first line and the summary. */
  note(kind: string, fields: Record<string, unknown>): void {
    const entry = this.pending.get(kind)
    if (entry) {
      entry.count++
      return
    }
    this.logger.warn(this.messages.first, fields)
    this.pending.set(kind, { count: 0 })
    const timer = setTimeout(() => {
      const counted = this.pending.get(kind)?.count ?? 0
      this.pending.delete(kind)
      if (counted > 0) this.logger.warn(this.messages.summary, { ...fields, count: counted, withinMs: REFUSAL_LOG_WINDOW_MS })
    }, REFUSAL_LOG_WINDOW_MS)
    timer.unref?.()
  }
}
