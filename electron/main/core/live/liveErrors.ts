import { CodedError } from '../../../../shared/codedError'
import type { CloseVerdict } from './recovery/closeCodes'

/**
 * Why a Live connection could not be opened. Transports reject `connect` with this so the
 * engine can tell a refused setup (the server closed with a code and a reason) from a socket
 * that never got that far. Messages are already free of the key.
 */
export class LiveTransportError extends CodedError<'LIVE_SETUP_REFUSED' | 'LIVE_CONNECT_FAILED'> {
  /** The WebSocket close code, or null when the socket never closed with one (refused, timed out). */
  readonly closeCode: number | null
  readonly reason: string
  /** Set when the cause is known better than the close code says (e.g. managed mode's token service); used instead of classifying the close. */
  readonly verdict: CloseVerdict | undefined

  /** Code `LIVE_SETUP_REFUSED` when the server closed before `setupComplete`, else `LIVE_CONNECT_FAILED`. */
  constructor(closeCode: number | null, reason: string, options?: { cause?: unknown; verdict?: CloseVerdict }) {
    super(
      closeCode === null ? 'LIVE_CONNECT_FAILED' : 'LIVE_SETUP_REFUSED',
      closeCode === null ? `Live connection failed: ${reason}` : `Live setup refused (${closeCode}): ${reason}`,
      { cause: options?.cause, params: closeCode === null ? { reason } : { closeCode, reason } },
    )
    this.closeCode = closeCode
    this.reason = reason
    this.verdict = options?.verdict
  }
}
