import { CodedError } from '../../../../shared/codedError'
import type { KeychainTrouble } from '../../../../shared/ipcContract'

export type { KeychainTrouble }

/** Where a secret lives (the OS keychain in production): the API key, or under another account the conversation file's HMAC secret. */
export interface SecretStore {
  /** Resolves null when no key is stored; rejects with a {@link SecretStoreUnavailableError} when the store cannot be reached. */
  getKey(): Promise<string | null>
  setKey(key: string): Promise<void>
  deleteKey(): Promise<void>
}

/**
 * Raised by a SecretStore when the keychain itself is missing, locked or refused; `trouble` says
 * which (shared/ipcContract.ts KEYCHAIN_TROUBLES): with `absent` or `unloadable` nothing can be
 * stored there either.
 */
export class SecretStoreUnavailableError extends CodedError<'KEYCHAIN_UNAVAILABLE'> {
  readonly trouble: KeychainTrouble
  constructor(message: string, options?: { cause?: unknown; trouble?: KeychainTrouble }) {
    super('KEYCHAIN_UNAVAILABLE', message, { cause: options?.cause, params: { trouble: options?.trouble ?? 'absent' } })
    this.trouble = options?.trouble ?? 'absent'
  }
}
