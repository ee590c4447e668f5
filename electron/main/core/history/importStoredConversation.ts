import type { HistoryExchangeWrite, StoredConversation } from '../ports'
import { redactSecrets } from '../redact'

/** The id the conversation kept by the JSON store gets in history, so importing twice cannot duplicate it. */
export const IMPORTED_CONVERSATION_ID = 'imported-conversation-json'

/**
 * The conversation the JSON store kept (conversation.json, issue 9) as history exchanges: each
 * user line with the model lines that follow it. The file has one time only (when it was last
 * connected), so every exchange gets that time. The file itself stays: its resumption handle
 * still lives there.
 */
export function importStoredConversation(stored: StoredConversation, secrets: readonly string[] = []): HistoryExchangeWrite[] {
  const at = stored.lastConnectedAt
  const conversation = { id: IMPORTED_CONVERSATION_ID, startedAt: at, continuedFrom: null }
  const pairs: { user: string[]; model: string[] }[] = []
  for (const line of stored.transcript) {
    const text = redactSecrets(line.text.trim(), secrets)
    if (!text) continue
    const last = pairs.at(-1)
    if (line.role === 'user' && (!last || last.model.length > 0)) pairs.push({ user: [text], model: [] })
    else if (line.role === 'user') last!.user.push(text)
    else if (!last) pairs.push({ user: [], model: [text] })
    else last.model.push(text)
  }
  return pairs.map((p, i) => ({
    conversation,
    exchange: {
      seq: i + 1,
      startedAt: at,
      endedAt: at,
      modelId: stored.modelId,
      userText: p.user.join(' '),
      modelText: p.model.join(' '),
      toolCalls: [],
      screenShared: false,
      interrupted: false,
      usage: null,
    },
  }))
}
