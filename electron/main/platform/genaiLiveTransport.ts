import {
  GoogleGenAI,
  type FunctionResponse as SdkFunctionResponse,
  type HistoryConfig as SdkHistoryConfig,
  type LiveConnectConfig,
  type LiveSendClientContentParameters,
  type LiveSendRealtimeInputParameters,
  type LiveServerMessage as SdkLiveServerMessage,
  type Session,
} from '@google/genai'
import type {
  LiveConnection,
  LiveConnectRequest,
  LiveTransport,
  LiveTransportCallbacks,
  Logger,
} from '../core/ports'
import { LiveTransportError } from '../core/live/liveErrors'
import type { ClientContent, FunctionResponse, LiveConfig, LiveServerMessage, RealtimeInput } from '../core/live/liveTypes'
import { redactSecrets } from '../core/redact'
import { silentLogger } from './pinoLogger'

/** Where and how to reach the Live API. */
export interface GenaiLiveTransportOptions {
  /**
   * `http://127.0.0.1:PORT` for the fake server (must be http://, never ws://: docs/protocol.md §1.1).
   * Unset: the SDK's own resolution (`GOOGLE_GEMINI_BASE_URL`, then Google).
   */
  baseUrl?: string
  logger?: Logger
}

/**
 * The production LiveTransport: @google/genai `live.connect` (Node build) with client-level
 * `httpOptions` and an explicit `apiVersion`.
 *
 * Two SDK hazards are contained here. A server frame that is not JSON makes the SDK's message
 * handler throw inside a floating promise, which kills Node (docs/protocol.md §4.1): frames are
 * checked before the SDK sees them and a bad one becomes `onError` on that connection. And the
 * key sits in the socket URL: every message that leaves this adapter is redacted.
 *
 * `onClose`/`onError` fire only after `connect` resolved; a failure before `setupComplete`
 * rejects `connect` with a {@link LiveTransportError} carrying the close code and reason.
 */
export class GenaiLiveTransport implements LiveTransport {
  private readonly logger: Logger

  constructor(private readonly options: GenaiLiveTransportOptions = {}) {
    this.logger = options.logger ?? silentLogger
  }

  async connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    const secrets = [request.apiKey]
    const redact = (text: string) => redactSecrets(text, secrets)
    const ai = new GoogleGenAI({
      apiKey: request.apiKey,
      httpOptions: { apiVersion: request.apiVersion, ...(this.options.baseUrl && { baseUrl: this.options.baseUrl }) },
    })
    let isSettled = false
    let earlyClose: { code: number; reason: string } | null = null
    let earlyError: string | null = null
    const report = (message: string) => {
      if (isSettled) safely(() => callbacks.onError(message), this.logger)
      else earlyError = message
    }
    const { historyConfig, ...sdkConfig } = request.config
    // The frame's text is redacted whole before its opening is quoted, so no part of a key shows (issue 19).
    const socket = guardFrames(
      ai,
      redact,
      (description) => {
        this.logger.warn('live server sent a frame that is not JSON; dropped', { description })
        report(`The server sent a frame that is not JSON (${description}).`)
      },
      historyConfig && { historyConfig },
    )
    try {
      const session = await ai.live.connect({
        model: request.model,
        config: toSdkConfig(sdkConfig),
        callbacks: {
          onmessage: (message: SdkLiveServerMessage) => safely(() => callbacks.onMessage(message), this.logger),
          onerror: (event: { message?: unknown }) => report(redact(String(event?.message ?? 'WebSocket error'))),
          onclose: (event: { code?: number; reason?: unknown }) => {
            const code = typeof event?.code === 'number' ? event.code : 1006
            const reason = redact(String(event?.reason ?? ''))
            if (isSettled) safely(() => callbacks.onClose(code, reason), this.logger)
            else earlyClose = { code, reason }
          },
        },
      })
      isSettled = true
      return new GenaiLiveConnection(session, socket, this.logger)
    } catch (error) {
      isSettled = true
      const close = earlyClose as { code: number; reason: string } | null
      if (close) throw new LiveTransportError(close.code, close.reason)
      const message = redact(earlyError ?? (error instanceof Error ? error.message : String(error)))
      throw new LiveTransportError(null, message)
    }
  }
}

/** One SDK session behind the port; sends never throw (a closed socket drops them, as ws does). */
class GenaiLiveConnection implements LiveConnection {
  constructor(
    private readonly session: Session,
    private readonly socket: { current: unknown },
    private readonly logger: Logger,
  ) {}

  /** A WebSocket ping; the server's pong proves the socket still works end to end (issue 7: sleep and network changes). */
  isAlive(timeoutMs: number): Promise<boolean> {
    const ws = (this.socket.current as { ws?: PingableSocket } | null)?.ws
    if (!ws || ws.readyState !== 1) return Promise.resolve(false)
    return new Promise((resolve) => {
      const finish = (isAlive: boolean) => {
        clearTimeout(timer)
        ws.off('pong', onPong)
        resolve(isAlive)
      }
      const onPong = () => finish(true)
      const timer = setTimeout(() => finish(false), timeoutMs)
      ws.on('pong', onPong)
      try {
        ws.ping()
      } catch {
        finish(false)
      }
    })
  }

  sendRealtimeInput(input: RealtimeInput): void {
    safely(() => this.session.sendRealtimeInput(input as LiveSendRealtimeInputParameters), this.logger)
  }

  sendClientContent(content: ClientContent): void {
    safely(() => this.session.sendClientContent(content as LiveSendClientContentParameters), this.logger)
  }

