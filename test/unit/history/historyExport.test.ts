import { describe, expect, it } from 'vitest'
import type { HistoryConversation } from '../../../shared/history'
import { escapeMarkdown, exportWords, toMarkdown, toPlainTranscript } from '../../../electron/main/core/history/historyExport'
import { formatDateTime } from '../../../shared/i18n/format'

function conversation(userText: string, modelText: string): HistoryConversation {
  return {
    id: 'c1',
    title: userText,
    startedAt: 0,
    updatedAt: 0,
    exchangeCount: 1,
    modelId: 'gemini-test-live',
    continuedFrom: null,
    usage: { promptTokens: 1, responseTokens: 1, totalTokens: 2 },
    exchanges: [{ seq: 1, startedAt: 0, endedAt: 0, modelId: null, userText, modelText, toolCalls: [{ id: 't', name: 'run', status: 'answered', result: '```' }], screenShared: true, interrupted: false, usage: null }],
  }
}

describe('Markdown export', () => {
  it('what the user said is literal: markup, HTML, links and line-start markers are escaped', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading')
    expect(escapeMarkdown('1. item')).toBe('1\\. item')
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert\\(1\\)\\>')
    expect(escapeMarkdown('[click](javascript:x) *a* _b_ `c`')).toBe('\\[click\\]\\(javascript:x\\) \\*a\\* \\_b\\_ \\`c\\`')
  })

  it("the model's Markdown stays, but its raw HTML is neutralised and an open fence is closed before the next section", () => {
    const md = toMarkdown([conversation('# Title <b>', 'See **this**.\n<script>alert(1)</script>\n```sh\nrm -rf /tmp/x')], exportWords('en'))
    expect(md).toContain('# \\# Title \\<b\\>')
    expect(md).toContain('See **this**.')
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(md).not.toContain('<script>')
    const fences = md.split('\n').filter((l) => /^`{3,}/.test(l))
    expect(fences.length % 2).toBe(0)
    // A tool result holding a fence sits in a longer fence.
    expect(md).toContain('````json')
    expect(md).toContain('(screen shared)')
  })

  it('is written in the UI language: headings, facts, speakers and dates from the catalogue and Intl', () => {
    const c = { ...conversation('Hallo', ''), exchangeCount: 2, usage: { promptTokens: 1000, responseTokens: 234, totalTokens: 1234 } }
    const md = toMarkdown([c], exportWords('de'))
    expect(md).toContain(`Begonnen ${formatDateTime(0, 'de')} · Modell gemini\\-test\\-live · 2 Gesprächsrunden · 1.234 Tokens`)
    expect(md).toContain(`## ${formatDateTime(0, 'de')} (Bildschirm geteilt)`)
    expect(md).toContain('**Sie:** Hallo')
    expect(md).toContain('_(keine Antwort)_')
    expect(md).toContain('Werkzeug `run` (answered):')
    expect(md).not.toMatch(/\b(You|Started|exchanges|tokens)\b/)
    expect(toPlainTranscript(conversation('Hi', 'Hello.'), exportWords('ja'))).toBe('あなた: Hi\n\nSightline: Hello.\n')
  })
})
