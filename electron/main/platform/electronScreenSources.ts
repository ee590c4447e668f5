import { desktopCapturer, shell, systemPreferences, type Session } from 'electron'
import type { ScreenSource } from '../../../shared/ipcContract'
import type { ScreenSourceProvider } from '../core/assistant'
import { CodedError } from '../../../shared/codedError'

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

  /**
   * On macOS the screen-recording permission must be granted in System Settings; without it
   * desktopCapturer returns only the wallpaper. Say so, open the right pane, and tell the user that
   * macOS needs Sightline restarted after granting. Windows and Linux need no permission.
   */
  async list(): Promise<ScreenSource[]> {
    if (process.platform === 'darwin' && systemPreferences.getMediaAccessStatus('screen') !== 'granted') {
      void shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture')
      throw new CodedError(
        'SCREEN_PERMISSION_MISSING',
        'Sightline needs the Screen Recording permission to see your screen. System Settings is open at ' +
          'Privacy & Security › Screen Recording: turn Sightline on, then quit and reopen Sightline (macOS asks for a restart).',
      )
    }
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