  sendToolResponse(responses: FunctionResponse[]): void {
    safely(() => this.session.sendToolResponse({ functionResponses: responses as SdkFunctionResponse[] }), this.logger)
  }

  close(): void {
    safely(() => this.session.close(), this.logger)
  }
}

/** The part of the `ws` socket inside the SDK's NodeWebSocket (its `ws` field) that a ping needs. */
type PingableSocket = {
  readyState: number
  ping(): void
  on(event: 'pong', listener: () => void): void
  off(event: 'pong', listener: () => void): void
}

type SdkSocketFactory = {
  create(url: string, headers: Record<string, string>, callbacks: { onmessage: (event: { data: unknown }) => void }): unknown
}

/** The part of the SDK's socket wrapper (NodeWebSocket in @google/genai 3.1.0) that sends a frame. */
type SendingSocket = { send(message: string): void }

/**
 * Wraps the client's WebSocket factory so each frame is parsed before the SDK's handler runs;
 * the SDK parses with an unguarded `JSON.parse` in a floating promise (docs/protocol.md §4.1).
 * The factory is a private field of `Live` in @google/genai 3.1.0; if it moves, this throws at
 * connect time instead of silently leaving the process exposed.
 *
 * `setupExtras` are setup fields the SDK cannot emit: `historyConfig` is in the SDK's
 * `LiveClientSetup` type but not in `LiveConnectConfig`, and `live.connect` copies only known
 * config fields into the setup (dist/node/index.mjs `liveConnectConfigToMldev`). They are merged
 * into the first frame the SDK sends, which is always `{setup}`; a first frame of another shape
 * throws, so an SDK change cannot silently drop the 3.1 seed.
 */
function guardFrames(
  ai: GoogleGenAI,
  redact: (text: string) => string,
  onBadFrame: (description: string) => void,
  setupExtras?: Record<string, unknown>,
): { current: unknown } {
  const live = ai.live as unknown as { webSocketFactory?: SdkSocketFactory }
  const inner = live.webSocketFactory
  if (!inner || typeof inner.create !== 'function') throw new Error('@google/genai changed: cannot guard Live frames')
  // The socket the SDK made, kept so the connection can ping it.
  const created: { current: unknown } = { current: null }
  live.webSocketFactory = {
    create: (url, headers, callbacks) => {
      const socket = inner.create(url, headers, {
        ...callbacks,
        onmessage: (event) => {
          const problem = jsonProblem(event?.data, redact)
          if (problem) onBadFrame(problem)
          else callbacks.onmessage(event)
        },
      })
      if (setupExtras) addToSetupFrame(socket as SendingSocket, setupExtras)
      return (created.current = socket)
    },
  }
  return created
}

/** Merges fields into the `setup` of the first frame this socket sends (see {@link guardFrames}). */
function addToSetupFrame(socket: SendingSocket, extras: Record<string, unknown>): void {
  const send = socket.send.bind(socket)
  socket.send = (message: string) => {
    socket.send = send
    const frame = JSON.parse(message) as { setup?: Record<string, unknown> }
    if (typeof frame.setup !== 'object' || frame.setup === null) throw new Error('@google/genai changed: its first Live frame is not the setup')
    send(JSON.stringify({ ...frame, setup: { ...frame.setup, ...extras } }))
  }
}

/** Null when the frame is JSON the SDK can parse, else a short description of what it was (its text redacted first). */
function jsonProblem(data: unknown, redact: (text: string) => string): string | null {
  let text: string
  if (typeof data === 'string') text = data
  else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8')
  else if (ArrayBuffer.isView(data)) text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')
  else if (Array.isArray(data)) text = Buffer.concat(data as Buffer[]).toString('utf8')
  else return `unexpected ${typeof data} frame`
  try {
    JSON.parse(text)
    return null
  } catch {
    return `${text.length} characters starting ${JSON.stringify(redact(text).slice(0, 24))}`
  }
}

function safely(action: () => void, logger: Logger): void {
  try {
    action()
  } catch (error) {
    logger.error('live callback or send failed', { error })
  }
}

/** The SDK's string enums, widened to their literal values, so structural types can be compared. */
type Loose<T> = T extends string
  ? `${T}`
  : T extends (...args: never[]) => unknown
    ? T
    : T extends readonly (infer U)[]
      ? Loose<U>[]
      : T extends object
        ? { [K in keyof T]: Loose<T[K]> }
        : T
type Holds<T extends true> = T
/** Compile-time proof that core's structural copies still fit @google/genai's types (liveTypes.ts). */
export type SdkTypesStillFit = [
  Holds<Omit<LiveConfig, 'historyConfig'> extends Loose<LiveConnectConfig> ? true : false>,
  Holds<NonNullable<LiveConfig['historyConfig']> extends Loose<SdkHistoryConfig> ? true : false>,
  Holds<SdkLiveServerMessage extends LiveServerMessage ? true : false>,
  Holds<RealtimeInput extends Loose<LiveSendRealtimeInputParameters> ? true : false>,
  Holds<ClientContent extends Loose<LiveSendClientContentParameters> ? true : false>,
  Holds<FunctionResponse extends Loose<SdkFunctionResponse> ? true : false>,
]

function toSdkConfig(config: LiveConfig): LiveConnectConfig {
  // Safe by SdkTypesStillFit: the only difference is enum types versus their string values.
  return structuredClone(config) as LiveConnectConfig
}
