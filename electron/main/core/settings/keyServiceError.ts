import { CodedError } from '../../../../shared/codedError'

/** Why a key operation was refused; the IPC router passes `code` and `message` to the UI as they are. */
export type KeyServiceErrorCode =
  /** Google refused the key (the Live server closed with 1007), or it cannot be a key at all. */
  | 'INVALID_API_KEY'
  /** The key could not be checked (network, endpoint, quota): it was not stored, try again. */
  | 'KEY_CHECK_FAILED'
  /** The OS keychain is missing, locked or refused: offer to keep the key for this run only. */
  | 'KEYCHAIN_UNAVAILABLE'

/** A typed failure from {@link KeyService}; its message is plain language and never contains the key. */
export class KeyServiceError extends CodedError<KeyServiceErrorCode> {}
