import { createBridge, type BridgeTransport, type IpcResult } from '../../shared/ipcContract'
import { decodeWire, encodeWire, type WireMessage } from '../../shared/wireCodec'
import { BRIDGE_PROTOCOL, BRIDGE_SOCKET_PATH, CALL_BAR_PAGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX, TOKEN_STORAGE_KEY } from '../../shared/harnessBridge'

/**
 * The browser harness's stand-in for the preload: defines `window.sightline` from the same
 * contract, carried over a same-origin WebSocket to the Node process that runs the real
 * main-side router and engine. Loaded as a classic script before the app's module, so the app
 * cannot tell the difference. Never part of the Electron build.
 */

/**
 * The per-run token: taken from the URL fragment `#token=…` (which no browser sends to any
 * server), kept in sessionStorage (per origin, port included, so no other local server can read
 * it) and dropped from the address bar. Null when the page was opened without it.
 */
function takeToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromFragment)
    history.replaceState(null, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY)
}

const NO_TOKEN = { code: 'HARNESS_NO_TOKEN', message: 'Open the URL printed by `npm run dev:web`: it carries this run\'s token.' }

function connectTransport(token: string | null): BridgeTransport {
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const outbox: Uint8Array<ArrayBuffer>[] = []
  let socket: WebSocket | undefined
  let nextId = 1
  let retryMs = 100

  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const protocols = [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`, ...(location.hash === '#call-bar' ? [CALL_BAR_PAGE_PROTOCOL] : [])]
    const ws = new WebSocket(`${scheme}//${location.host}${BRIDGE_SOCKET_PATH}`, protocols)
    socket = ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => {
      retryMs = 100
      for (const frame of outbox.splice(0)) ws.send(frame)
    }
    ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
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
    ws.onclose = () => {
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
    if (socket?.readyState === WebSocket.OPEN) socket.send(frame)
    else if (outbox.length < 1_000) outbox.push(frame)
  }

  if (token) open()
  return {
    invoke(channel, payload) {
      const id = nextId++
      return new Promise((resolve) => {
        if (!token) return resolve({ ok: false, error: NO_TOKEN })
        pending.set(id, resolve)
        write({ type: 'invoke', id, channel, payload })
      })
    },
    send(channel, payload) {
      if (token) write({ type: 'send', channel, payload })
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

Object.defineProperty(window, 'sightline', { value: createBridge(connectTransport(takeToken())), writable: false, configurable: false })
