import { clipboard, shell } from 'electron'
import type { DesktopActions } from '../core/ports'
import { isSafeExternalUrl } from '../windows/securityPolicy'

/** The OS browser and clipboard. The only place Sightline calls shell.openExternal. */
export const electronDesktopActions: DesktopActions = {
  async openInBrowser(url) {
    if (!isSafeExternalUrl(url)) throw Object.assign(new Error('Only https links can be opened.'), { code: 'UNSAFE_URL' })
    await shell.openExternal(url)
  },
  async writeClipboard(text) {
    await clipboard.writeText(text)
  },
}
