import type { SecretStore } from '../core/ports'

/** Keeps the key in this process only; the harness's store, and the unit tests'. Nothing is written anywhere. */
export class InMemorySecretStore implements SecretStore {
  private key: string | null = null

  async getKey(): Promise<string | null> {
    return this.key
  }

  async setKey(key: string): Promise<void> {
    this.key = key
  }

  async deleteKey(): Promise<void> {
    this.key = null
  }
}
