import type { SnippetPart } from '../../../../shared/history'

const BEFORE_CHARS = 50
const SNIPPET_CHARS = 180

/**
 * A short piece of `text` around the first place any term appears, split into parts with the
 * matches marked (case-insensitive, in any script). Plain data, so the page highlights with
 * elements and never parses HTML. Text without a match gives its start.
 */
export function cutSnippet(text: string, terms: readonly string[]): SnippetPart[] {
  const pattern = matcher(terms)
  const first = pattern ? text.search(pattern) : -1
  let start = first < 0 ? 0 : Math.max(0, first - BEFORE_CHARS)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    if (space >= 0 && space < first) start = space + 1
  }
  const end = Math.min(text.length, start + SNIPPET_CHARS)
  const window = text.slice(start, end)
  const parts: SnippetPart[] = []
  if (start > 0) parts.push({ text: '…', isMatch: false })
  let at = 0
  if (pattern) {
    for (const m of window.matchAll(new RegExp(pattern.source, 'giu'))) {
      if (m.index > at) parts.push({ text: window.slice(at, m.index), isMatch: false })
      parts.push({ text: m[0], isMatch: true })
      at = m.index + m[0].length
    }
  }
  if (at < window.length) parts.push({ text: window.slice(at), isMatch: false })
  if (end < text.length) parts.push({ text: '…', isMatch: false })
  return parts
}

/** True when `text` holds any of the terms (as {@link cutSnippet} would mark them). */
export function hasMatch(text: string, terms: readonly string[]): boolean {
  const pattern = matcher(terms)
  return pattern !== null && pattern.test(text)
}

function matcher(terms: readonly string[]): RegExp | null {
  const usable = terms.filter((t) => t.length > 0).sort((a, b) => b.length - a.length)
  if (usable.length === 0) return null
  return new RegExp(usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'iu')
}
