import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppError, AppSnapshot, ErrorParams } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'

/** An error on screen: code and params (worded from the catalogue's `errors`), with an id so it can be dismissed. */
export interface ShownError {
  id: number
  code: string
  /** English for developers (the log, a test's failure message); the user reads the catalogue's words. */
  message: string
  params?: ErrorParams
  /** Main keeps it pending (a notice); dismissing it here dismisses it in every window. */
  isFromMain: boolean
  /** What "Retry" does for a failure of this window's own (save the settings again); none for main's. */
  retry?: () => void
}

/** How many errors show at once; the oldest goes first. */
export const MAX_SHOWN_ERRORS = 5

type IncomingError = Omit<ShownError, 'id' | 'isFromMain' | 'retry'>

/**
 * The window's one error list, and the only place an error shows: main's pending notices (from
 * the snapshot, then `onError` and `onNoticesChanged`) and the window's own failures (audio, a
 * refused request, a settings save, the startup failure). Each error shows once: the same code
 * replaces its older copy, wherever it came from.
 */
export const useErrorStore = defineStore('errors', () => {
  const errors = ref<ShownError[]>([])
  let nextId = 1

  function add(error: IncomingError, isFromMain: boolean, retry?: () => void): void {
    const shown: ShownError = { ...error, id: nextId++, isFromMain, ...(retry ? { retry } : {}) }
    errors.value = [...errors.value.filter((e) => e.code !== error.code), shown].slice(-MAX_SHOWN_ERRORS)
  }

  /** Shows a failure of this window's own (audio, a refused request); `retry` backs a Retry button. */
  function show(error: IncomingError, options?: { retry?: () => void }): void {
    add(error, false, options?.retry)
  }

  /** Follows main's errors and its pending list (a notice dismissed in another window goes here too); returns the unsubscribe. */
  function listen(): () => void {
    const sightline = getSightline()
    const stops = [sightline.onError((error) => add(error, true)), sightline.onNoticesChanged((notices) => followPending(notices))]
    return () => stops.forEach((stop) => stop())
  }

  /** Main's pending notices, as a window that just opened (or reloaded) must show them. */
  function applySnapshot(snapshot: AppSnapshot): void {
    followPending(snapshot.notices)
  }

  /**
   * Main's notices become exactly `pending`, in place: one no longer pending goes, a new one is
   * added; this window's own failures stay unless main now holds the same code.
   */
  function followPending(pending: readonly AppError[]): void {
    const isPending = (e: ShownError) => pending.some((n) => n.code === e.code && n.message === e.message)
    errors.value = errors.value.filter((e) => (e.isFromMain ? isPending(e) : !pending.some((n) => n.code === e.code)))
    for (const notice of pending) if (!errors.value.some((e) => e.isFromMain && e.code === notice.code)) add(notice, true)
  }

  /** Removes an error; one of main's notices is dismissed in main too, so no other window shows it again. */
  function dismiss(id: number): void {
    const error = errors.value.find((e) => e.id === id)
    errors.value = errors.value.filter((e) => e.id !== id)
    if (error?.isFromMain) void getSightline().dismissNotice({ code: error.code })
  }

  /** Drops an error of this window's own once it no longer applies (audio works again, the settings saved). */
  function clear(code: string): void {
    errors.value = errors.value.filter((e) => e.code !== code || e.isFromMain)
  }

  return { errors, show, listen, applySnapshot, dismiss, clear }
})
