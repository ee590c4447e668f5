import type { SessionStatus } from '../../../shared/ipcContract'
import { describeError, describeNotices, type DescribableError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

/** A status line's detail as an English user reads it (its notices worded from the catalogue), or null. */
export function detailWords(status: Pick<SessionStatus, 'detail'>): string | null {
  return describeNotices(status.detail, wordingFor('en'))
}

/** A status with its detail as an English user reads it, to compare whole statuses against words. */
export function statusWords<T extends Pick<SessionStatus, 'detail'>>(status: T): Omit<T, 'detail'> & { detail: string | null } {
  return { ...status, detail: detailWords(status) }
}

/** An error as an English user reads it: its code with the catalogue's message and action. */
export function errorWords(error: DescribableError): { code: string; message: string; action: string | null } {
  return { code: error.code, ...describeError(error, wordingFor('en')) }
}
