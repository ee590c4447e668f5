import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { decodeWire, encodeWire, type WireMessage } from '../../shared/wireCodec'
import type { IpcResult } from '../../shared/ipcContract'
import { IpcRouter, type IpcHandlers } from '../../electron/main/ipc/ipcRouter'
import { WebSocketIpcServer } from '../../electron/main/ipc/webSocketIpcServer'
import { startWebHarnessServer, type WebHarnessServer } from '../../electron/main/harness/webHarnessServer'
import type { Logger } from '../../electron/main/core/ports'
import { BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../shared/harnessBridge'

/** A harness server over a stub page, with the given handlers behind the real router and bridge. */
export async function startBridgeOnly(handlers: IpcHandlers, logger: Logger) {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bridge-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><title>stub</title><script type="module" src="/x.js"></script>')
  writeFileSync(join(dir, 'bridge.js'), '')
  let origin = ''
  const router = new IpcRouter(handlers, (s) => s.isTopFrame && s.origin === origin, logger)
  const bridge = new WebSocketIpcServer(router, logger)
  const server: WebHarnessServer = await startWebHarnessServer({ rendererDir: join(dir, 'renderer'), bridgeScriptFile: join(dir, 'bridge.js'), bridge })
  origin = server.origin
  return { server, router, bridge }
}

/** A Node client of the bridge that presents the harness's token (as a subprotocol), Origin and Host, like the page does. */
export class BridgeClient {
  private readonly pending = new Map<number, (r: IpcResult<unknown>) => void>()
  readonly events: WireMessage[] = []
  private nextId = 1

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = decodeWire(new Uint8Array(data))
      if (message.type === 'result') {
        this.pending.get(message.id)?.(message.result as IpcResult<unknown>)
        this.pending.delete(message.id)
      } else this.events.push(message)
    })
  }

  static connect(
    server: WebHarnessServer,
    options: { origin?: string; host?: string; token?: string | null; headers?: Record<string, string>; extraProtocols?: string[] } = {},
  ): Promise<BridgeClient> {
    const token = options.token === undefined ? server.token : options.token
    const protocols = [...(token === null ? [BRIDGE_PROTOCOL] : [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]), ...(options.extraProtocols ?? [])]
    const headers: Record<string, string> = { origin: options.origin ?? server.origin, ...options.headers }
    if (options.host) headers.host = options.host
    const ws = new WebSocket(server.origin.replace('http', 'ws') + '/__harness/bridge', protocols, { headers, perMessageDeflate: false })
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new BridgeClient(ws)))
      ws.once('error', reject)
    })
  }

  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.ws.send(encodeWire({ type: 'invoke', id, channel, payload }))
    })
  }

  send(channel: string, payload: unknown): void {
    this.ws.send(encodeWire({ type: 'send', channel, payload }))
  }

  raw(data: Uint8Array | string): void {
    this.ws.send(data)
  }

  close(): void {
    this.ws.close()
  }
}
