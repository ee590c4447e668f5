import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppSnapshot, ErrorParams } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'

/** An error on screen: code and params (worded by shared/errorMessages.ts), with an id so it can be dismissed. */
export interface ShownError {
  id: number
  code: string
  message: string
  params?: ErrorParams
  action: string | null
  /** Main keeps it pending (a notice); dismissing it here dismisses it in every window. */
  isFromMain: boolean
}

/** How many errors show at once; the oldest goes first. */
export const MAX_SHOWN_ERRORS = 5

type IncomingError = Omit<ShownError, 'id' | 'isFromMain' | 'action'> & { action?: string | null }

/**
 * The window's one error list: main's pending notices (from the snapshot, then `onError`) and
 * the window's own failures (audio, a refused request). Each error shows once: the same code
 * replaces its older copy, wherever it came from.
 */
export const useErrorStore = defineStore('errors', () => {
  const errors = ref<ShownError[]>([])
  let nextId = 1

  function add(error: IncomingError, isFromMain: boolean): void {
    const shown: ShownError = { action: null, ...error, id: nextId++, isFromMain }
    errors.value = [...errors.value.filter((e) => e.code !== error.code), shown].slice(-MAX_SHOWN_ERRORS)
  }

  /** Shows a failure of this window's own (audio, a refused request). */
  function show(error: IncomingError): void {
    add(error, false)
  }

  /** Follows main's errors; returns the unsubscribe. */
  function listen(): () => void {
    return getSightline().onError((error) => add(error, true))
  }

  /** Main's pending notices, as a window that just opened (or reloaded) must show them. */
  function applySnapshot(snapshot: AppSnapshot): void {
    const own = errors.value.filter((e) => !e.isFromMain && !snapshot.notices.some((n) => n.code === e.code))
    errors.value = own
    for (const notice of snapshot.notices) add(notice, true)
  }

  /** Removes an error; one of main's notices is dismissed in main too, so no other window shows it again. */
  function dismiss(id: number): void {
    const error = errors.value.find((e) => e.id === id)
    errors.value = errors.value.filter((e) => e.id !== id)
    if (error?.isFromMain) void getSightline().dismissNotice({ code: error.code })
  }

  /** Drops an error of this window's own once it no longer applies (audio works again). */
  function clear(code: string): void {
    errors.value = errors.value.filter((e) => e.code !== code || e.isFromMain)
  }

  return { errors, show, listen, applySnapshot, dismiss, clear }
})
