import type { ErrorParams, Notice } from '../ipcContract'
import { formatDateTime } from './format'
import type { Translate } from './translate'

/**
 * What an edge words with: a translator over the catalogue, whether a key exists in it, and the
 * UI locale its moments are formatted in (English when absent).
 */
export interface Wording {
  t: Translate
  has(key: string): boolean
  locale?: string
}

/** An error as the user reads it. */
export interface ErrorWords {
  message: string
  action: string | null
}

/** What an edge needs to word an error: any AppError, IpcError or CodedError fits. */
export interface DescribableError {
  code: string
  params?: ErrorParams
}

/**
 * Parameters that add a sentence of their own after the message (`errors.detail.<name>`), in this
 * order. Core sets them wherever they apply (a close's `reason`, a settings file's `backupPath`),
 * so no message has to spell out every combination.
 */
const DETAIL_PARAMS = ['replacedFrom', 'droppedOptions', 'resetFields', 'backupPath', 'reason', 'keychainSaid', 'closeCode'] as const

/**
 * Parameters that are moments: core sends epoch ms, and the edge words them with `Intl` in its
 * language (`formatDateTime`: en "Nov 20, 2026, 9:00 AM", de "20.11.2026, 09:00").
 */
const MOMENT_PARAMS = ['when'] as const

/**
 * Words for an error, from the catalogue's `errors` section: `errors.<code>.message` filled with
 * the params, then the sentence for a `refusal` code (`errors.refusal.<value>`, with the same
 * params: why the OS refused a shortcut, why a press of the selection hotkey sent nothing) and one per detail param present, and `errors.<code>.action` when there is
 * one. A code the catalogue lacks reads as `errors.UNKNOWN` naming the code, never as the error's
 * own English `message` (test/unit/i18n/errorCatalogue.test.ts checks every raised code is there).
 */
export function describeError(error: DescribableError, wording: Wording): ErrorWords {
  const params = wordedParams(error.params, wording)
  const base = isCode(error.code) && wording.has(`errors.${error.code}.message`) ? `errors.${error.code}` : null
  if (!base) return { message: wording.t('errors.UNKNOWN.message', { code: error.code }), action: wording.t('errors.UNKNOWN.action') }
  const details = DETAIL_PARAMS.filter((name) => params[name] !== undefined && params[name] !== '').map((name) => wording.t(`errors.detail.${name}`, params))
  const refusal = refusalKey(params)
  if (refusal && wording.has(refusal)) details.unshift(wording.t(refusal, params))
  return {
    message: [wording.t(`${base}.message`, params), ...details].join(' '),
    action: wording.has(`${base}.action`) ? wording.t(`${base}.action`, params) : null,
  }
}

/**
 * Words for one notice: `notices.<code>` (then the sentence for its `refusal` code, as for
 * errors), else the message of the error with that code.
 */
export function describeNotice(notice: Notice, wording: Wording): string {
  if (!isCode(notice.code) || !wording.has(`notices.${notice.code}`)) return describeError(notice, wording).message
  const params = wordedParams(notice.params, wording)
  const refusal = refusalKey(params)
  return [wording.t(`notices.${notice.code}`, params), ...(refusal && wording.has(refusal) ? [wording.t(refusal, params)] : [])].join(' ')
}

/** The status line's detail: its notices in order, as one line; null when there are none. */
export function describeNotices(notices: readonly Notice[] | null, wording: Wording): string | null {
  if (!notices?.length) return null
  return notices.map((notice) => describeNotice(notice, wording)).join(' ')
}

/** Codes are upper snake case; anything else (`constructor`, `detail`) never names a catalogue entry. */
function isCode(code: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(code)
}

/** The catalogue key saying why the OS refused (a shortcut, the keyboard hook), from the `refusal` param. */
function refusalKey(params: Record<string, string | number>): string | null {
  return typeof params.refusal === 'string' && isCode(params.refusal) ? `errors.refusal.${params.refusal}` : null
}

/** The params with each moment (a number in a {@link MOMENT_PARAMS} name) worded in the wording's locale. */
function wordedParams(params: ErrorParams | undefined, wording: Wording): Record<string, string | number> {
  const out = { ...params }
  for (const name of MOMENT_PARAMS) {
    const value = out[name]
    if (typeof value === 'number') out[name] = formatDateTime(value, wording.locale ?? 'en')
  }
  return out
}
