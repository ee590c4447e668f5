import { describe, expect, it } from 'vitest'
import type { ClipboardSnapshot, CopyKeySender, SelectionClipboard } from '../../../electron/main/core/ports'
import { AskAboutSelection, frameSelection, SELECTION_MAX_CHARS } from '../../../electron/main/core/selection/askAboutSelection'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'
import { ManualClock } from '../../support/media/fakes'

/** A clipboard holding one entry of MIME type → text; the fake "app in front" answers the copy keystroke with `selection`. */
class FakeClipboard implements SelectionClipboard {
  entry: Record<string, string> = { 'text/plain': 'what the user had copied before', 'text/html': '<b>before</b>' }
  reads = 0
  async snapshot(): Promise<ClipboardSnapshot> {
    return { kind: 'clipboard-snapshot', entry: { ...this.entry } } as ClipboardSnapshot
  }
  async restore(snapshot: ClipboardSnapshot): Promise<void> {
    this.entry = { ...(snapshot as unknown as { entry: Record<string, string> }).entry }
  }
  clear(): void {
    this.entry = {}
  }
  async readText(): Promise<string> {
    this.reads++
    return this.entry['text/plain'] ?? ''
  }
  async hasNonText(): Promise<boolean> {
    return Object.keys(this.entry).some((type) => !type.startsWith('text/'))
  }
}

function setup(options: { canSend?: boolean; selection?: Record<string, string> | null; delayMs?: number } = {}) {
  const clock = new ManualClock()
  const clipboard = new FakeClipboard()
  const asked: string[] = []
  const keys: CopyKeySender & { taps: number } = {
    canSend: options.canSend ?? true,
    taps: 0,
    sendCopy() {
      this.taps++
      const selection = options.selection === undefined ? { 'text/plain': 'const x = 1' } : options.selection
      if (selection === null) return
      const land = () => (clipboard.entry = { ...selection })
      if (options.delayMs) clock.setTimeout(land, options.delayMs)
      else land()
    },
  }
  const flow = new AskAboutSelection({ clipboard, keys, clock, ask: async (text) => void asked.push(text), hotkeyLabel: () => 'Ctrl+Shift+K', copyWaitMs: 600 })
  /** Runs a press while moving the manual clock so the copy wait can poll. */
  async function press() {
    const outcome = flow.press()
    for (let i = 0; i < 20; i++) {
      await Promise.resolve()
      await new Promise((r) => setImmediate(r))
      clock.advance(50)
    }
    return outcome
  }
  return { clock, clipboard, asked, keys, press }
}

describe('Ask about the selection', () => {
  it('copies the selection with the keystroke, sends it framed as what the user selected, and puts the old clipboard back', async () => {
    const { clipboard, asked, keys, press } = setup()
    expect(await press()).toEqual({ kind: 'asked', characters: 11, truncated: false })
    expect(keys.taps).toBe(1)
    expect(asked).toEqual([frameSelection('const x = 1', false)])
    expect(asked[0]).toMatch(/^The user selected this text on their screen and is about to ask about it:\n<<<\nconst x = 1\n>>>/)
    expect(clipboard.entry).toEqual({ 'text/plain': 'what the user had copied before', 'text/html': '<b>before</b>' })
  })

  it('waits for an app that is slow to put the copy on the clipboard', async () => {
    const { asked, press } = setup({ delayMs: 250 })
    expect(await press()).toMatchObject({ kind: 'asked' })
    expect(asked).toHaveLength(1)
  })

  it('nothing selected: a clear note, nothing sent, the old clipboard back (not sent either)', async () => {
    const { clipboard, asked, press } = setup({ selection: null })
    expect(await press()).toEqual({ kind: 'empty', reason: 'SELECTION_NONE', hotkey: 'Ctrl+Shift+K' })
    expect(asked).toEqual([])
    expect(clipboard.entry['text/plain']).toBe('what the user had copied before')
  })

  it('a non-text selection (an image): a clear note, nothing sent', async () => {
    const { asked, press } = setup({ selection: { 'image/png': 'PNG…' } })
    expect(await press()).toEqual({ kind: 'empty', reason: 'SELECTION_NOT_TEXT', hotkey: 'Ctrl+Shift+K' })
    expect(asked).toEqual([])
  })

  it('only whitespace selected counts as empty', async () => {
    const { asked, press } = setup({ selection: { 'text/plain': ' \n\t ' } })
    expect(await press()).toMatchObject({ kind: 'empty' })
    expect(asked).toEqual([])
  })

  it('where keystrokes cannot be sent, what the user copied first is used (on their press), and no keystroke is sent', async () => {
    const { asked, keys, press } = setup({ canSend: false })
    expect(await press()).toMatchObject({ kind: 'asked' })
    expect(keys.taps).toBe(0)
    expect(asked).toEqual([frameSelection('what the user had copied before', false)])
  })

  it('where keystrokes cannot be sent and nothing was copied, the note says to copy first', async () => {
    const { clipboard, asked, press } = setup({ canSend: false })
    clipboard.entry = {}
    expect(await press()).toEqual({ kind: 'empty', reason: 'SELECTION_NOT_COPIED', hotkey: 'Ctrl+Shift+K' })
    expect(describeError({ code: 'SELECTION_EMPTY', params: { hotkey: 'Ctrl+Shift+K', refusal: 'SELECTION_NOT_COPIED' } }, wordingFor('en')).message).toBe(
      'Nothing is selected to ask about. Nothing was copied. Sightline cannot send keystrokes here: copy the text first (Ctrl+C), then press Ctrl+Shift+K.',
    )
    expect(describeError({ code: 'SELECTION_EMPTY', params: { hotkey: 'Ctrl+Shift+K', refusal: 'SELECTION_NOT_COPIED' } }, wordingFor('de')).message).toContain('drücken Sie dann Ctrl+Shift+K.')
    expect(asked).toEqual([])
  })

  it('a very long selection is cut, and the model is told so', async () => {
    const long = 'a'.repeat(SELECTION_MAX_CHARS + 10)
    const { asked, press } = setup({ selection: { 'text/plain': long } })
    expect(await press()).toEqual({ kind: 'asked', characters: SELECTION_MAX_CHARS, truncated: true })
    expect(asked[0]).toContain(`only the first ${SELECTION_MAX_CHARS} characters are shown`)
  })

  it('nothing from the clipboard is read without a press', () => {
    const { clipboard } = setup()
    expect(clipboard.reads).toBe(0)
  })
})
