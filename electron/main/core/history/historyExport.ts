import type { HistoryConversation, HistoryExchange } from '../../../../shared/history'
import type { UiLocale } from '../../../../shared/i18n/catalogue'
import { formatCount, formatDateTime } from '../../../../shared/i18n/format'
import { pluralKey, translatorFor, type Translate } from '../../../../shared/i18n/translate'
import { localDay } from './localTime'

/** The words an export is written in: the catalogue's `historyExport` section in the UI language, and its dates and numbers with `Intl`. */
export interface ExportWords {
  t: Translate
  locale: UiLocale
}

/** The export's words in `locale`. */
export function exportWords(locale: UiLocale): ExportWords {
  return { t: translatorFor(locale), locale }
}

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
export function toMarkdown(conversations: readonly HistoryConversation[], words: ExportWords): string {
  return conversations.map((c) => conversationMarkdown(c, words)).join('\n---\n\n')
}

/** Conversations as JSON: every field the History view has, nothing else (never audio, frames or secrets). */
export function toJson(conversations: readonly HistoryConversation[], exportedAt: number): string {
  return `${JSON.stringify({ format: HISTORY_EXPORT_FORMAT, version: HISTORY_EXPORT_VERSION, exportedAt: new Date(exportedAt).toISOString(), conversations }, null, 2)}\n`
}

/** A conversation as plain text, one speaker a paragraph ("Copy transcript"), the speakers named in the UI language. */
export function toPlainTranscript(conversation: HistoryConversation, { t }: ExportWords): string {
  const lines: string[] = []
  for (const x of conversation.exchanges) {
    if (x.userText) lines.push(`${t('historyExport.you')}: ${x.userText}`)
    if (x.modelText) lines.push(`${t('historyExport.sightline')}: ${x.modelText}`)
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

function conversationMarkdown(c: HistoryConversation, { t, locale }: ExportWords): string {
  const title = escapeMarkdown(oneLine(c.title) || t('historyExport.untitled'))
  const facts = [
    t('historyExport.started', { when: formatDateTime(c.startedAt, locale) }),
    c.modelId ? t('historyExport.model', { model: escapeMarkdown(c.modelId) }) : null,
    t(pluralKey(locale, 'historyExport.exchanges', c.exchangeCount), { count: formatCount(c.exchangeCount, locale) }),
    t('historyExport.tokens', { count: formatCount(c.usage.totalTokens, locale) }),
  ]
  const out = [`# ${title}`, '', facts.filter(Boolean).join(' · ')]
  if (c.continuedFrom) out.push('', `_${t('historyExport.continues')}_`)
  for (const x of c.exchanges) out.push('', exchangeMarkdown(x, { t, locale }))
  return `${out.join('\n')}\n`
}

function exchangeMarkdown(x: HistoryExchange, { t, locale }: ExportWords): string {
  const marks = [x.screenShared ? t('historyExport.screenShared') : null, x.interrupted ? t('historyExport.interrupted') : null].filter(Boolean)
  const out = [`## ${formatDateTime(x.startedAt, locale)}${marks.length ? ` (${marks.join(', ')})` : ''}`, '']
  out.push(`**${t('historyExport.you')}:** ${x.userText ? escapeMarkdown(x.userText).replace(/\n/g, '  \n') : `_${t('historyExport.nothingTranscribed')}_`}`, '')
  out.push(`**${t('historyExport.sightline')}:**`, '', x.modelText ? safeModelMarkdown(x.modelText) : `_${t('historyExport.noAnswer')}_`)
  for (const tool of x.toolCalls) {
    const json = JSON.stringify({ args: tool.args ?? null, result: tool.result ?? null }, null, 2)
    const fence = '`'.repeat(Math.max(3, longestRun(json, '`') + 1))
    out.push('', `${t('historyExport.tool', { name: `\`${tool.name.replace(/`/g, '')}\``, status: tool.status })}:`, '', `${fence}json`, json, fence)
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
