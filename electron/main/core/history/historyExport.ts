import type { HistoryConversation, HistoryExchange } from '../../../../shared/history'
import { localDateTime, localDay } from './localTime'

/** The JSON export's format name and version, so a reader can tell what it holds. */
export const HISTORY_EXPORT_FORMAT = 'sightline-history'
export const HISTORY_EXPORT_VERSION = 1

/**
 * Conversations as one Markdown document. What the user said (and every title) is literal text,
 * so its Markdown and HTML characters are escaped; the model's answers are Markdown already and
 * stay so, with raw HTML neutralised and an unclosed code fence closed, so one answer cannot
 * swallow or restyle the rest of the file. Tool calls go in fences longer than any backtick run
 * inside them.
 */
export function toMarkdown(conversations: readonly HistoryConversation[]): string {
  return conversations.map(conversationMarkdown).join('\n---\n\n')
}

/** Conversations as JSON: every field the History view has, nothing else (never audio, frames or secrets). */
export function toJson(conversations: readonly HistoryConversation[], exportedAt: number): string {
  return `${JSON.stringify({ format: HISTORY_EXPORT_FORMAT, version: HISTORY_EXPORT_VERSION, exportedAt: new Date(exportedAt).toISOString(), conversations }, null, 2)}\n`
}

/** A conversation as plain text, one speaker a paragraph ("Copy transcript"). */
export function toPlainTranscript(conversation: HistoryConversation): string {
  const lines: string[] = []
  for (const x of conversation.exchanges) {
    if (x.userText) lines.push(`You: ${x.userText}`)
    if (x.modelText) lines.push(`Sightline: ${x.modelText}`)
  }
  return `${lines.join('\n\n')}\n`
}

/** A file name for an export: the conversation's title (or "history") and the day, safe on every OS. */
export function exportFileName(conversation: HistoryConversation | null, extension: 'md' | 'json', now: number): string {
  const base = conversation ? slug(conversation.title) || 'conversation' : 'history'
  return `sightline-${base}-${localDay(conversation?.startedAt ?? now)}.${extension}`
}

/** Escapes text so Markdown shows it as written: inline syntax, HTML, entities and line-start block markers. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#+!|~&-]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^(\s*)=/gm, '$1\\=')
}

function conversationMarkdown(c: HistoryConversation): string {
  const title = escapeMarkdown(oneLine(c.title) || 'Conversation')
  const facts = [`Started ${localDateTime(c.startedAt)}`, c.modelId ? `model ${escapeMarkdown(c.modelId)}` : null, c.exchangeCount === 1 ? '1 exchange' : `${c.exchangeCount} exchanges`, `${c.usage.totalTokens} tokens`]
  const out = [`# ${title}`, '', facts.filter(Boolean).join(' · ')]
  if (c.continuedFrom) out.push('', '_Continues an earlier conversation._')
  for (const x of c.exchanges) out.push('', exchangeMarkdown(x))
  return `${out.join('\n')}\n`
}

function exchangeMarkdown(x: HistoryExchange): string {
  const marks = [x.screenShared ? 'screen shared' : null, x.interrupted ? 'interrupted' : null].filter(Boolean)
  const out = [`## ${localDateTime(x.startedAt)}${marks.length ? ` (${marks.join(', ')})` : ''}`, '']
  out.push(`**You:** ${x.userText ? escapeMarkdown(x.userText).replace(/\n/g, '  \n') : '_(nothing transcribed)_'}`, '')
  out.push('**Sightline:**', '', x.modelText ? safeModelMarkdown(x.modelText) : '_(no answer)_')
  for (const tool of x.toolCalls) {
    const json = JSON.stringify({ args: tool.args ?? null, result: tool.result ?? null }, null, 2)
    const fence = '`'.repeat(Math.max(3, longestRun(json, '`') + 1))
    out.push('', `Tool \`${tool.name.replace(/`/g, '')}\` (${tool.status}):`, '', `${fence}json`, json, fence)
  }
  return out.join('\n')
}

/** The model's Markdown, kept, minus what could break out of its section: raw HTML and a fence left open. */
function safeModelMarkdown(text: string): string {
  let isInFence = false
  let fence = ''
  const lines = text.split('\n').map((line) => {
    const opener = /^\s*(`{3,}|~{3,})/.exec(line)
    if (opener) {
      if (!isInFence) [isInFence, fence] = [true, opener[1]!]
      else if (opener[1]!.startsWith(fence) && line.trim() === opener[1]) isInFence = false
      return line
    }
    if (isInFence) return line
    const escaped = line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    return /^#{1,2}\s/.test(escaped) ? `\\${escaped}` : escaped
  })
  if (isInFence) lines.push(fence)
  return lines.join('\n')
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function slug(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}
