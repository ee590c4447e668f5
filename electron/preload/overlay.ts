import { contextBridge, ipcRenderer } from 'electron'
import {
  OVERLAY_MARKER_CHANNEL,
  OVERLAY_OUTLINE_CHANNEL,
  parseOverlayMarker,
  parseOverlayRect,
  type OverlayMarker,
  type OverlayRect,
} from '../../shared/overlayMarker'

/**
 * The overlay page's whole bridge: it can be told what to show (a `point_at` marker, the shared
 * region's outline), and nothing else. No invoke, no send: an overlay has nothing to ask main
 * for. Messages are checked before the page sees them.
 */
contextBridge.exposeInMainWorld('sightlineOverlay', {
  onMarker(listener: (marker: OverlayMarker) => void): void {
    ipcRenderer.on(OVERLAY_MARKER_CHANNEL, (_event, payload: unknown) => {
      const marker = parseOverlayMarker(payload)
      if (marker) listener(marker)
    })
  },
  onOutline(listener: (rect: OverlayRect | null) => void): void {
    ipcRenderer.on(OVERLAY_OUTLINE_CHANNEL, (_event, payload: unknown) => listener(parseOverlayRect(payload)))
  },
})
