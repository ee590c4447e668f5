import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron'
import type { IpcSender } from './ipcRouter'

/** The parts of an ipcMain event {@link senderOf} reads (so tests can build real-shaped events without Electron). */
export type IpcEventLike = {
  sender: Pick<IpcMainEvent['sender'], 'id' | 'isDestroyed'>
  senderFrame: Pick<NonNullable<IpcMainEvent['senderFrame']>, 'origin' | 'parent' | 'detached'> | null
}

/** No origin, not a top frame: what an event we cannot vouch for becomes, so the router refuses it. */
const UNKNOWN = (id: string): IpcSender => ({ id, origin: '', isTopFrame: false })

/**
 * Turns an ipcMain event into the identity the router trusts: the sending frame's origin, and
 * whether it is the top frame. A subframe is never the top frame, whatever its origin; a
 * destroyed sender, a frame that navigated away or was destroyed (`senderFrame` null), a frame
 * detached from its page, or one whose properties throw (disposed) is nobody.
 * See https://www.electronjs.org/docs/latest/api/structures/ipc-main-event (senderFrame).
 */
export function senderOf(event: IpcEventLike | IpcMainEvent | IpcMainInvokeEvent): IpcSender {
  let id = 'wc-unknown'
  try {
    id = `wc-${event.sender.id}`
    if (event.sender.isDestroyed()) return UNKNOWN(id)
    const frame = event.senderFrame
    if (!frame || frame.detached) return UNKNOWN(id)
    return { id, origin: frame.origin, isTopFrame: frame.parent === null }
  } catch {
    return UNKNOWN(id)
  }
}
