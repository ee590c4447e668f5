import type { Clock, ConversationStore, HistoryExchangeWrite, HistoryStore, Logger } from '../ports'
import { importStoredConversation } from './importStoredConversation'

/** The meta key that marks conversation.json as imported (it is imported once). */
export const JSON_IMPORT_META_KEY = 'imported-conversation-json'
/** The meta key naming the conversation still open (not ended by the user) when the app last ran. */
export const OPEN_CONVERSATION_META_KEY = 'open-conversation'

/** What links history to the conversation the session keeps for resumption (conversation.json). */
export interface KeptConversationLink {
  store: HistoryStore
  conversationStore: ConversationStore
  clock: Clock
  logger: Logger
}

/**
 * Imports the conversation the JSON store of earlier versions kept, once (a meta key marks it
 * done, even when there was nothing to import). The file stays where it is: the session still
 * resumes from its handle, and history carries on the imported conversation. A failure is
 * logged and tried again at the next start.
 */
export async function importKeptConversationOnce(link: KeptConversationLink, secrets: readonly string[]): Promise<void> {
  const { store, conversationStore, clock, logger } = link
  try {
    if (await store.getMeta(JSON_IMPORT_META_KEY)) return
    const kept = await conversationStore.load()
    const writes: HistoryExchangeWrite[] = kept ? importStoredConversation(kept, secrets) : []
    await store.saveExchanges(writes)
    await store.setMeta(JSON_IMPORT_META_KEY, new Date(clock.now()).toISOString())
    if (writes.length > 0) {
      await store.setMeta(OPEN_CONVERSATION_META_KEY, writes[0]!.conversation.id)
      logger.info('imported the kept conversation into history', { exchanges: writes.length })
    }
  } catch (error) {
    logger.warn('could not import the kept conversation into history; will try again next start', { error })
  }
}

/**
 * The history conversation the session will resume after this restart: the one still open when
 * the app last ran, while the kept conversation is young enough to resume (`resumableForMs`, the
 * handle lifetime). Null when the user ended it, or it is too old, or unreadable.
 */
export async function findResumedConversation(
  link: KeptConversationLink,
  resumableForMs: number,
): Promise<{ conversation: HistoryExchangeWrite['conversation']; lastSeq: number } | null> {
  const { store, conversationStore, clock, logger } = link
  try {
    const openId = await store.getMeta(OPEN_CONVERSATION_META_KEY)
    if (!openId) return null
    const kept = await conversationStore.load()
    const age = kept ? clock.now() - kept.lastConnectedAt : Number.POSITIVE_INFINITY
    if (age < 0 || age > resumableForMs) return null
    const conversation = await store.getConversation(openId)
    if (!conversation) return null
    return {
      conversation: { id: conversation.id, startedAt: conversation.startedAt, continuedFrom: conversation.continuedFrom },
      lastSeq: Math.max(0, ...conversation.exchanges.map((x) => x.seq)),
    }
  } catch (error) {
    logger.warn('could not carry on the kept conversation in history', { error })
    return null
  }
}
