import { CodedError } from '../../../../shared/codedError'

/** Where a secret lives (the OS keychain in production): the API key, or under another account the conversation file's HMAC secret. */
export interface SecretStore {
  /** Resolves null when no key is stored; rejects with a {@link SecretStoreUnavailableError} when the store cannot be reached. */
  getKey(): Promise<string | null>
  setKey(key: string): Promise<void>
  deleteKey(): Promise<void>
}

/**
 * Why a keychain could not be used: `absent` (no keychain on this computer, or none this build
 * can reach: nothing can be stored there either), `locked` (it exists but is locked, e.g.
 * "Cannot unlock collection"), `refused` (the user or the system refused access, e.g. "The user
 * dismissed the prompt"), `failed` (anything else).
 */
export type KeychainTrouble = 'absent' | 'locked' | 'refused' | 'failed'

/** Raised by a SecretStore when the keychain itself is missing, locked or refused. */
export class SecretStoreUnavailableError extends CodedError<'KEYCHAIN_UNAVAILABLE'> {
  readonly trouble: KeychainTrouble
  constructor(message: string, options?: { cause?: unknown; trouble?: KeychainTrouble }) {
    super('KEYCHAIN_UNAVAILABLE', message, { cause: options?.cause, params: { trouble: options?.trouble ?? 'absent' } })
    this.trouble = options?.trouble ?? 'absent'
  }
}
