import type { KeyStatus } from '../../../../shared/ipcContract'
import { SecretStoreUnavailableError, type KeychainTrouble, type Logger, type SecretStore } from '../ports'
import { redactSecrets } from '../redact'
import { KeyServiceError } from './keyServiceError'

/** The environment variable that overrides the keychain for one run (developers, managed machines). */
export const API_KEY_ENV_VAR = 'GEMINI_API_KEY'

/** Where a new key should live: the OS keychain, or this process's memory until it exits. */
export type KeyPlace = 'keychain' | 'memory'

/** Checks a key with Google before it is kept; rejects (code `INVALID_API_KEY` or close code 1007) when it is refused. */
export type KeyValidator = (key: string) => Promise<void>

export interface KeyServiceOptions {
  store: SecretStore
  /** The process environment, injected so tests and the harness control the override. */
  env: Readonly<Record<string, string | undefined>>
  validateKey: KeyValidator
  logger?: Logger
}

/** How many keys handled this run are remembered for log redaction (pasted, rejected, replaced). */
const MAX_REMEMBERED_SECRETS = 16

/**
 * Decides which API key the engine uses and keeps it out of everything else.
 *
 * Precedence: `GEMINI_API_KEY` from the environment, then a key the user chose to keep in
 * memory for this run (their latest explicit choice), then the OS keychain. Only
 * {@link KeyService.getKey} returns the key itself; what the renderer sees is a {@link KeyStatus}
 * carrying the last four characters at most.
 */
export class KeyService {
  private readonly store: SecretStore
  private readonly env: Readonly<Record<string, string | undefined>>
  private readonly validateKey: KeyValidator
  private readonly logger: Logger | undefined
  private memoryKey: string | null = null
  private keychainKey: string | null = null
  /** Why the last keychain read failed. */
  private keychainReadTrouble: KeychainTrouble | null = null
  /**
   * Why the last keychain write failed. Kept until a write succeeds: a locked Secret Service
   * answers reads with "nothing stored" and only refuses writes, so a good read proves nothing.
   */
  private keychainWriteTrouble: KeychainTrouble | null = null
  private readonly seenSecrets = new Set<string>()

  constructor(options: KeyServiceOptions) {
    this.store = options.store
    this.env = options.env
    this.validateKey = options.validateKey
    this.logger = options.logger
    const fromEnv = this.environmentKey()
    if (fromEnv) this.remember(fromEnv)
  }

  /** What the renderer may know: whether a key is set, its last four characters, and where it lives. */
  async status(): Promise<KeyStatus> {
    await this.readKeychain()
    const fromEnv = this.environmentKey()
    const [key, source] = fromEnv
      ? [fromEnv, 'environment' as const]
      : this.memoryKey
        ? [this.memoryKey, 'memory' as const]
        : this.keychainKey
          ? [this.keychainKey, 'keychain' as const]
          : [null, 'none' as const]
    return {
      isSet: key !== null,
      lastFour: key === null ? null : lastFour(key),
      source,
      keychainAvailable: this.keychainTrouble() === null,
      keychainTrouble: this.keychainTrouble(),
    }
  }

  /**
   * The key to open a Live session with, or null when none is set. For the engine only: never
   * send it anywhere else. A key read from the keychain once is kept for the rest of the run, so
   * reconnects (after a wake, an unlock, a lost network) never ask the keychain again, and a
   * keychain that locks meanwhile cannot end the session.
   *
   * Rejects with {@link KeyServiceError} `KEYCHAIN_LOCKED` when the keychain is there but locked
   * or refused access ("The user dismissed the prompt", "Cannot unlock collection"): that is not
   * "no key" (issue 13.10). A computer with no keychain at all has no key in it: null.
   */
  async getKey(): Promise<string | null> {
    const fromEnv = this.environmentKey()
    if (fromEnv) return fromEnv
    if (this.memoryKey) return this.memoryKey
    if (this.keychainKey) return this.keychainKey
    const trouble = await this.readKeychain()
    if (trouble && trouble.trouble !== 'absent' && trouble.trouble !== 'unloadable') throw keychainLockedError(trouble)
    return this.keychainKey
  }

