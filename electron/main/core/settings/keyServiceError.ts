import { CodedError } from '../../../../shared/codedError'
import type { ErrorParams } from '../../../../shared/ipcContract'

/** Why a key operation was refused; the IPC router passes `code` and `message` to the UI as they are. */
export type KeyServiceErrorCode =
  /** Google refused the key (the Live server closed with 1007), or it cannot be a key at all. */
  | 'INVALID_API_KEY'
  /** The key could not be checked (network, endpoint, quota): it was not stored, try again. */
  | 'KEY_CHECK_FAILED'
  /** The OS keychain is missing, locked or refused: offer to keep the key for this run only. */
  | 'KEYCHAIN_UNAVAILABLE'
  /** Reading the key failed because the keychain is locked or refused access: a key may be there; say how to get at it. */
  | 'KEYCHAIN_LOCKED'

/**
 * A typed failure from {@link KeyService}: the code and params are what the user is shown (worded
 * from the catalogue's `errors`); the message is for the log and never contains the key.
 */
export class KeyServiceError extends CodedError<KeyServiceErrorCode> {
  constructor(code: KeyServiceErrorCode, message: string, options?: { cause?: unknown; params?: ErrorParams }) {
    super(code, message, options)
  }
}
