import { screen } from 'electron'
import type { DesktopDisplay, DisplayWatch } from '../core/ports'

/** Display changes from Electron's `screen` events (added, removed, metrics changed); only after the app is ready. */
export function createElectronDisplayWatch(): DisplayWatch {
  return {
    onChange(listener) {
      const notify = () => listener(screen.getAllDisplays().map((d): DesktopDisplay => ({ id: String(d.id), bounds: d.bounds, scaleFactor: d.scaleFactor })))
      const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const
      for (const event of events) screen.on(event as 'display-added', notify)
      return () => {
        for (const event of events) screen.removeListener(event as 'display-added', notify)
      }
    },
  }
}
