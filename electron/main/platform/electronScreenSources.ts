import { desktopCapturer, type Session } from 'electron'
import type { ScreenSource } from '../../../shared/ipcContract'
import type { ScreenSourceProvider } from '../core/assistant'

/**
 * Screens and windows from desktopCapturer, and the answer to the page's getDisplayMedia: the
 * source the user picked in our picker. No pick, no stream.
 * https://www.electronjs.org/docs/latest/api/session#sessetdisplaymediarequesthandlerhandler-opts
 */
export class ElectronScreenSources implements ScreenSourceProvider {
  private selectedId: string | null = null

  constructor(session: Session, trustedOrigins: readonly string[]) {
    session.setDisplayMediaRequestHandler(
      (request, callback) => {
        const origin = request.frame?.origin ?? ''
        if (!trustedOrigins.includes(origin) || !this.selectedId) return callback({})
        const wanted = this.selectedId
        void desktopCapturer
          .getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } })
          .then((sources) => {
            const source = sources.find((s) => s.id === wanted)
            callback(source ? { video: source } : {})
          })
          .catch(() => callback({}))
      },
      // On macOS 15+ the system picker may be used instead of ours.
      { useSystemPicker: true },
    )
  }

  async list(): Promise<ScreenSource[]> {
    const sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 } })
    return sources.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.id.startsWith('screen:') ? 'screen' : 'window',
      thumbnail: s.thumbnail.isEmpty() ? null : s.thumbnail.toDataURL(),
    }))
  }

  select(id: string): void {
    this.selectedId = id
  }
}
