import { app, BrowserWindow, dialog } from 'electron'
import type { SaveDialog } from '../core/ports'
import { createFileSaveDialog } from './fileSaveDialog'

/** Electron's save dialog, attached to the focused window and opening in Downloads (logic: fileSaveDialog.ts). */
export const electronSaveDialog: SaveDialog = createFileSaveDialog({
  show: (options) => {
    const window = BrowserWindow.getFocusedWindow()
    return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)
  },
  startFolder: () => app.getPath('downloads'),
})
