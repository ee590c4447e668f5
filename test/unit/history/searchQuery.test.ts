import { describe, expect, it } from 'vitest'
import { buildSearchQuery } from '../../../electron/main/core/history/searchQuery'
import { cutSnippet } from '../../../electron/main/core/history/snippet'

describe('buildSearchQuery', () => {
  it('FTS syntax characters become literal string terms, never operators', () => {
    expect(buildSearchQuery('NEAR(docker compose) AND (oops', 10)!.plan.match).toBe('"NEAR(docker" AND "compose)" AND "AND" AND "(oops"')
    expect(buildSearchQuery('say "hi', 10)!.plan.match).toBe('"say" AND """hi"')
    expect(buildSearchQuery('a*b col:x ^why', 10)!.plan.match).toBe('"a*b" AND "col:x" AND "^why"')
  })

  it('a balanced quote is a phrase and a trailing star a prefix', () => {
    expect(buildSearchQuery('"error  message" restar*', 10)!).toMatchObject({ terms: ['error message', 'restar'], plan: { match: '"error message" AND "restar"', contains: [] } })
  })

  it('terms under three characters go to LIKE, since the trigram index cannot hold them', () => {
    expect(buildSearchQuery('東京 天気予報 go', 10)!.plan).toEqual({ match: '"天気予報"', contains: ['東京', 'go'], limit: 10 })
  })

  it('nothing to search for gives null', () => {
    for (const empty of ['', '   ', '*', '**', '""']) expect(buildSearchQuery(empty, 10)).toBeNull()
  })
})

describe('cutSnippet', () => {
  it('marks every match, case-insensitively, in any script', () => {
    expect(cutSnippet('東京は晴れ、東京タワー', ['東京'])).toEqual([
      { text: '東京', isMatch: true },
      { text: 'は晴れ、', isMatch: false },
      { text: '東京', isMatch: true },
      { text: 'タワー', isMatch: false },
    ])
    expect(cutSnippet('Docker and docker', ['DOCKER']).filter((p) => p.isMatch)).toHaveLength(2)
  })

  it('cuts long text around the first match', () => {
    const text = `${'word '.repeat(100)}needle${' tail'.repeat(100)}`
    const parts = cutSnippet(text, ['needle'])
    expect(parts[0]).toEqual({ text: '…', isMatch: false })
    expect(parts.at(-1)).toEqual({ text: '…', isMatch: false })
    expect(parts.find((p) => p.isMatch)?.text).toBe('needle')
  })
})
