import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { parseLiveUpgradePath } from '../support/fakeLive/liveUrl'

/** One Live connection the stub accepted: the credential it carried and the model its setup asked for. */
export interface LiveHandshake {
  readonly credential: string | null
  readonly model: string
}

/** A loopback Live endpoint that completes the setup handshake and nothing more. */
export interface LiveHandshakeStub {
  /** The value for GOOGLE_GEMINI_BASE_URL: http://, as the SDK requires (live-protocol.md §1.1). */
  readonly baseUrl: string
  readonly handshakes: readonly LiveHandshake[]
  close(): Promise<void>
}

/**
 * Answers `setup` with `setupComplete`, in a binary frame like Google's server, so a session can
 * go live; enough for a smoke test that the packaged wiring reaches the Live endpoint from
 * GOOGLE_GEMINI_BASE_URL. Conversations are the fake Live server's job (test/support/fakeLive).
 */
export async function startLiveHandshakeStub(): Promise<LiveHandshakeStub> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const handshakes: LiveHandshake[] = []
  server.on('connection', (socket, request) => {
    const endpoint = parseLiveUpgradePath(request.url ?? '')
    if (!endpoint) {
      socket.close(1008, 'not a Live endpoint')
      return
    }
    socket.on('message', (data) => {
      let message: { setup?: { model?: string } }
      try {
        message = JSON.parse(String(data)) as typeof message
      } catch {
        socket.close(1007, 'Invalid JSON payload received.')
        return
      }
      if (!message.setup) return
      handshakes.push({ credential: endpoint.credential, model: message.setup.model ?? '' })
      socket.send(Buffer.from('{\n  "setupComplete": {}\n}\n'), { binary: true })
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  }
}
