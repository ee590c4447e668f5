import { describe, expect, it, vi } from 'vitest'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { ManualClock } from '../../support/live/manualClock'

function registry(answer = true) {
  const desktop = { openInBrowser: vi.fn(async () => {}), writeClipboard: vi.fn(async () => {}) }
  const confirm = vi.fn(async () => answer)
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 9, 30))
  return { tools: new ToolRegistry({ desktop, confirm, clock }), desktop, confirm }
}

describe('local tools', () => {
  it('declares the built-ins with JSON Schema parameters for setup.tools', () => {
    const declarations = registry().tools.declarations()
    expect(declarations.map((d) => d.name)).toEqual(['get_current_time', 'open_url', 'copy_to_clipboard'])
    const openUrl = declarations.find((d) => d.name === 'open_url')!
    expect(openUrl.parametersJsonSchema).toMatchObject({ type: 'object', properties: { url: { type: 'string' } }, required: ['url'] })
    expect(openUrl.parametersJsonSchema).not.toHaveProperty('$schema')
  })

  it('tells the model the current date and time, in a named zone when asked', async () => {
    const { tools } = registry()
    const utc = await tools.call('get_current_time', { timeZone: 'UTC' })
    expect(utc).toEqual({ ok: true, output: expect.objectContaining({ iso: '2026-01-15T09:30:00.000Z', timeZone: 'UTC' }) })
    expect((utc as { output: { local: string } }).output.local).toContain('Thursday, January 15, 2026')
    expect(await tools.call('get_current_time', { timeZone: 'Mars/Olympus' })).toEqual({ ok: false, error: 'Unknown time zone "Mars/Olympus".' })
  })

  it('opens a link only after the user agreed', async () => {
    const { tools, desktop, confirm } = registry(true)
    expect(await tools.call('open_url', { url: 'https://example.com/a?b=1' })).toEqual({ ok: true, output: { opened: 'https://example.com/a?b=1' } })
    expect(confirm).toHaveBeenCalledWith(
      { tool: 'open_url', emphasis: 'example.com', detail: 'https://example.com/a?b=1', size: null },
      expect.any(AbortSignal),
    )
    expect(desktop.openInBrowser).toHaveBeenCalledWith('https://example.com/a?b=1')
  })

  it('does not open a link the user declined', async () => {
    const { tools, desktop } = registry(false)
    expect(await tools.call('open_url', { url: 'https://example.com' })).toEqual({ ok: false, error: 'The user declined to open the link.' })
    expect(desktop.openInBrowser).not.toHaveBeenCalled()
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'ftp://example.com', 'http://example.com', 'https://user:pw@example.com'])('refuses to open %s without asking', async (url) => {
    const { tools, desktop, confirm } = registry(true)
    const outcome = await tools.call('open_url', { url })
    expect(outcome.ok).toBe(false)
    expect(confirm).not.toHaveBeenCalled()
    expect(desktop.openInBrowser).not.toHaveBeenCalled()
  })

  it('copies text to the clipboard after asking, and says what was copied', async () => {
    const { tools, desktop, confirm } = registry()
    expect(await tools.call('copy_to_clipboard', { text: 'hello' })).toEqual({
      ok: true,
      output: { copied: 'hello', copiedCharacters: 5, removedCharacters: 0 },
    })
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(desktop.writeClipboard).toHaveBeenCalledWith('hello')
  })

  it('answers unknown tools and bad arguments with an error instead of throwing', async () => {
    const { tools } = registry()
    expect(await tools.call('format_disk', {})).toEqual({ ok: false, error: 'There is no tool called "format_disk".' })
    const bad = await tools.call('copy_to_clipboard', { text: 42 })
    expect(bad.ok).toBe(false)
  })
})
