import type { LiveConnection, LiveConnectRequest, LiveTransport, LiveTransportCallbacks } from '../../../electron/main/core/ports'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import type { LiveServerMessage } from '../../../electron/main/core/live/liveTypes'

/** One frame the engine sent on a fake connection. */
export type SentFrame =
  | { kind: 'realtimeInput'; payload: Record<string, unknown> }
  | { kind: 'clientContent'; payload: Record<string, unknown> }
  | { kind: 'toolResponse'; payload: Record<string, unknown>[] }

/** One `connect` call, answered by the test. */
export class ConnectAttempt {
  readonly sent: SentFrame[] = []
  isClosedByClient = false
  /** How the connection answers a ping: `none` offers no probe at all (like a transport that cannot ping). */
  probe: 'answers' | 'silent' | 'none' = 'none'
  /** Pings the engine sent on this connection. */
  pings = 0
  private resolve!: (c: LiveConnection) => void
  private reject!: (e: unknown) => void
  readonly promise: Promise<LiveConnection>

  constructor(
    readonly request: LiveConnectRequest,
    private readonly callbacks: LiveTransportCallbacks,
  ) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
  }

  /** Answers with setupComplete (plus a resumable handle) and resolves connect. */
  accept(handle: string | null = 'h1'): void {
    this.callbacks.onMessage({ setupComplete: {} })
    if (handle) this.callbacks.onMessage({ sessionResumptionUpdate: { newHandle: handle, resumable: true } })
    const sent = this.sent
    const isAlive = async () => {
      this.pings++
      return this.probe === 'answers' && !this.isClosedByClient
    }
    this.resolve({
      ...(this.probe !== 'none' && { isAlive }),
      sendRealtimeInput: (payload) => sent.push({ kind: 'realtimeInput', payload: payload as Record<string, unknown> }),
      sendClientContent: (payload) => sent.push({ kind: 'clientContent', payload: payload as Record<string, unknown> }),
      sendToolResponse: (payload) => sent.push({ kind: 'toolResponse', payload: payload as unknown as Record<string, unknown>[] }),
      close: () => {
        if (this.isClosedByClient) return
        this.isClosedByClient = true
        queueMicrotask(() => this.callbacks.onClose(1005, ''))
      },
    })
  }

  /** The server closed before setupComplete. */
  refuse(code: number, reason: string): void {
    this.reject(new LiveTransportError(code, reason))
  }

  /** The socket never opened. */
  fail(message = 'connect ECONNREFUSED 127.0.0.1:9'): void {
    this.reject(new LiveTransportError(null, message))
  }

  emit(message: LiveServerMessage): void {
    this.callbacks.onMessage(message)
  }

  /** The server (or the network) closed an open connection. */
  serverClose(code: number, reason = ''): void {
    this.callbacks.onClose(code, reason)
  }

  /** Realtime input frames of one kind (`audio`, `video`, `text`, `activityStart`…). */
  realtime(kind: string): Record<string, unknown>[] {
    return this.sent.flatMap((f) => (f.kind === 'realtimeInput' && kind in f.payload ? [f.payload] : []))
  }
}

/** A LiveTransport whose every connect waits for the test (or `autoAccept`) to answer. */
export class FakeLiveTransport implements LiveTransport {
  readonly attempts: ConnectAttempt[] = []
  /** When set, runs on every new attempt (e.g. `(a) => a.accept()`). */
  onAttempt: ((attempt: ConnectAttempt) => void) | null = null
  /** The probe every new connection offers (see {@link ConnectAttempt.probe}). */
  probe: ConnectAttempt['probe'] = 'none'

  connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    const attempt = new ConnectAttempt(request, callbacks)
    attempt.probe = this.probe
    this.attempts.push(attempt)
    this.onAttempt?.(attempt)
    return attempt.promise
  }

  get last(): ConnectAttempt {
    const a = this.attempts.at(-1)
    if (!a) throw new Error('no connect attempt yet')
    return a
  }
}
