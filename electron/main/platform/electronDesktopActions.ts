import { clipboard, shell } from 'electron'
import type { DesktopActions } from '../core/ports'
import { isSafeExternalUrl } from '../../../shared/safeExternalUrl'
import { CodedError } from '../../../shared/codedError'

/** The OS browser and clipboard. The only place Sightline calls shell.openExternal. */
export const electronDesktopActions: DesktopActions = {
  async openInBrowser(url) {
    if (!isSafeExternalUrl(url)) throw new CodedError('UNSAFE_URL', 'Only https links can be opened.')
    await shell.openExternal(url)
  },
  async writeClipboard(text) {
    await clipboard.writeText(text)
  },
}
