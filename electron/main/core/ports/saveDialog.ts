/** Where a save went: a file the user chose, nowhere (cancelled), or back to the page to download (browser harness). */
export type SaveOutcome = 'saved' | 'cancelled' | 'download'

/** One file to save: a diagnostics zip (bytes) or a history export (text). */
export interface SaveRequest {
  /** The file name the dialog offers. */
  defaultName: string
  /** Text is written as UTF-8, bytes as they are. */
  content: string | Uint8Array
  filter: { name: string; extensions: string[] }
  /** The dialog's title; the platform's own when absent. */
  title?: string
}

/**
 * Asks the user where a file goes and writes it there (a save dialog in the app). `path` is
 * where it was written, null unless `outcome` is `saved`; a failed write rejects.
 */
export interface SaveDialog {
  save(request: SaveRequest): Promise<{ outcome: SaveOutcome; path: string | null }>
}
