import type { WebPreferences } from 'electron'

/**
 * The one place window preferences are made: every Sightline window is sandboxed and isolated,
 * with no Node in the page. electron-vite's template defaults (sandbox off) are deliberately not used.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
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
    // The answer plays as soon as it arrives, without waiting for a click in the window.
    autoplayPolicy: 'no-user-gesture-required',
    // Screen frames are grabbed on a timer; a hidden window must not slow it to once a minute.
    backgroundThrottling: false,
    devTools: process.env.NODE_ENV === 'development',
  }
}
