import { createBridge, type BridgeTransport, type IpcResult } from '../../shared/ipcContract'
import { decodeWire, encodeWire, type WireMessage } from '../../shared/wireCodec'

/**
 * The browser harness's stand-in for the preload: defines `window.sightline` from the same
 * contract, carried over a same-origin WebSocket to the Node process that runs the real
 * main-side router and engine. Loaded as a classic script before the app's module, so the app
 * cannot tell the difference. Never part of the Electron build.
 */
const BRIDGE_PATH = '/__harness/bridge'

function connectTransport(): BridgeTransport {
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const outbox: Uint8Array<ArrayBuffer>[] = []
  let socket: WebSocket
  let nextId = 1
  let retryMs = 100

  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    socket = new WebSocket(`${scheme}//${location.host}${BRIDGE_PATH}`)
    socket.binaryType = 'arraybuffer'
    socket.onopen = () => {
      retryMs = 100
      for (const frame of outbox.splice(0)) socket.send(frame)
    }
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      let message: WireMessage
      try {
        message = decodeWire(new Uint8Array(event.data))
      } catch {
        return
      }
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result as IpcResult<unknown>)
        pending.delete(message.id)
      } else if (message.type === 'event') {
        for (const listener of listeners.get(message.channel) ?? []) listener(message.payload)
      }
    }
    socket.onclose = () => {
      for (const [id, settle] of pending) {
        settle({ ok: false, error: { code: 'BRIDGE_CLOSED', message: 'The connection to Sightline was lost. Retrying…' } })
        pending.delete(id)
      }
      setTimeout(open, retryMs)
      retryMs = Math.min(retryMs * 2, 5_000)
    }
  }

  const write = (message: WireMessage) => {
    const frame = encodeWire(message)
    if (socket.readyState === WebSocket.OPEN) socket.send(frame)
    else if (outbox.length < 1_000) outbox.push(frame)
  }

  open()
  return {
    invoke(channel, payload) {
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        write({ type: 'invoke', id, channel, payload })
      })
    },
    send(channel, payload) {
      write({ type: 'send', channel, payload })
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => {
        set.delete(listener)
      }
    },
  }
}

Object.defineProperty(window, 'sightline', { value: createBridge(connectTransport()), writable: false, configurable: false })
