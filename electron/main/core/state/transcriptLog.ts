import type { TranscriptEntry } from '../../../../shared/ipcContract'

/** How many entries the kept transcript holds; the page's own transcript keeps as many items (renderer/src/stores/transcript.ts). */
export const MAX_TRANSCRIPT_ENTRIES = 500

/**
 * Appends one transcript event to the log a late window replays. A delta whose turn, role and
 * kind already have an entry is merged into it, where the page merges it into the same line
 * (renderer/src/stores/transcript.ts `applyDelta`), so a long answer is one entry, not hundreds;
 * past {@link MAX_TRANSCRIPT_ENTRIES} the oldest entries go. Returns a new array.
 */
export function appendTranscriptEntry(log: readonly TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] {
  if (entry.event === 'onTranscript') {
    const b = entry.payload
    const at = log.findLastIndex((e) => e.event === 'onTranscript' && e.payload.turnId === b.turnId && e.payload.role === b.role && e.payload.kind === b.kind)
    if (at >= 0) {
      const a = (log[at] as Extract<TranscriptEntry, { event: 'onTranscript' }>).payload
      const next = [...log]
      next[at] = { event: 'onTranscript', payload: { ...a, text: a.text + b.text } }
      return next
    }
  }
  const next = [...log, entry]
  return next.length > MAX_TRANSCRIPT_ENTRIES ? next.slice(next.length - MAX_TRANSCRIPT_ENTRIES) : next
}
