import type { HistoryConversation, HistoryConversationSummary, HistoryExchange } from '../../../../shared/history'

/** One exchange to keep, with the conversation it belongs to (created on its first exchange). */
export interface HistoryExchangeWrite {
  conversation: { id: string; startedAt: number; continuedFrom: string | null }
  exchange: HistoryExchange
}

/**
 * A search as the store runs it (built by core/history/searchQuery.ts): `match` is a complete,
 * safe FTS5 expression or null; every `contains` string must appear too (strings too short for
 * the trigram index, matched with LIKE).
 */
export interface HistorySearchPlan {
  match: string | null
  contains: string[]
  limit: number
}

/** A search hit before snippets: the whole exchange's text, for core to cut and highlight. */
export interface HistoryStoreHit {
  conversation: HistoryConversationSummary
  exchange: HistoryExchange
}

/** What opening the database found, for the user to hear once. */
export interface HistoryOpenNotice {
  kind: 'recovered-corrupt' | 'read-only-newer'
  /** Where the unreadable file was moved (`history.db.corrupt-<time>`). */
  backupPath: string | null
}

/** The local conversation history (SQLite through node:sqlite in production). Methods reject on I/O failure. */
export interface HistoryStore {
  /** True when the database came from a newer app version: reads work, writes reject. */
  readonly isReadOnly: boolean
  /** What opening found (corruption recovered, read-only); told to the user once. */
  readonly notices: readonly HistoryOpenNotice[]
  /** Keeps these exchanges in one transaction (upserts by conversation and seq). */
  saveExchanges(writes: readonly HistoryExchangeWrite[]): Promise<void>
  /** Conversations, most recently active first. */
  listConversations(limit: number): Promise<HistoryConversationSummary[]>
  getConversation(id: string): Promise<HistoryConversation | null>
  search(plan: HistorySearchPlan): Promise<HistoryStoreHit[]>
  deleteConversation(id: string): Promise<void>
  deleteAll(): Promise<void>
  /** Deletes exchanges that ended before `cutoff` (ms since the epoch) and conversations left empty; resolves the exchanges deleted. */
  deleteEndedBefore(cutoff: number): Promise<number>
  /** A small key/value note inside the database (one-time migrations). */
  getMeta(key: string): Promise<string | null>
  setMeta(key: string, value: string): Promise<void>
  close(): void
}