  /**
   * Checks the key with Google, then keeps it where the user asked. Nothing is stored when the
   * check fails ({@link KeyServiceError} `INVALID_API_KEY` or `KEY_CHECK_FAILED`) or when the
   * keychain cannot take it (`KEYCHAIN_UNAVAILABLE`: offer `memory` instead).
   */
  async setKey(rawKey: string, keepIn: KeyPlace): Promise<KeyStatus> {
    const key = rawKey.trim()
    if (!/^[\x21-\x7e]{8,256}$/.test(key)) {
      throw new KeyServiceError('INVALID_API_KEY', 'That does not look like an API key. Copy it again from Google AI Studio.')
    }
    this.remember(key)
    try {
      await this.validateKey(key)
    } catch (error) {
      throw this.validationFailure(error)
    }
    if (keepIn === 'memory') {
      this.memoryKey = key
      this.logger?.info('api key kept in memory for this run')
      return this.status()
    }
    try {
      await this.store.setKey(key)
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) {
        this.keychainWriteTrouble = error.trouble
        throw new KeyServiceError(
          'KEYCHAIN_UNAVAILABLE',
          `${error.message} The key was not saved. You can keep it for this run only; it will not be written anywhere.`,
          { cause: error },
        )
      }
      throw error
    }
    this.keychainKey = key
    this.keychainReadTrouble = null
    this.keychainWriteTrouble = null
    this.memoryKey = null
    this.logger?.info('api key saved in the keychain')
    return this.status()
  }

  /** Forgets the key kept in memory and deletes the one in the keychain. A key from the environment stays in force. */
  async removeKey(): Promise<KeyStatus> {
    this.memoryKey = null
    try {
      await this.store.deleteKey()
      this.keychainKey = null
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error
      this.keychainWriteTrouble = error.trouble
    }
    this.logger?.info('api key removed')
    return this.status()
  }

  /** Every key this run has handled, for the logger's redaction; contains secrets, so never send it anywhere. */
  knownSecrets(): string[] {
    return [...this.seenSecrets]
  }

  private environmentKey(): string | null {
    const value = this.env[API_KEY_ENV_VAR]?.trim()
    return value ? value : null
  }

  /**
   * Reads the keychain; resolves with the trouble when it could not be read. A key read earlier
   * is kept when a later read fails or finds nothing: a Secret Service that locked since answers
   * "nothing stored", and the key did not go away (Sightline's own removal clears it; a key
   * deleted from outside Sightline is dropped at the next start).
   */
  private async readKeychain(): Promise<SecretStoreUnavailableError | null> {
    try {
      this.keychainKey = (await this.store.getKey()) ?? this.keychainKey
      this.keychainReadTrouble = null
      if (this.keychainKey) this.remember(this.keychainKey)
      return null
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error
      this.keychainReadTrouble = error.trouble
      this.logger?.warn('the keychain could not be read', { trouble: error.trouble, error: error.message })
      return error
    }
  }

  private keychainTrouble(): KeychainTrouble | null {
    return this.keychainReadTrouble ?? this.keychainWriteTrouble
  }

  private validationFailure(error: unknown): KeyServiceError {
    if (isInvalidKeyError(error)) {
      return new KeyServiceError('INVALID_API_KEY', 'Google did not accept this API key. Check that you copied all of it.', {
        cause: error,
      })
    }
    const detail = error instanceof Error ? redactSecrets(error.message, this.knownSecrets()) : 'unknown error'
    return new KeyServiceError('KEY_CHECK_FAILED', `The key could not be checked, so it was not saved: ${detail}`, {
      cause: error,
    })
  }

  private remember(key: string): void {
    this.seenSecrets.delete(key)
    this.seenSecrets.add(key)
    if (this.seenSecrets.size > MAX_REMEMBERED_SECRETS) {
      const oldest = this.seenSecrets.values().next().value
      if (oldest !== undefined) this.seenSecrets.delete(oldest)
    }
  }
}

/**
 * The keychain is there but would not give the key: code KEYCHAIN_LOCKED (the catalogue says how
 * to get at it), with what the keychain said as `keychainSaid`, redacted; `trouble` says which.
 */
function keychainLockedError(trouble: SecretStoreUnavailableError): KeyServiceError {
  const why = trouble.trouble === 'refused' ? 'access to the keychain was refused' : trouble.trouble === 'locked' ? 'the keychain is locked' : 'the keychain could not be read'
  const detail = redactSecrets(trouble.cause instanceof Error ? trouble.cause.message : trouble.message)
  return new KeyServiceError('KEYCHAIN_LOCKED', `Sightline could not read your Gemini API key: ${why} (the keychain said: "${detail}").`, {
    cause: trouble,
    params: { trouble: trouble.trouble, keychainSaid: detail },
  })
}

/** A refusal of the key itself: code `INVALID_API_KEY`, or the Live close code 1007 as `code` or `closeCode`. */
function isInvalidKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, closeCode } = error as { code?: unknown; closeCode?: unknown }
  return code === 'INVALID_API_KEY' || code === 1007 || closeCode === 1007
}

function lastFour(key: string): string | null {
  // A key this short is not a real key; showing four characters of it would show most of it.
  return key.length >= 8 ? key.slice(-4) : null
}
