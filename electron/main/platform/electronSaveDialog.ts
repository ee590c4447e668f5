import { writeFile } from 'node:fs/promises'
import { BrowserWindow, dialog } from 'electron'
import type { SaveDialog } from '../core/ports'

/** Electron's save dialog (attached to the focused window), then the file written where the user chose. */
export const electronSaveDialog: SaveDialog = {
  async saveText({ defaultName, content, filter }) {
    const window = BrowserWindow.getFocusedWindow()
    const options = { defaultPath: defaultName, filters: [filter], properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] }
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (canceled || !filePath) return 'cancelled'
    await writeFile(filePath, content, { encoding: 'utf8', mode: 0o600 })
    return 'saved'
  },
}
