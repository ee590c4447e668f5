import { RETENTION_DAYS, type HistoryRetention } from '../../../../shared/history'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The time before which history is deleted under a retention setting (ms since the epoch):
 * null keeps everything; `off` gives +Infinity, deleting everything.
 */
export function retentionCutoff(retention: HistoryRetention, now: number): number | null {
  const days = RETENTION_DAYS[retention]
  if (days === null) return null
  return days === 0 ? Number.POSITIVE_INFINITY : now - days * DAY_MS
}
