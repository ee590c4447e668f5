import type { IncomingMessage } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { contract, type EventMethod, type EventPayload } from '../../../shared/ipcContract'
import { decodeWire, encodeWire, type WireMessage } from '../../../shared/wireCodec'
import type { Logger } from '../core/ports'
import type { IpcRouter, IpcSender } from './ipcRouter'
import { BRIDGE_PROTOCOL, CALL_BAR_PAGE_PROTOCOL } from '../../../shared/harnessBridge'
import { CALL_BAR_EVENTS } from '../../../shared/callBarEvents'
import { RefusalLog } from './refusalLog'

/** Largest bridge frame accepted: a 4K RGBA frame plus header room. */
const MAX_FRAME_BYTES = 3840 * 2160 * 4 + 64 * 1024

export type TrafficListener = (direction: 'in' | 'out', message: WireMessage) => void

/**
 * The contract over a WebSocket: the browser harness's stand-in for ipcMain. The same router
 * answers, so the page, the sender checks and the payload parsing are exactly the app's.
 */
export class WebSocketIpcServer {
  readonly stats = { framesIn: 0, framesOut: 0, badFrames: 0, connections: 0 }
  private readonly wss: WebSocketServer
  private readonly sockets = new Set<WebSocket>()
  /** The call bar's page gets only the call bar's events (shared/callBarEvents.ts), as in Electron. */
  private readonly callBarSockets = new WeakSet<WebSocket>()
  private readonly trafficListeners = new Set<TrafficListener>()
  private nextId = 1
  private readonly refusals: RefusalLog

  constructor(
    private readonly router: IpcRouter,
    private readonly logger: Logger,
  ) {
    this.refusals = new RefusalLog(logger, { first: 'bridge frame refused', summary: 'bridge frames refused' })
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      // Select the bridge protocol, never the one carrying the token, so the token is not echoed.
      handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
    })
  }

  /** Takes over an upgrade the HTTP server already authenticated. */
  accept(request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, request))
  }

  /** Broadcasts a contract event to every connected page. */
  emit<M extends EventMethod>(method: M, payload: EventPayload<M>): void {
    const message: WireMessage = { type: 'event', channel: contract.events[method].channel, payload }
    const frame = encodeWire(message)
    const isForCallBar = CALL_BAR_EVENTS.has(method)
    for (const ws of this.sockets) if (isForCallBar || !this.callBarSockets.has(ws)) this.write(ws, frame, message)
  }

  /** Observes every message that crosses the bridge (the leak test reads them all). */
  onTraffic(listener: TrafficListener): () => void {
    this.trafficListeners.add(listener)
    return () => this.trafficListeners.delete(listener)
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private onConnection(ws: WebSocket, request: IncomingMessage): void {
    const sender: IpcSender = { id: `ws-${this.nextId++}`, origin: request.headers.origin ?? '', isTopFrame: true }
    this.sockets.add(ws)
    const offered = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
    if (offered.includes(CALL_BAR_PAGE_PROTOCOL)) this.callBarSockets.add(ws)
    this.stats.connections++
    ws.on('close', () => this.sockets.delete(ws))
    ws.on('error', (error) => this.logger.warn('bridge socket error', { error: error.message }))
    ws.on('message', (data, isBinary) => {
      this.stats.framesIn++
      let message: WireMessage
      try {
        if (!isBinary) throw new Error('text frame')
        message = decodeWire(toBytes(data))
      } catch (error) {
        this.stats.badFrames++
        this.refusals.note(error instanceof Error ? error.message : 'bad frame', { error })
        return
      }
      for (const listener of this.trafficListeners) listener('in', message)
      if (message.type === 'invoke') {
        void this.router.invoke(message.channel, sender, message.payload).then((result) => {
          const reply: WireMessage = { type: 'result', id: message.id, result }
          this.write(ws, encodeWire(reply), reply)
        })
      } else if (message.type === 'send') {
        this.router.send(message.channel, sender, message.payload)
      } else {
        this.stats.badFrames++
      }
    })
  }

  private write(ws: WebSocket, frame: Uint8Array, message: WireMessage): void {
    if (ws.readyState !== ws.OPEN) return
    this.stats.framesOut++
    for (const listener of this.trafficListeners) listener('out', message)
    ws.send(frame, { binary: true })
  }
}

function toBytes(data: import('ws').RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
