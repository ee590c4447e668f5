/** How long work may wait when no animation frame comes (a hidden or minimised window throttles them). */
export const FRAME_BATCH_FALLBACK_MS = 100

/** Work queued to run together, once per animation frame. */
export interface FrameBatch {
  /** Queues work; it runs, in order, at the next animation frame or within {@link FRAME_BATCH_FALLBACK_MS}, whichever is first. */
  queue(work: () => void): void
  /** Runs everything queued now (tests, teardown). */
  flush(): void
  /** Drops the pending timers; queued work is run first. */
  dispose(): void
}

/**
 * Coalesces bursts of events into one update per frame: 750 transcript chunks arriving as 750
 * separate messages become a handful of renders instead of 750 (issue 19). Order is kept.
 */
export function createFrameBatch(): FrameBatch {
  let pending: (() => void)[] = []
  let frame: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  const flush = () => {
    if (frame !== null) cancelAnimationFrame(frame)
    if (timer !== null) clearTimeout(timer)
    frame = null
    timer = null
    const work = pending
    pending = []
    for (const run of work) run()
  }

  return {
    queue(work) {
      pending.push(work)
      if (frame !== null || timer !== null) return
      frame = requestAnimationFrame(flush)
      timer = setTimeout(flush, FRAME_BATCH_FALLBACK_MS)
    },
    flush,
    dispose: flush,
  }
}
