import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFileSaveDialog, type SaveDialogOptions } from '../../../electron/main/platform/fileSaveDialog'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sightline-save-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A native dialog that records what it was shown and answers `answer`. */
function nativeAnswering(answer: { canceled: boolean; filePath?: string }) {
  const shown: SaveDialogOptions[] = []
  const dialog = createFileSaveDialog({ show: async (options) => (shown.push(options), answer), startFolder: () => '/home/user/Downloads' })
  return { dialog, shown }
}

const zip = { name: 'Zip archive', extensions: ['zip'] }

describe('the save dialog (diagnostics zips and history exports through one port)', () => {
  it('offers the name in Downloads with the filter and title, and may create folders and confirm overwrites', async () => {
    const { dialog, shown } = nativeAnswering({ canceled: true })
    await dialog.save({ defaultName: 'sightline-diagnostics-x.zip', content: new Uint8Array([1]), filter: zip, title: 'Save diagnostics' })
    expect(shown).toEqual([
      { title: 'Save diagnostics', defaultPath: join('/home/user/Downloads', 'sightline-diagnostics-x.zip'), filters: [zip], properties: ['createDirectory', 'showOverwriteConfirmation'] },
    ])
  })

  it('writes bytes exactly, readable by the user only, and answers the path', async () => {
    const target = join(dir, 'report.zip')
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00])
    const { dialog } = nativeAnswering({ canceled: false, filePath: target })
    expect(await dialog.save({ defaultName: 'report.zip', content: bytes, filter: zip })).toEqual({ outcome: 'saved', path: target })
    expect(new Uint8Array(await readFile(target))).toEqual(bytes)
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600)
  })

  it('writes text as UTF-8', async () => {
    const target = join(dir, 'chat.md')
    const { dialog } = nativeAnswering({ canceled: false, filePath: target })
    await dialog.save({ defaultName: 'chat.md', content: 'Grüße — 你好', filter: { name: 'Markdown', extensions: ['md'] } })
    expect(await readFile(target, 'utf8')).toBe('Grüße — 你好')
  })

  it('an overwritten file that was world-readable ends up readable by the user only', async () => {
    if (process.platform === 'win32') return
    const target = join(dir, 'old.zip')
    await writeFile(target, 'old', { mode: 0o644 })
    const { dialog } = nativeAnswering({ canceled: false, filePath: target })
    await dialog.save({ defaultName: 'old.zip', content: new Uint8Array([1, 2]), filter: zip })
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })

  it('a cancelled dialog, or one that answers no path, writes nothing', async () => {
    for (const answer of [{ canceled: true, filePath: join(dir, 'no.zip') }, { canceled: false }, { canceled: false, filePath: '' }]) {
      const { dialog } = nativeAnswering(answer)
      expect(await dialog.save({ defaultName: 'no.zip', content: new Uint8Array([1]), filter: zip })).toEqual({ outcome: 'cancelled', path: null })
    }
    await expect(stat(join(dir, 'no.zip'))).rejects.toThrow()
  })

  it('a write that fails (no such folder) rejects instead of answering saved', async () => {
    const { dialog } = nativeAnswering({ canceled: false, filePath: join(dir, 'missing', 'x.zip') })
    await expect(dialog.save({ defaultName: 'x.zip', content: new Uint8Array([1]), filter: zip })).rejects.toThrow(/ENOENT/)
  })
})
