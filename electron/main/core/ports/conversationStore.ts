import { CodedError } from '../../../../shared/codedError'

/** The conversation as kept between app runs: enough to resume it, and never the key. */
export interface StoredConversation {
  /** The model the handle belongs to (a resumed session cannot change the model). */
  modelId: string
  /** The newest handle the server marked resumable, or null when there was none yet. */
  handle: string | null
  /** When the conversation was last known to be connected (ms since the epoch); the handle's lifetime counts from here. */
  lastConnectedAt: number
  /** What was said, oldest first, bounded by the engine. */
  transcript: { role: 'user' | 'model'; text: string }[]
}

/** Where the current conversation is kept across an app restart (a JSON file in production). */
export interface ConversationStore {
  /**
   * Resolves null when nothing usable is stored (missing or unreadable); rejects with a
   * {@link ConversationRefusedError} when something is stored but failed authentication.
   */
  load(): Promise<StoredConversation | null>
  save(conversation: StoredConversation): Promise<void>
  clear(): Promise<void>
}

/** A stored conversation failed authentication (edited, planted, or its secret is gone): it is not restored, and the user is told. */
export class ConversationRefusedError extends CodedError<'CONVERSATION_REFUSED'> {
  constructor(readonly why: string) {
    super('CONVERSATION_REFUSED', `The saved conversation was refused: ${why}.`)
  }
}
