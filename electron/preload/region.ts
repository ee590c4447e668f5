import { contextBridge, ipcRenderer } from 'electron'
import { REGION_DONE_CHANNEL } from '../../shared/regionPickerChannel'

/** The region picker's whole bridge: one answer, the dragged rectangle or null (Esc). Main checks it. */
contextBridge.exposeInMainWorld('sightlineRegion', {
  done(rect: { x: number; y: number; width: number; height: number } | null): void {
    ipcRenderer.send(REGION_DONE_CHANNEL, rect)
  },
})
