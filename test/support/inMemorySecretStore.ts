import { SecretStoreUnavailableError, type SecretStore } from '../../electron/main/core/ports'

/** A keychain in a variable; `unavailableBecause` makes every call fail as a missing keychain would. */
export class InMemorySecretStore implements SecretStore {
  value: string | null = null
  unavailableBecause: string | null = null
  /** Reads succeed (finding nothing) but writes fail, as a locked Secret Service behaves. */
  lockedBecause: string | null = null
  writes = 0

  async getKey(): Promise<string | null> {
    this.check()
    return this.lockedBecause ? null : this.value
  }

  async setKey(key: string): Promise<void> {
    this.check()
    if (this.lockedBecause) throw new SecretStoreUnavailableError(this.lockedBecause, { trouble: 'locked' })
    this.writes += 1
    this.value = key
  }

  async deleteKey(): Promise<void> {
    this.check()
    this.value = null
  }

  private check(): void {
    if (this.unavailableBecause) throw new SecretStoreUnavailableError(this.unavailableBecause)
  }
}
