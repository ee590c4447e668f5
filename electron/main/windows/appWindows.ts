import { screen, type BrowserWindow } from 'electron'
import { APP_ORIGIN } from './securityPolicy'
import { createSecureWindow } from './secureWindow'

/**
 * Sightline's windows: the full window (conversation, settings, picker) and the small
 * always-on-top mini window shown while talking from the tray or hotkey. Both load the same
 * page from app:// (or the dev server in `npm run dev`).
 *
 * Closing the main window hides it while the tray runs: its page hosts the microphone capture and
 * the answer's playback, so push-to-talk keeps working with every window closed. Only quitting
 * (the tray's Quit, Cmd+Q on macOS) really closes it; call {@link allowClose} first.
 */
export class AppWindows {
  private main: BrowserWindow | null = null
  private mini: BrowserWindow | null = null
  private isQuitting = false

  constructor(
    private readonly preloadPath: string,
    private readonly pageUrl: string = `${APP_ORIGIN}/index.html`,
  ) {}

  showMain(): BrowserWindow {
    if (this.main && !this.main.isDestroyed()) {
      if (this.main.isMinimized()) this.main.restore()
      this.main.show()
      this.main.focus()
      return this.main
    }
    this.main = createSecureWindow(
      { width: 460, height: 720, minWidth: 360, minHeight: 480, title: 'Sightline', show: false },
      this.preloadPath,
    )
    this.main.once('ready-to-show', () => this.main?.show())
    this.main.on('close', (event) => {
      if (this.isQuitting) return
      event.preventDefault()
      this.main?.hide()
    })
    // Windows logging off or shutting down closes windows without a before-quit; hiding would hold it up.
    this.main.on('session-end', () => this.allowClose())
    void this.main.loadURL(this.pageUrl)
    return this.main
  }

  /** The app is quitting: closing the windows now really closes them. */
  allowClose(): void {
    this.isQuitting = true
  }

  /** Shows the mini window without taking focus from what the user is doing. */
  showMini(): void {
    if (this.mini && !this.mini.isDestroyed()) return this.mini.showInactive()
    const { workArea } = screen.getPrimaryDisplay()
    this.mini = createSecureWindow(
      {
        width: 320,
        height: 140,
        x: workArea.x + workArea.width - 340,
        y: workArea.y + 20,
        frame: false,
        resizable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        focusable: false,
        show: false,
      },
      this.preloadPath,
    )
    this.mini.setAlwaysOnTop(true, 'floating')
    this.mini.once('ready-to-show', () => this.mini?.showInactive())
    void this.mini.loadURL(`${this.pageUrl}#mini`)
  }

  hideMini(): void {
    if (this.mini && !this.mini.isDestroyed()) this.mini.hide()
  }

  get isMainVisible(): boolean {
    return this.main !== null && !this.main.isDestroyed() && this.main.isVisible()
  }
}
