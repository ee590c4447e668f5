import { ConversationRefusedError, type Clock, type ConversationStore, type Logger, type StoredConversation } from '../../ports'
import { redactSecrets } from '../../redact'
import type { ConversationMemory } from './conversationMemory'
import type { RecoveryNotes } from '../recovery/recoveryLoop'
import type { ResumptionState } from '../recovery/resumptionState'
import { note } from '../statusNotes'

const RESTORED_NOTE = note('CONVERSATION_RESTORED')
const RESTORED_FRESH_NOTE = note('CONVERSATION_RESTORED_FRESH')
const REFUSED_NOTE = note('CONVERSATION_NOT_VERIFIED')

/**
 * Keeps the conversation (resumption handle, its time, the bounded transcript; never the key)
 * in the {@link ConversationStore} so it can be resumed after an app restart while the handle
 * lives. What the store hands back is untrusted: a file that failed authentication is forgotten
 * and the user is told, and restored text only ever reaches the model as structured turns. Writes are coalesced: at most one is in flight and the newest state wins. A store that
 * fails is logged and otherwise ignored: persistence must never break a live session.
 */
export class ConversationKeeper {
  private isDirty = false
  private writing: Promise<void> | null = null

  constructor(
    private readonly deps: {
      store?: ConversationStore
      clock: Clock
      logger: Logger
      lifetimeMs: number
      resumption: ResumptionState
      memory: ConversationMemory
      /** The model in use, for a conversation that has no handle yet. */
      modelId: () => string | undefined
      /** Masked wherever they appear in the transcript (the key, should the user have typed it). */
      secrets: () => readonly string[]
    },
  ) {}

  /**
   * Loads the kept conversation into the resumption state and memory while its handle may still
   * live (an older one is forgotten), and returns what to tell the user when it is continued.
   */
  async restore(): Promise<RecoveryNotes> {
    const { store, clock, lifetimeMs, resumption, memory } = this.deps
    if (!store) return {}
    let kept: StoredConversation | null = null
    try {
      kept = await store.load()
    } catch (error) {
      if (error instanceof ConversationRefusedError) {
        this.deps.logger.warn('kept conversation refused; forgetting it', { why: error.why })
        await this.clear()
        return { fresh: REFUSED_NOTE }
      }
      this.deps.logger.warn('could not read the kept conversation', { error })
    }
    if (!kept) return {}
    const age = clock.now() - kept.lastConnectedAt
    if (age < 0 || age > lifetimeMs) {
      this.deps.logger.info('kept conversation is too old to resume; forgetting it', { ageMs: age })
      await this.clear()
      return {}
    }
    if (kept.handle) resumption.restore(kept.handle, kept.modelId, kept.lastConnectedAt)
    memory.restore(kept.transcript)
    return { resumed: RESTORED_NOTE, fresh: memory.isEmpty ? null : RESTORED_FRESH_NOTE }
  }

  /** Saves the conversation as it is when the write happens (nothing when there is nothing to resume). */
  save(): void {
    if (!this.deps.store) return
    this.isDirty = true
    this.writing ??= this.drain().finally(() => {
      this.writing = null
    })
  }

  /** Forgets the conversation (the user ended it). */
  async clear(): Promise<void> {
    this.isDirty = false
    await this.flush()
    try {
      await this.deps.store?.clear()
    } catch (error) {
      this.deps.logger.warn('could not forget the kept conversation', { error })
    }
  }

  /** Resolves once every requested write is on disk (or failed and was logged). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** What goes on disk: no key, a bounded transcript, and the time the handle's lifetime counts from. */
  snapshot(): StoredConversation | null {
    const { handle, modelId, disconnectedAt } = this.deps.resumption.snapshot()
    const secrets = this.deps.secrets()
    const transcript = this.deps.memory.lines().map((l) => ({ role: l.role, text: redactSecrets(l.text, secrets) }))
    const model = modelId ?? this.deps.modelId()
    if ((!handle && transcript.length === 0) || !model) return null
    return { modelId: model, handle, lastConnectedAt: disconnectedAt ?? this.deps.clock.now(), transcript }
  }

  private async drain(): Promise<void> {
    while (this.isDirty) {
      this.isDirty = false
      try {
        const conversation = this.snapshot()
        if (conversation) await this.deps.store!.save(conversation)
      } catch (error) {
        this.deps.logger.warn('could not keep the conversation', { error })
      }
    }
  }
}
