import type { Clock, CopyKeySender, SelectionClipboard } from '../ports'

/** How long the copied text may take to reach the clipboard after the keystroke. */
export const COPY_WAIT_MS = 600
const POLL_MS = 50
/** Longest selection sent; more is cut with a note (a selection is a question's context, not a document upload). */
export const SELECTION_MAX_CHARS = 20_000

/** How one press of the selection hotkey ended. */
export type SelectionOutcome =
  | { kind: 'asked'; characters: number; truncated: boolean }
  | { kind: 'empty'; note: string }

export interface AskAboutSelectionOptions {
  clipboard: SelectionClipboard
  keys: CopyKeySender
  clock: Clock
  /** Sends the framed selection to the model and starts listening for the question. */
  ask(framedText: string): Promise<void>
  /** The hotkey as the user knows it, for the notes ("Ctrl+Shift+K"). */
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
    if (this.isRunning) return { kind: 'empty', note: 'Already reading the selection.' }
    this.isRunning = true
    try {
      const { text, nonText } = this.options.keys.canSend ? await this.copySelection() : await this.readCopied()
      if (text.trim() === '') {
        const hotkey = this.options.hotkeyLabel()
        const note = nonText
          ? 'The selection is not text (an image or files), so there is nothing to read to the assistant.'
          : this.options.keys.canSend
            ? `Nothing is selected as text. Select some text, then press ${hotkey}.`
            : `Nothing was copied. Sightline cannot send keystrokes here: copy the text first (Ctrl+C), then press ${hotkey}.`
        return { kind: 'empty', note }
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
