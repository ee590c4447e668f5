import type { LiveConnection, LiveConnectRequest, LiveTransport, LiveTransportCallbacks } from '../../../electron/main/core/ports'
import type { RealtimeInput } from '../../../electron/main/core/live/liveTypes'

/** What the engine did with one connection: the mic chunks it handed over, and who ended it. */
export interface ConnectionRecord {
  handed: number[]
  /** `peer`: the server or the network closed it first; `engine`: the engine closed it. */
  endedBy: 'peer' | 'engine' | null
}

/**
 * Wraps the real transport and notes, per connection, which numbered mic chunks the engine
 * handed to it and whether the peer or the engine ended it: what the fault suite needs to tell
 * a chunk lost in flight at a cut (written to a socket the network had already killed) from one
 * the engine lost.
 */
export class RecordingTransport implements LiveTransport {
  readonly connections: ConnectionRecord[] = []

  constructor(private readonly inner: LiveTransport) {}

  async connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    const record: ConnectionRecord = { handed: [], endedBy: null }
    const connection = await this.inner.connect(request, {
      ...callbacks,
      onClose: (code, reason) => {
        record.endedBy ??= 'peer'
        callbacks.onClose(code, reason)
      },
    })
    this.connections.push(record)
    return {
      sendRealtimeInput: (input) => {
        const n = chunkNumberOf(input)
        if (n !== null) record.handed.push(n)
        connection.sendRealtimeInput(input)
      },
      sendClientContent: (content) => connection.sendClientContent(content),
      sendToolResponse: (responses) => connection.sendToolResponse(responses),
      close: () => {
        record.endedBy ??= 'engine'
        connection.close()
      },
      ...(connection.isAlive && { isAlive: (timeoutMs: number) => connection.isAlive!(timeoutMs) }),
    }
  }
}

/** The sequence number a numbered mic chunk carries in its first four bytes, or null for other input. */
export function chunkNumberOf(input: RealtimeInput): number | null {
  const data = input.audio?.data
  return data === undefined ? null : Buffer.from(data, 'base64').readUInt32LE(0)
}
