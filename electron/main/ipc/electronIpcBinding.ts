import { ipcMain, webContents } from 'electron'
import { channels, contract, type EventMethod, type EventPayload } from '../../../shared/ipcContract'
import type { IpcRouter } from './ipcRouter'
import { senderOf } from './senderOf'

/**
 * The only place raw ipcMain is used: every contract channel goes through the router, which
 * checks the sender and parses the payload. Handlers never throw into Electron.
 */
export function bindIpcRouter(router: IpcRouter): () => void {
  for (const channel of channels.invoke) {
    ipcMain.handle(channel, (event, payload: unknown) => router.invoke(channel, senderOf(event), payload))
  }
  for (const channel of channels.send) {
    ipcMain.on(channel, (event, payload: unknown) => router.send(channel, senderOf(event), payload))
  }
  return () => {
    for (const channel of channels.invoke) ipcMain.removeHandler(channel)
    for (const channel of channels.send) ipcMain.removeAllListeners(channel)
  }
}

/** Sends a contract event to every page of ours that is still alive. */
export function createElectronEventSink(isOwnPage: (url: string, method: EventMethod) => boolean) {
  return <M extends EventMethod>(method: M, payload: EventPayload<M>): void => {
    const channel = contract.events[method].channel
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isOwnPage(contents.getURL(), method)) contents.send(channel, payload)
    }
  }
}
