import { SecretStoreUnavailableError, type KeychainTrouble, type SecretStore } from '../core/ports'

/** The keychain service name the key is filed under (macOS Keychain "Where", Secret Service `service` attribute). Never change it: existing keys would be orphaned. */
export const KEYCHAIN_SERVICE = 'Sightline'
/** The keychain account name for the Gemini API key (Secret Service `account` attribute). */
export const KEYCHAIN_ACCOUNT = 'gemini-api-key'
/** The keychain account for managed mode: the token service address and access code, as one JSON secret. */
export const MANAGED_KEYCHAIN_ACCOUNT = 'sightline-managed'

/** The part of keytar this adapter uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarSecretStoreOptions {
  service?: string
  account?: string
  /** Loads keytar; injectable so a missing native module can be simulated. */
  loadKeytar?: () => Promise<KeytarApi>
}

/**
 * The API key in the OS keychain through keytar: macOS Keychain, Windows Credential Manager,
 * Secret Service (gnome-keyring, KWallet) on Linux.
 *
 * keytar is a CommonJS native module. It is imported lazily, on first use, so a missing or
 * broken native build becomes a {@link SecretStoreUnavailableError} ("offer memory") instead
 * of a crash at startup. Every keytar failure is reported as that error with a plain message;
 * the original error is kept as `cause` for the log.
 */
export class KeytarSecretStore implements SecretStore {
  private readonly service: string
  private readonly account: string
  private readonly loadKeytar: () => Promise<KeytarApi>
  private keytar: Promise<KeytarApi> | null = null

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE
    this.account = options.account ?? KEYCHAIN_ACCOUNT
    this.loadKeytar = options.loadKeytar ?? importKeytar
  }

  async getKey(): Promise<string | null> {
    const keytar = await this.api()
    try {
      const value = await keytar.getPassword(this.service, this.account)
      return value ? value : null
    } catch (error) {
      throw toUnavailable(error)
    }
  }

  async setKey(key: string): Promise<void> {
    const keytar = await this.api()
    try {
      await keytar.setPassword(this.service, this.account, key)
    } catch (error) {
      throw toUnavailable(error)
    }
  }

  async deleteKey(): Promise<void> {
    const keytar = await this.api()
    try {
      // false only means there was nothing to delete.
      await keytar.deletePassword(this.service, this.account)
    } catch (error) {
      throw toUnavailable(error)
    }
  }

  private async api(): Promise<KeytarApi> {
    this.keytar ??= this.loadKeytar()
    try {
      return await this.keytar
    } catch (error) {
      // Let a later call try again (a rebuilt module, a test swapping the loader).
      this.keytar = null
      throw new SecretStoreUnavailableError(
        'The keychain module could not be loaded on this computer, so the key cannot be saved in the keychain.',
        { cause: error, trouble: 'unloadable' },
      )
    }
  }
}

async function importKeytar(): Promise<KeytarApi> {
  // From ESM (and electron-vite's bundled main, where keytar stays external) a CommonJS module
  // arrives as `default`; some bundlers hand over the exports object itself.
  const module = (await import('keytar')) as unknown as { default?: KeytarApi } & Partial<KeytarApi>
  const api = module.default ?? (module as KeytarApi)
  if (typeof api.getPassword !== 'function') throw new Error('keytar did not export getPassword')
  return api
}

/**
 * Turns what libsecret, the macOS Security framework or the Windows credential API said into a
 * sentence a user can act on. Matching is on message text because keytar passes only strings.
 */
export function toUnavailable(error: unknown): SecretStoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error)
  return new SecretStoreUnavailableError(describeKeychainFailure(detail), { cause: error, trouble: keychainTrouble(detail) })
}

const TROUBLE_MESSAGES: Record<Exclude<KeychainTrouble, 'unloadable'>, string> = {
  absent: 'No keychain is available: this computer has no Secret Service running (such as GNOME Keyring or KWallet).',
  refused: 'Access to the keychain was refused.',
  locked: 'The keychain is locked or has no default keyring, so the key cannot be saved there.',
  failed: 'The keychain could not be used.',
}

/**
 * What kind of keychain trouble the platform's message describes: libsecret's D-Bus errors for
 * a missing Secret Service, "The user dismissed the prompt" / "User canceled the operation" for
 * a refusal, "Cannot unlock collection" / "locked" for a locked keychain (issue 13.10).
 */
export function keychainTrouble(detail: string): Exclude<KeychainTrouble, 'unloadable'> {
  const text = detail.toLowerCase()
  if (
    text.includes('org.freedesktop.secrets') ||
    text.includes('could not connect') ||
    text.includes('dbus-launch') ||
    text.includes('autolaunch') ||
    text.includes('no such interface') ||
    text.includes('serviceunknown')
  ) {
    return 'absent'
  }
  if (text.includes('dismissed') || text.includes('cancel') || text.includes('denied') || text.includes('not allowed')) return 'refused'
  if (text.includes('locked') || text.includes('unlock') || text.includes('object does not exist') || text.includes('no such object') || text.includes('collection')) {
    return 'locked'
  }
  return 'failed'
}

/** A plain description of a keychain failure, from the platform's own message. */
export function describeKeychainFailure(detail: string): string {
  return TROUBLE_MESSAGES[keychainTrouble(detail)]
}
