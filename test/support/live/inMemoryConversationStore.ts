import type { ConversationStore, StoredConversation } from '../../../electron/main/core/ports'

/** A ConversationStore in memory: what a restarted app would read back, and every write made. */
export class InMemoryConversationStore implements ConversationStore {
  kept: StoredConversation | null = null
  saves = 0
  /** When set, every call fails (a disk that is full or gone). */
  isBroken = false

  async load(): Promise<StoredConversation | null> {
    if (this.isBroken) throw new Error('disk gone')
    return this.kept && structuredClone(this.kept)
  }

  async save(conversation: StoredConversation): Promise<void> {
    if (this.isBroken) throw new Error('disk full')
    this.saves++
    this.kept = structuredClone(conversation)
  }

  async clear(): Promise<void> {
    if (this.isBroken) throw new Error('disk gone')
    this.kept = null
  }
}
