import type { ClientContent, FunctionResponse, LiveConfig, LiveServerMessage, RealtimeInput } from '../live/liveTypes'

/** What a Live connection needs: the key stays inside the transport and never reaches an event. */
export interface LiveConnectRequest {
  apiKey: string
  model: string
  /** `v1alpha` when affective dialog or proactive audio is on, otherwise `v1beta`. */
  apiVersion: 'v1alpha' | 'v1beta'
  config: LiveConfig
}

export interface LiveTransportCallbacks {
  onMessage(message: LiveServerMessage): void
  onClose(code: number, reason: string): void
  onError(message: string): void
}

/** One open Live connection. Sends after close are dropped by the transport, never thrown. */
export interface LiveConnection {
  sendRealtimeInput(input: RealtimeInput): void
  sendClientContent(content: ClientContent): void
  sendToolResponse(responses: FunctionResponse[]): void
  close(): void
  /**
   * Checks the socket end to end (a WebSocket ping answered by a pong) and resolves false when no
   * answer came within `timeoutMs`: after sleep or a network change a socket can still claim to
   * be open. Optional: without it the engine treats a connection older than the wake as dead.
   */
  isAlive?(timeoutMs: number): Promise<boolean>
}

/** Opens Live connections; `connect` settles once the server said `setupComplete`, or rejects. */
export interface LiveTransport {
  connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection>
}
