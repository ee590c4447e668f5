import type { HistorySearchPlan } from '../ports'

/** The trigram index only finds strings of at least three characters (https://sqlite.org/fts5.html#the_trigram_tokenizer). */
const TRIGRAM = 3
const MAX_TERMS = 16

/** What the user asked for: the terms to find (all of them) and the plan the store runs. */
export interface SearchQuery {
  /** Every term, as typed (phrases without their quotes), for highlighting. */
  terms: string[]
  plan: HistorySearchPlan
}

/**
 * Turns what the user typed into a search that cannot fail. Words and "quoted phrases" must all
 * appear; a trailing `*` asks for a prefix (every term already matches inside words, so it is
 * dropped). Everything else — lone quotes, `*` inside a word, NEAR, AND/OR/NOT, parentheses,
 * column filters — is searched for as literal text: each term goes to FTS5 as a string literal
 * (quotes doubled), never as syntax. Terms shorter than three characters (common in Japanese:
 * 東京) cannot use the trigram index and become LIKE matches instead. Returns null when there is
 * nothing to search for.
 */
export function buildSearchQuery(input: string, limit: number): SearchQuery | null {
  const terms = [...new Set(splitTerms(input))].slice(0, MAX_TERMS)
  if (terms.length === 0) return null
  const indexed = terms.filter((t) => [...t].length >= TRIGRAM)
  const contains = terms.filter((t) => [...t].length < TRIGRAM)
  const match = indexed.length > 0 ? indexed.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null
  return { terms, plan: { match, contains, limit } }
}

/** Words and balanced "phrases"; an unbalanced quote is an ordinary character. */
function splitTerms(input: string): string[] {
  const terms: string[] = []
  let word = ''
  const endWord = () => {
    const term = word.replace(/\*+$/, '')
    if (term) terms.push(term)
    word = ''
  }
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    const close = c === '"' && word === '' ? input.indexOf('"', i + 1) : -1
    if (close > i) {
      const phrase = input.slice(i + 1, close).trim().replace(/\s+/g, ' ')
      if (phrase) terms.push(phrase)
      i = close
    } else if (/\s/.test(c)) endWord()
    else word += c
  }
  endWord()
  return terms
}
