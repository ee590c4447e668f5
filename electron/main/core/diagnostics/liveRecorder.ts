import type { ClientContent, RealtimeInput } from '../live/liveTypes'
import type { LiveConnection, LiveConnectRequest, LiveTransport, LiveTransportCallbacks } from '../ports'
import { redactSecrets } from '../redact'

/** One close the session saw: before setupComplete (`setup`) or of an open session. */
export interface CloseRecord {
  at: string
  phase: 'setup' | 'session'
  code: number | null
  reason: string
}

/** Bench-style timing probes: connect to setupComplete, and question to first content / turnComplete (ms). */
export interface TimingRecord {
  connects: { at: string; ms: number; isOk: boolean; model: string; apiVersion: string; credential: 'apiKey' | 'token' }[]
  replies: { at: string; firstContentMs: number | null; turnCompleteMs: number | null }[]
}

/** How many of each are kept (the diagnostics zip wants the recent past, not history). */
export const MAX_RECORDS = 50

/**
 * Wraps the Live transport and keeps, for diagnostics, the recent close codes and reasons and
 * the timing probes of recent connections and answers. Holds no key or token: reasons are
 * redacted, the credential is recorded only as its kind.
 */
export class LiveRecorder implements LiveTransport {
  readonly closes: CloseRecord[] = []
  readonly timings: TimingRecord = { connects: [], replies: [] }

  constructor(
    private readonly inner: LiveTransport,
    private readonly now: () => number = () => performance.now(),
    private readonly wallClock: () => Date = () => new Date(),
  ) {}

  async connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    const started = this.now()
    let turn: { startedAt: number; record: TimingRecord['replies'][number] } | null = null
    const startTurn = () => {
      turn = { startedAt: this.now(), record: { at: this.wallClock().toISOString(), firstContentMs: null, turnCompleteMs: null } }
      push(this.timings.replies, turn.record)
    }
    const probe = {
      at: this.wallClock().toISOString(),
      ms: 0,
      isOk: false,
      model: request.model,
      apiVersion: request.apiVersion,
      credential: request.apiKey.startsWith('auth_tokens/') ? ('token' as const) : ('apiKey' as const),
    }
    try {
      const connection = await this.inner.connect(request, {
        onMessage: (message) => {
          const content = (message as { serverContent?: { modelTurn?: unknown; outputTranscription?: unknown; turnComplete?: boolean } }).serverContent
          if (turn && content) {
            const elapsed = Math.round(this.now() - turn.startedAt)
            if ((content.modelTurn || content.outputTranscription) && turn.record.firstContentMs === null) turn.record.firstContentMs = elapsed
            if (content.turnComplete) {
              turn.record.turnCompleteMs = elapsed
              turn = null
            }
          }
          callbacks.onMessage(message)
        },
        onClose: (code, reason) => {
          push(this.closes, { at: this.wallClock().toISOString(), phase: 'session', code, reason: redactSecrets(reason, [request.apiKey]) })
          callbacks.onClose(code, reason)
        },
        onError: (message) => callbacks.onError(message),
      })
      probe.isOk = true
      probe.ms = Math.round(this.now() - started)
      push(this.timings.connects, probe)
      return {
        sendRealtimeInput: (input: RealtimeInput) => {
          if (input.text !== undefined || input.activityEnd || input.audioStreamEnd) startTurn()
          connection.sendRealtimeInput(input)
        },
        sendClientContent: (content: ClientContent) => {
          if (content.turnComplete !== false) startTurn()
          connection.sendClientContent(content)
        },
        sendToolResponse: (responses) => connection.sendToolResponse(responses),
        close: () => connection.close(),
        ...(connection.isAlive && { isAlive: (timeoutMs: number) => connection.isAlive!(timeoutMs) }),
      }
    } catch (error) {
      probe.ms = Math.round(this.now() - started)
      push(this.timings.connects, probe)
      const { closeCode, reason } = error as { closeCode?: number | null; reason?: string; message?: string }
      push(this.closes, {
        at: this.wallClock().toISOString(),
        phase: 'setup',
        code: typeof closeCode === 'number' ? closeCode : null,
        reason: redactSecrets(String(reason ?? (error as Error)?.message ?? error), [request.apiKey]),
      })
      throw error
    }
  }
}

function push<T>(list: T[], item: T): void {
  list.push(item)
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS)
}
