import type { Notice } from '../../../../shared/ipcContract'

/** Notices for the status line, in reading order; null when there is nothing to say. */
export type StatusNotes = readonly Notice[] | null

/** Several notes for the status line as one list, any of which may be missing. */
export function joinNotes(...notes: (StatusNotes | undefined)[]): Notice[] | null {
  const joined = notes.flatMap((n) => n ?? [])
  return joined.length ? joined : null
}

/** One notice as a status line note. */
export function note(code: string, params?: Notice['params']): Notice[] {
  return [params ? { code, params } : { code }]
}
