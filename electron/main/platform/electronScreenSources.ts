import { desktopCapturer, shell, systemPreferences, type DesktopCapturerSource, type Session } from 'electron'
import type { ScreenSource } from '../../../shared/ipcContract'
import type { ScreenSourceProvider } from '../core/ports'
import type { ShareTarget } from '../core/media/privacyGate'
import { CodedError } from '../../../shared/codedError'

/** The Electron objects this adapter uses; the real ones by default, fakes in unit tests. */
export interface ScreenSourcesDeps {
  session: Pick<Session, 'setDisplayMediaRequestHandler'>
  capturer: Pick<typeof desktopCapturer, 'getSources'>
  trustedOrigins: readonly string[]
  platform?: NodeJS.Platform
  env?: NodeJS.ProcessEnv
  /** macOS: whether screen recording is allowed (`systemPreferences.getMediaAccessStatus('screen')`). */
  screenAccess?: () => string
  openSettingsPane?: (url: string) => void
}

const LISTED_TYPES: ('screen' | 'window')[] = ['screen', 'window']

/**
 * True in a Wayland session. There desktopCapturer goes through the xdg-desktop-portal
 * ScreenCast portal: each `getSources` call shows the portal's own picker, and the ids it
 * returns are PipeWire streams good for one capture only, so listing twice loses the pick.
 */
export function isWaylandSession(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  return platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY))
}

/**
 * Screens and windows from desktopCapturer, and the answer to the page's getDisplayMedia.
 * Elsewhere than Wayland: listed once per share for our picker, and the picked source object
 * is handed straight to the request, never looked up by a second listing. On Wayland the
 * portal's picker chooses: one `getSources` call inside the request, its answer passed through,
 * and the page skips our picker ({@link usesSystemPicker}).
 * https://www.electronjs.org/docs/latest/api/session#sessetdisplaymediarequesthandlerhandler-opts
 */
export class ElectronScreenSources implements ScreenSourceProvider {
  /** The last listing, by id: what a pick can refer to. */
  private listed = new Map<string, DesktopCapturerSource>()
  private selected: DesktopCapturerSource | null = null
  private readonly deps: Required<ScreenSourcesDeps>

  constructor(deps: ScreenSourcesDeps) {
    this.deps = {
      platform: process.platform,
      env: process.env,
      screenAccess: () => systemPreferences.getMediaAccessStatus('screen'),
      openSettingsPane: (url) => void shell.openExternal(url),
      ...deps,
    }
    this.deps.session.setDisplayMediaRequestHandler(
      (request, callback) => {
        const origin = request.frame?.origin ?? ''
        if (!this.deps.trustedOrigins.includes(origin)) return callback({})
        if (this.usesSystemPicker) {
          void this.deps.capturer
            .getSources({ types: LISTED_TYPES, thumbnailSize: { width: 0, height: 0 } })
            .then((sources) => callback(sources[0] ? { video: sources[0] } : {}))
            .catch(() => callback({}))
          return
        }
        // One pick, one capture: the next share lists and picks again.
        const source = this.selected
        this.selected = null
        callback(source ? { video: source } : {})
      },
      // On macOS 15+ the system picker may be used instead of ours.
      { useSystemPicker: true },
    )
  }

  /** True where the OS's own picker chooses what to share (Wayland's portal), so ours is not shown. */
  get usesSystemPicker(): boolean {
    return isWaylandSession(this.deps.env, this.deps.platform)
  }

  /**
   * On macOS the screen-recording permission must be granted in System Settings; without it
   * desktopCapturer returns only the wallpaper. Say so, open the right pane, and tell the user that
   * macOS needs Sightline restarted after granting. Windows and Linux need no permission. On
   * Wayland nothing is listed: listing would open the portal's picker before the user asked to share.
   */
  async list(): Promise<ScreenSource[]> {
    if (this.deps.platform === 'darwin' && this.deps.screenAccess() !== 'granted') {
      this.deps.openSettingsPane('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture')
      throw new CodedError(
        'SCREEN_PERMISSION_MISSING',
        'Sightline needs the Screen Recording permission to see your screen. System Settings is open at ' +
          'Privacy & Security › Screen Recording: turn Sightline on, then quit and reopen Sightline (macOS asks for a restart).',
      )
    }
    if (this.usesSystemPicker) return []
    const sources = await this.deps.capturer.getSources({ types: LISTED_TYPES, thumbnailSize: { width: 320, height: 180 } })
    this.listed = new Map(sources.map((s) => [s.id, s]))
    this.selected = null
    return sources.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.id.startsWith('screen:') ? 'screen' : 'window',
      thumbnail: s.thumbnail.isEmpty() ? null : s.thumbnail.toDataURL(),
    }))
  }

  /**
   * What a listed source shows, for the privacy gate: a screen by its `display_id` (Electron's
   * `Display.id`), a window by the native id inside `window:<id>:<n>`; unknown otherwise.
   */
  shareTarget(id: string): ShareTarget {
    const source = this.listed.get(id)
    if (source?.id.startsWith('screen:') && source.display_id) return { kind: 'screen', displayId: source.display_id }
    const windowId = /^window:(\d+):/u.exec(id)?.[1]
    if (source && windowId) return { kind: 'window', windowId }
    return { kind: 'unknown' }
  }

  /** Remembers the picked source for the share's getDisplayMedia; an id not in the last listing is refused. */
  select(id: string): void {
    const source = this.listed.get(id)
    if (!source) throw new CodedError('SCREEN_SOURCE_UNKNOWN', 'That screen or window is no longer in the list. Choose it again.')
    this.selected = source
  }
}

/** The app's adapter over Electron's own desktopCapturer, for `session`. */
export function createElectronScreenSources(session: Session, trustedOrigins: readonly string[]): ElectronScreenSources {
  return new ElectronScreenSources({ session, capturer: desktopCapturer, trustedOrigins })
}
