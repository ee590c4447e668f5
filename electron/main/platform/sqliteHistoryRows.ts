import type { SQLInputValue } from 'node:sqlite'
import type { HistoryConversationSummary, HistoryExchange, HistoryToolCall } from '../../../shared/history'

/** A result row as node:sqlite returns it. */
export type Row = Record<string, SQLInputValue>

/** A conversations row (with its exchange count and token sums) as the shared summary shape. */
export function toSummary(row: Row): HistoryConversationSummary {
  return {
    id: String(row.id),
    title: String(row.title),
    startedAt: Number(row.started_at),
    updatedAt: Number(row.updated_at),
    exchangeCount: Number(row.exchange_count),
    modelId: row.model_id === null ? null : String(row.model_id),
    continuedFrom: row.continued_from === null ? null : String(row.continued_from),
    usage: { promptTokens: Number(row.prompt_tokens), responseTokens: Number(row.response_tokens), totalTokens: Number(row.total_tokens) },
  }
}

/** An exchanges row as the shared exchange shape; tool calls are stored as JSON. */
export function toExchange(row: Row): HistoryExchange {
  const hasUsage = row.total_tokens !== null
  return {
    seq: Number(row.seq),
    startedAt: Number(row.started_at),
    endedAt: Number(row.ended_at),
    modelId: row.model_id === null ? null : String(row.model_id),
    userText: String(row.user_text),
    modelText: String(row.model_text),
    toolCalls: parseToolCalls(String(row.tool_calls)),
    screenShared: row.screen_shared === 1,
    interrupted: row.interrupted === 1,
    usage: hasUsage
      ? { promptTokens: Number(row.prompt_tokens), responseTokens: Number(row.response_tokens), totalTokens: Number(row.total_tokens) }
      : null,
  }
}

function parseToolCalls(json: string): HistoryToolCall[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? (value as HistoryToolCall[]) : []
  } catch {
    return []
  }
}
