import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

export type WindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>

/**
 * The one place Sightline windows are made: every one is sandboxed and context-isolated, with no
 * Node in the page. The preferences are written out in the constructor call so that reviewers
 * (and electronegativity) see them where the window is created. electron-vite's template defaults
 * (sandbox off) are deliberately not used. Every window is content-protected, so screen captures
 * (ours included) leave it out where the OS honours that; the privacy gate masks it anyway.
 */
export function createSecureWindow(options: WindowOptions, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in new windows; the window-open handler denies them anyway.
      disableBlinkFeatures: 'Auxclick',
      // The answer plays as soon as it arrives, without waiting for a click in the window.
      autoplayPolicy: 'no-user-gesture-required',
      // Screen frames are grabbed on a timer; a hidden window must not slow it to once a minute.
      backgroundThrottling: false,
      devTools: process.env.NODE_ENV === 'development',
    },
  })
  // https://www.electronjs.org/docs/latest/api/browser-window#winsetcontentprotectionenable-macos-windows
  // (ignored by ScreenCaptureKit on macOS 15+, and a no-op on Linux: hence the masks too).
  window.setContentProtection(true)
  return window
}
