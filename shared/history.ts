import { z } from 'zod'
import { noticeSchema } from './notice'

/**
 * The shapes of the local conversation history (issue 14) as they cross IPC: what the History
 * view lists, searches, opens, exports and continues. Audio, frames and secrets are never part
 * of them.
 */

/** How long history is kept. `off` keeps nothing and deletes what is kept; a change applies at once. */
export const historyRetentionSchema = z.enum(['forever', '90-days', '30-days', 'off'])
export type HistoryRetention = z.infer<typeof historyRetentionSchema>

/** Days each retention keeps; null keeps forever, 0 keeps nothing. */
export const RETENTION_DAYS: Record<HistoryRetention, number | null> = { forever: null, '90-days': 90, '30-days': 30, off: 0 }

export const historyToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['called', 'answered', 'failed', 'cancelled']),
  args: z.record(z.string(), z.unknown()).optional(),
  result: z.unknown().optional(),
})
export type HistoryToolCall = z.infer<typeof historyToolCallSchema>

export const historyUsageSchema = z.object({
  promptTokens: z.number(),
  responseTokens: z.number(),
  totalTokens: z.number(),
})
export type HistoryUsage = z.infer<typeof historyUsageSchema>

/** One question and its answer. Times are ms since the epoch. */
export const historyExchangeSchema = z.object({
  seq: z.number().int(),
  startedAt: z.number(),
  endedAt: z.number(),
  modelId: z.string().nullable(),
  userText: z.string(),
  modelText: z.string(),
  toolCalls: z.array(historyToolCallSchema),
  /** The screen was being shared while this exchange happened. */
  screenShared: z.boolean(),
  interrupted: z.boolean(),
  usage: historyUsageSchema.nullable(),
})
export type HistoryExchange = z.infer<typeof historyExchangeSchema>

export const historyConversationSummarySchema = z.object({
  id: z.string(),
  /** The first question, shortened; empty when nothing was asked in words. */
  title: z.string(),
  startedAt: z.number(),
  updatedAt: z.number(),
  exchangeCount: z.number().int(),
  modelId: z.string().nullable(),
  /** The conversation this one continues (History's Continue), if any. */
  continuedFrom: z.string().nullable(),
  usage: historyUsageSchema,
})
export type HistoryConversationSummary = z.infer<typeof historyConversationSummarySchema>

export const historyConversationSchema = historyConversationSummarySchema.extend({ exchanges: z.array(historyExchangeSchema) })
export type HistoryConversation = z.infer<typeof historyConversationSchema>

/** Conversations that began on one local day, newest first. `day` is `YYYY-MM-DD`. */
export const historyDaySchema = z.object({ day: z.string(), conversations: z.array(historyConversationSummarySchema) })
export type HistoryDay = z.infer<typeof historyDaySchema>

/** A piece of a snippet; `isMatch` pieces are what the search found (the page highlights them). */
export const snippetPartSchema = z.object({ text: z.string(), isMatch: z.boolean() })
export type SnippetPart = z.infer<typeof snippetPartSchema>

export const historySearchHitSchema = z.object({
  conversation: historyConversationSummarySchema,
  seq: z.number().int(),
  startedAt: z.number(),
  role: z.enum(['user', 'model']),
  snippet: z.array(snippetPartSchema),
})
export type HistorySearchHit = z.infer<typeof historySearchHitSchema>

/** What the History view shows about the database itself. */
export const historyStatusSchema = z.object({
  retention: historyRetentionSchema,
  /** True when the database came from a newer Sightline: it can be read, not written. */
  isReadOnly: z.boolean(),
  /** Why history is limited in this run (HISTORY_UNAVAILABLE, HISTORY_READ_ONLY), as a notice the view words; null when it is not. */
  note: noticeSchema.nullable(),
})
export type HistoryStatus = z.infer<typeof historyStatusSchema>

export const historyExportRequestSchema = z
  .object({
    /** One conversation, or every one when absent. */
    id: z.string().min(1).max(100).optional(),
    format: z.enum(['markdown', 'json']),
  })
  .strict()
export type HistoryExportRequest = z.infer<typeof historyExportRequestSchema>

/**
 * How an export ended: `saved` (the app wrote the file the user chose), `cancelled` (the user
 * closed the save dialog), or `download` (the browser harness: the page downloads `content`).
 */
export const historyExportResultSchema = z.object({
  outcome: z.enum(['saved', 'cancelled', 'download']),
  fileName: z.string(),
  content: z.string().nullable(),
})
export type HistoryExportResult = z.infer<typeof historyExportResultSchema>
