import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SaveDialog } from '../core/ports'

/** The options Sightline passes to Electron's `dialog.showSaveDialog` (a subset of its SaveDialogOptions). */
export interface SaveDialogOptions {
  title?: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
  properties: ('createDirectory' | 'showOverwriteConfirmation')[]
}

/** The two Electron calls the save dialog needs; electronSaveDialog.ts passes the real ones. */
export interface NativeSaveDialog {
  /** `dialog.showSaveDialog`, attached to the focused window when there is one. */
  show(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
  /** The folder the dialog opens in (`app.getPath('downloads')`). */
  startFolder(): string
}

/**
 * The {@link SaveDialog} port over a native save dialog: offers `defaultName` in the start folder
 * with the request's filter, then writes the content where the user chose, readable by the user
 * only (0600: a diagnostics zip holds logs, an export holds conversations). A cancelled dialog
 * (or one that answered no path) writes nothing.
 */
export function createFileSaveDialog(native: NativeSaveDialog): SaveDialog {
  return {
    async save({ defaultName, content, filter, title }) {
      const { canceled, filePath } = await native.show({
        ...(title !== undefined && { title }),
        defaultPath: join(native.startFolder(), defaultName),
        filters: [filter],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (canceled || !filePath) return { outcome: 'cancelled', path: null }
      await writeFile(filePath, content, typeof content === 'string' ? { encoding: 'utf8', mode: 0o600 } : { mode: 0o600 })
      // `mode` applies only to a new file; one the user chose to overwrite keeps its old mode otherwise.
      await chmod(filePath, 0o600)
      return { outcome: 'saved', path: filePath }
    },
  }
}
