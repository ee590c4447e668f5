import type { BrowserWindow } from 'electron'
import { APP_ORIGIN } from './securityPolicy'
import { createSecureWindow } from './secureWindow'

/**
 * Sightline's full window (conversation, settings, picker), loaded from app:// (or the dev server
 * in `npm run dev`). The call bar loads the same page in its own window (callBarWindow.ts).
 *
 * Closing the main window hides it while the tray runs: its page hosts the microphone capture and
 * the answer's playback, so push-to-talk keeps working with every window closed. Only quitting
 * (the tray's Quit, Cmd+Q on macOS) really closes it; call {@link allowClose} first.
 */
export class AppWindows {
  private main: BrowserWindow | null = null
  private isQuitting = false

  constructor(
    private readonly preloadPath: string,
    readonly pageUrl: string = `${APP_ORIGIN}/index.html`,
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
}
