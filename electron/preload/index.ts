import { contextBridge, ipcRenderer } from 'electron'
import { createBridge, type BridgeTransport, type IpcResult } from '../../shared/ipcContract'

/**
 * The page's only door to main: `window.sightline`, one intention-named function per contract
 * entry. ipcRenderer itself is never exposed, and listeners never receive the IpcRendererEvent.
 */
const transport: BridgeTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<IpcResult<unknown>>,
  send: (channel, payload) => ipcRenderer.send(channel, payload),
  subscribe(channel, listener) {
    const strip = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, strip)
    return () => {
      ipcRenderer.removeListener(channel, strip)
    }
  },
}

contextBridge.exposeInMainWorld('sightline', createBridge(transport))
