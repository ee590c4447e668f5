/** What the clipboard held, opaque to core: put back with {@link SelectionClipboard.restore}. */
export type ClipboardSnapshot = { readonly kind: 'clipboard-snapshot' }

/** The clipboard as "Ask about the selection" uses it (Electron's `clipboard` in the app). */
export interface SelectionClipboard {
  /** Everything it holds now, every format. */
  snapshot(): Promise<ClipboardSnapshot>
  restore(snapshot: ClipboardSnapshot): Promise<void>
  clear(): void
  /** The plain text on it, '' when there is none. */
  readText(): Promise<string>
  /** True when it holds something that is not text (an image, files). */
  hasNonText(): Promise<boolean>
}

/**
 * Sends the platform's copy keystroke (Ctrl+C, Cmd+C on macOS) to the app in front, through the
 * key-hook library. `canSend` is false where synthetic keystrokes are not allowed (Wayland, no
 * accessibility permission): the user copies first.
 */
export interface CopyKeySender {
  readonly canSend: boolean
  sendCopy(): void
}
