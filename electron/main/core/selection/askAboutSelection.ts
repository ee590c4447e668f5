import type { Clock, CopyKeySender, SelectionClipboard } from '../ports'

/** How long the copied text may take to reach the clipboard after the keystroke. */
export const COPY_WAIT_MS = 600
const POLL_MS = 50
/** Longest selection sent; more is cut with a note (a selection is a question's context, not a document upload). */
export const SELECTION_MAX_CHARS = 20_000

/**
 * Why a press sent nothing, worded at the edge as SELECTION_EMPTY's `refusal`
 * (`errors.refusal.<reason>`): still reading the previous press, a selection that is not text,
 * nothing selected (the message says it all), or nothing copied where keystrokes cannot be sent.
 */
export type SelectionEmptyReason = 'SELECTION_BUSY' | 'SELECTION_NOT_TEXT' | 'SELECTION_NONE' | 'SELECTION_NOT_COPIED'

/** How one press of the selection hotkey ended; an empty one names the hotkey as the user knows it, for the words. */
export type SelectionOutcome =
  | { kind: 'asked'; characters: number; truncated: boolean }
  | { kind: 'empty'; reason: SelectionEmptyReason; hotkey: string }

export interface AskAboutSelectionOptions {
  clipboard: SelectionClipboard
  keys: CopyKeySender
  clock: Clock
  /** Sends the framed selection to the model and starts listening for the question. */
  ask(framedText: string): Promise<void>
  /** The hotkey as the user knows it, for the words of an empty press ("Ctrl+Shift+K"). */
  hotkeyLabel: () => string
  copyWaitMs?: number
}

/**
 * "Ask about the selection" (issue 15, item 3). Only ever runs on the user's press: copies the
 * selection with the copy keystroke and puts the previous clipboard back; where keystrokes cannot
 * be sent, takes what the user copied just before pressing. The text goes to the model framed as
 * what the user selected, and Sightline listens for the question. An empty or non-text selection
 * sends nothing and gets a note.
 */
export class AskAboutSelection {
  private isRunning = false

  constructor(private readonly options: AskAboutSelectionOptions) {}

  /** One press of the hotkey. Resolves what happened; a second press while one runs is ignored (resolves empty). */
  async press(): Promise<SelectionOutcome> {
    if (this.isRunning) return { kind: 'empty', reason: 'SELECTION_BUSY', hotkey: this.options.hotkeyLabel() }
    this.isRunning = true
    try {
      const { text, nonText } = this.options.keys.canSend ? await this.copySelection() : await this.readCopied()
      if (text.trim() === '') {
        const reason = nonText ? 'SELECTION_NOT_TEXT' : this.options.keys.canSend ? 'SELECTION_NONE' : 'SELECTION_NOT_COPIED'
        return { kind: 'empty', reason, hotkey: this.options.hotkeyLabel() }
      }
      const truncated = text.length > SELECTION_MAX_CHARS
      await this.options.ask(frameSelection(truncated ? text.slice(0, SELECTION_MAX_CHARS) : text, truncated))
      return { kind: 'asked', characters: Math.min(text.length, SELECTION_MAX_CHARS), truncated }
    } finally {
      this.isRunning = false
    }
  }

  /** Ctrl/Cmd+C into an emptied clipboard, wait for text, then put back what was there. */
  private async copySelection(): Promise<{ text: string; nonText: boolean }> {
    const { clipboard, keys, clock } = this.options
    const saved = await clipboard.snapshot()
    try {
      clipboard.clear()
      keys.sendCopy()
      const deadline = clock.now() + (this.options.copyWaitMs ?? COPY_WAIT_MS)
      for (;;) {
        const text = await clipboard.readText()
        const nonText = text === '' && (await clipboard.hasNonText())
        if (text !== '' || nonText || clock.now() >= deadline) return { text, nonText }
        await new Promise<void>((resolve) => clock.setTimeout(resolve, POLL_MS))
      }
    } finally {
      await clipboard.restore(saved)
    }
  }

  private async readCopied(): Promise<{ text: string; nonText: boolean }> {
    const text = await this.options.clipboard.readText()
    return { text, nonText: text === '' && (await this.options.clipboard.hasNonText()) }
  }
}

/** The selection as the model reads it: clearly marked as what the user selected, with the question still to come. */
export function frameSelection(text: string, truncated: boolean): string {
  return (
    'The user selected this text on their screen and is about to ask about it' +
    (truncated ? ` (only the first ${SELECTION_MAX_CHARS} characters are shown)` : '') +
    ':\n<<<\n' +
    text +
    '\n>>>\nWait for their question about it.'
  )
}
