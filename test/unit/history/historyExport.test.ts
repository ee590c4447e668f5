import { describe, expect, it } from 'vitest'
import type { HistoryConversation } from '../../../shared/history'
import { escapeMarkdown, toMarkdown } from '../../../electron/main/core/history/historyExport'

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
    const md = toMarkdown([conversation('# Title <b>', 'See **this**.\n<script>alert(1)</script>\n```sh\nrm -rf /tmp/x')])
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
})
