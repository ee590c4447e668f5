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
    devTools: process.env.NODE_ENV === 'development',
  }
}
