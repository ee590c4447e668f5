/** Where an export went: a file the user chose, nowhere (cancelled), or back to the page to download (browser harness). */
export type SaveOutcome = 'saved' | 'cancelled' | 'download'

/** Saves a text file where the user says (a save dialog in the app). */
export interface SaveDialog {
  saveText(request: { defaultName: string; content: string; filter: { name: string; extensions: string[] } }): Promise<SaveOutcome>
}
