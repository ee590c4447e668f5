import { clipboard, ClipboardItem } from 'electron'
import type { ClipboardSnapshot, SelectionClipboard } from '../core/ports'

interface Saved extends ClipboardSnapshot {
  /** Each clipboard entry as MIME type → payload, read out in full so it survives the clipboard being cleared. */
  items: Record<string, Blob | string>[]
}

/**
 * Electron's clipboard (the async, W3C-shaped API of Electron 45) for "Ask about the selection":
 * every format of every entry is saved and written back in one atomic `write`.
 */
export function createElectronSelectionClipboard(): SelectionClipboard {
  return {
    async snapshot(): Promise<Saved> {
      const items = await clipboard.read()
      const saved = await Promise.all(
        items.map(async (item) => {
          const entries = await Promise.all(
            item.types.map(async (type) => [type, await item.getType(type).catch(() => null)] as const),
          )
          return Object.fromEntries(entries.filter((e): e is readonly [string, Blob] => e[1] instanceof Blob))
        }),
      )
      return { kind: 'clipboard-snapshot', items: saved.filter((item) => Object.keys(item).length > 0) }
    },
    async restore(snapshot) {
      const { items } = snapshot as Saved
      clipboard.clear()
      if (items.length > 0) await clipboard.write(items.map((item) => new ClipboardItem(item)))
    },
    clear: () => clipboard.clear(),
    readText: () => clipboard.readText(),
    async hasNonText() {
      const items = await clipboard.read()
      return items.some((item) => item.types.some((type) => !type.startsWith('text/')))
    },
  }
}
