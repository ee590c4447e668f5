import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, dialog } from 'electron'
import type { FileSaver } from '../core/ports'

/** The system "Save as" dialog, starting in Downloads; writes the bytes where the user chose. */
export const electronFileSaver: FileSaver = {
  async saveAs(defaultName, bytes) {
    const { canceled, filePath } = await dialog.showSaveDialog({
      title: 'Save diagnostics',
      defaultPath: join(app.getPath('downloads'), defaultName),
      filters: [{ name: 'Zip archive', extensions: ['zip'] }],
    })
    if (canceled || !filePath) return null
    await writeFile(filePath, bytes)
    return filePath
  },
}
