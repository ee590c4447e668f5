import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { FakeAuthTokens } from './fakeAuthTokens'
import { FakeLiveConnection, type ConnectionHost } from './fakeLiveConnection'
import type { FakeLiveScript, RealTiming, RecordedFrame } from './fakeLiveTypes'
import { friendlyScript } from './friendlyScript'
import { parseLiveUpgradePath, type LiveEndpoint } from './liveUrl'
import { CURRENT_LIVE_MODELS, familyOf, type FakeModel } from './fakeModels'
import { serveModelsList, type ModelsListBehaviour } from './modelsEndpoint'
import { camelKeys, checkClientContent, validateSetup, type SetupRefusal, type UnknownModelStyle } from './setupValidation'

export type { FakeLiveScript, RealTiming, RecordedFrame, ReplyScript, UserTurn } from './fakeLiveTypes'
export type { FakeModel } from './fakeModels'
export type { ModelsListBehaviour } from './modelsEndpoint'
export { FakeLiveConnection } from './fakeLiveConnection'
export { CURRENT_LIVE_MODELS, TEXT_TEST_MODEL } from './fakeModels'

export interface FakeLiveServerOptions {
  port?: number
  /** Which credentials pass; default: any non-empty one without "bad" in it. */
  acceptKey?: (key: string) => boolean
  /** The Live models served (ids of {@link CURRENT_LIVE_MODELS} or whole entries); default: all four current ones. */
  models?: readonly (string | FakeModel)[]
  /** How a setup for a model not served is refused (default: the 1008 "is not found for API version" close). */
  unknownModel?: UnknownModelStyle
  /** How `GET /v1beta/models` answers (default: the served models, two to a page, plus non-Live models). */
  modelsList?: ModelsListBehaviour
  /** How long an issued handle stays valid (default 2 h). */
  handleLifetimeMs?: number
  /** The close sent for an unknown or expired handle; the real code is unconfirmed (§8.7), so it is configurable. */
  resumeRefusal?: SetupRefusal
  /** Refuse a resume while another socket of the same session is still open (1011, as users report). */
  refuseResumeWhileOpen?: boolean
  /** Refuse a setup for reasons of the test's choosing (quota, deadline…), checked after the built-in checks. */
  refuseSetup?: (connection: FakeLiveConnection, setup: Record<string, unknown>) => SetupRefusal | null
  script?: FakeLiveScript
  /** Added before every frame the server sends. */
  latencyMs?: number
  /** RMS (0–1) above which input audio counts as speech. */
  speechThreshold?: number
  /** Pace every reply as Google does: audio about 4× real time, `turnComplete` after the playback time (wire sample u05). */
  realTiming?: boolean | RealTiming
  /** A fresh session's first resumption update is `{}`; the first handle comes with the first turn's end (u13). */
  handlesAfterFirstTurn?: boolean
  /** What `setupComplete` carries (default `{}`, the Gemini API's; Vertex adds a `sessionId`: r07, f01). */
  setupComplete?: Record<string, unknown>
}

const acceptAnyGoodKey = (key: string) => key.length > 0 && !key.includes('bad')
const BAD_KEY: SetupRefusal = { code: 1007, reason: 'API key not valid. Please pass a valid API key.' }

/**
 * A Gemini Live server that speaks the wire protocol the real SDK speaks (built from
 * live-protocol.md), on 127.0.0.1 over a real socket. Point the SDK at {@link baseUrl}.
 * Every frame is recorded with its connection index so tests can assert on the wire.
 */
export class FakeLiveServer implements ConnectionHost {
  readonly frames: RecordedFrame[] = []
  readonly connections: FakeLiveConnection[] = []
  /** Ephemeral tokens issued on `POST /v1alpha/auth_tokens` (live-protocol.md §7). */
  readonly authTokens: FakeAuthTokens
  latencyMs: number
  speechThreshold: number
  readonly realTiming: boolean | RealTiming
  readonly handlesAfterFirstTurn: boolean
  private scriptOverride: FakeLiveScript | null
  private readonly http: Server
  private readonly wss = new WebSocketServer({ noServer: true })
  private readonly sockets = new Set<Socket>()
  private readonly handles = new Map<string, { sessionId: string; issuedAt: number; isRevoked: boolean }>()
  private readonly turnCounters = new Map<string, number>()
  private readonly frameListeners = new Set<(frame: RecordedFrame) => void>()
  private sessionCounter = 0
  private handleCounter = 0
  private toolCallCounter = 5_831_923_424_298_605_000n

  /** The Live models this server serves. */
  readonly models: readonly FakeModel[]
  /** `GET …/models` requests received, as raw request paths (the key redacted). */
  readonly modelsRequests: string[] = []

  constructor(private readonly options: FakeLiveServerOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0
    this.speechThreshold = options.speechThreshold ?? 0.02
    this.realTiming = options.realTiming ?? false
    this.handlesAfterFirstTurn = options.handlesAfterFirstTurn ?? false
    this.scriptOverride = options.script ?? null
    this.authTokens = new FakeAuthTokens(options.acceptKey ?? acceptAnyGoodKey)
    this.models = (options.models ?? CURRENT_LIVE_MODELS).map((m) => {
      if (typeof m !== 'string') return m
      const known = familyOf(m)
      if (!known) throw new Error(`FakeLiveServer: no rules for model ${m}; pass a FakeModel with its family`)
      return known
    })
    this.http = createServer((req, res) => {
      if (this.authTokens.handle(req, res)) return
      if (serveModelsList(req, res, { models: this.models, behaviour: options.modelsList, acceptKey: (key) => this.isAcceptedKey(key), log: this.modelsRequests })) return
      res.writeHead(404).end()
    })
    this.http.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket as Socket, head))
  }

  /** Listens on 127.0.0.1 (port 0 picks a free one) and resolves with the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(this.options.port ?? 0, '127.0.0.1', resolve))
    return this.baseUrl
  }

  /** `http://127.0.0.1:PORT` (http, not ws: the SDK maps only http: to ws:). */
  get baseUrl(): string {
    const address = this.http.address() as AddressInfo | null
    if (!address) throw new Error('FakeLiveServer is not listening')
    return `http://127.0.0.1:${address.port}`
  }

  /** Closes every socket and the listener. */
  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
    await new Promise<void>((resolve) => this.http.close(() => resolve()))
  }

  /** Replaces the script for connections from now on (and for turns of open ones). */
  setScript(script: FakeLiveScript | null): void {
    this.scriptOverride = script
  }

  script(_connection: FakeLiveConnection): FakeLiveScript {
    return this.scriptOverride ?? friendlyScript
  }

  /** Frames the server received (optionally only those whose top-level key is `kind`), decoded. */
  received(kind?: string, connection?: number): Record<string, unknown>[] {
    return this.frames
      .filter((f) => f.direction === 'in' && (connection === undefined || f.connection === connection))
      .map((f) => f.json as Record<string, unknown>)
      .filter((j) => j && (kind === undefined || kind in j))
  }

  /** The decoded PCM of every `realtimeInput.audio` the server received, in arrival order. */
  receivedAudio(): { connection: number; pcm: Buffer }[] {
    return this.frames.flatMap((f) => {
      const audio = (f.json as { realtimeInput?: { audio?: { data?: string } } } | undefined)?.realtimeInput?.audio
      return f.direction === 'in' && audio?.data !== undefined ? [{ connection: f.connection, pcm: Buffer.from(audio.data, 'base64') }] : []
    })
  }

  /** Resolves with the first recorded frame (past or future) matching the predicate. */
  waitForFrame(predicate: (frame: RecordedFrame) => boolean, timeoutMs = 5_000): Promise<RecordedFrame> {
    const found = this.frames.find(predicate)
    if (found) return Promise.resolve(found)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.frameListeners.delete(listener)
        reject(new Error('FakeLiveServer: no matching frame in time'))
      }, timeoutMs)
      const listener = (frame: RecordedFrame) => {
        if (!predicate(frame)) return
        clearTimeout(timer)
        this.frameListeners.delete(listener)
        resolve(frame)
      }
      this.frameListeners.add(listener)
    })
  }

  /** Resolves with connection `index` once its setup was answered (or refused). */
  async waitForConnection(index: number, timeoutMs = 5_000): Promise<FakeLiveConnection> {
    await this.waitForFrame((f) => f.connection === index && f.direction === 'in', timeoutMs)
    return this.connections[index]!
  }

  /** Makes every handle issued so far unusable (a refused resume). */
  revokeHandles(): void {
    for (const h of this.handles.values()) h.isRevoked = true
  }

  record(connection: number, direction: 'in' | 'out', text: string, isBinary: boolean): unknown {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const frame: RecordedFrame = { connection, direction, at: performance.now(), isBinary, text, json }
    this.frames.push(frame)
    for (const listener of [...this.frameListeners]) listener(frame)
    return json
  }

  issueHandle(connection: FakeLiveConnection): string {
    const handle = `fake-handle-${connection.sessionId}-${++this.handleCounter}`
    this.handles.set(handle, { sessionId: connection.sessionId, issuedAt: Date.now(), isRevoked: false })
    return handle
  }

  nextTurnIndex(sessionId: string): number {
    const n = this.turnCounters.get(sessionId) ?? 0
    this.turnCounters.set(sessionId, n + 1)
    return n
  }

  nextToolCallId(): string {
    return `function-call-${this.toolCallCounter++}`
  }

  /**
   * The BLOCKING families (3.1, and 2.5 native audio for calls not declared NON_BLOCKING) close
   * with 1008 when realtime audio arrives while such a call is unanswered.
   */
  refusesAudioDuringToolCall(connection: FakeLiveConnection): boolean {
    const family = familyOf(connection.model, this.models)?.family
    if (family !== '3.1' && family !== '2.5-native-audio') return false
    const declared = ((connection.setup?.tools ?? []) as { functionDeclarations?: { name?: string; behavior?: string }[] }[]).flatMap((t) => t.functionDeclarations ?? [])
    return connection.openToolNames.some((name) => declared.find((d) => d.name === name)?.behavior !== 'NON_BLOCKING')
  }

  /** 3.x refuses the deprecated `mediaChunks` (wire-samples/u04). */
  isStrict(model: string): boolean {
    return familyOf(model, this.models)?.family.startsWith('3') ?? false
  }

  /** Whether this `clientContent` may be sent on this connection now (see {@link checkClientContent}). */
  checkClientContent(connection: FakeLiveConnection, content: { turns?: { role?: string }[]; turnComplete?: boolean }): SetupRefusal | 'history' | null {
    const family = familyOf(connection.model, this.models)?.family
    return family ? checkClientContent(family, connection.setup, content, connection.history) : null
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const endpoint = parseLiveUpgradePath(req.url ?? '')
    if (!endpoint) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req, endpoint))
  }

  private onConnection(ws: WebSocket, req: IncomingMessage, endpoint: LiveEndpoint): void {
    const connection = new FakeLiveConnection(this.connections.length, endpoint, req.headers, ws, this)
    this.connections.push(connection)
    ws.on('close', (code, reason) => connection.notifyClosed(code, reason.toString()))
    ws.on('error', () => {})
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8')
      const json = camelKeys(this.record(connection.index, 'in', text, isBinary))
      if (typeof json !== 'object' || json === null) return void connection.close(1007, 'Invalid JSON payload received.')
      if (connection.setup === null) void this.onSetup(connection, json as Record<string, unknown>)
      else connection.handleClientMessage(json as Record<string, unknown>)
    })
  }

  private async onSetup(connection: FakeLiveConnection, message: Record<string, unknown>): Promise<void> {
    const setup = message.setup as Record<string, unknown> | undefined
    if (!setup) return connection.close(1007, 'Request contains an invalid argument.')
    connection.setup = setup
    const credentialRefusal = this.checkCredential(connection)
    if (credentialRefusal) return connection.close(credentialRefusal.code, credentialRefusal.reason)
    const refusal = validateSetup(connection.setup, connection.endpoint, {
      models: this.models,
      unknownModel: this.options.unknownModel,
    }) ?? this.checkResumption(connection, connection.setup) ?? this.options.refuseSetup?.(connection, connection.setup) ?? null
    if (refusal) return connection.close(refusal.code, refusal.reason)
    connection.sessionId ||= `s${++this.sessionCounter}`
    await connection.send({ setupComplete: this.options.setupComplete ?? {} })
    if (connection.wantsResumption) await connection.openingResumptionUpdate()
    await this.script(connection).onOpen?.(connection)
  }

  private checkCredential(connection: FakeLiveConnection): SetupRefusal | null {
    const { credential, credentialParam, method } = connection.endpoint
    const header = connection.headers['x-goog-api-key']
    const key = credential ?? (typeof header === 'string' ? header : null)
    if (!key) return { code: 1008, reason: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' }
    const isToken = key.startsWith('auth_tokens/')
    if (isToken !== (method === 'BidiGenerateContentConstrained') || (isToken && credentialParam !== 'access_token')) {
      return { code: 1008, reason: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' }
    }
    if (isToken) {
      const admission = this.authTokens.admit(key, connection.setup ?? {})
      if ('refusal' in admission) return admission.refusal
      connection.setup = admission.setup
      return null
    }
    return this.isAcceptedKey(key) ? null : BAD_KEY
  }

  private isAcceptedKey(key: string): boolean {
    return (this.options.acceptKey ?? acceptAnyGoodKey)(key)
  }

  private checkResumption(connection: FakeLiveConnection, setup: Record<string, unknown>): SetupRefusal | null {
    const handle = (setup.sessionResumption as { handle?: string } | undefined)?.handle
    if (!handle) return null
    const entry = this.handles.get(handle)
    const lifetime = this.options.handleLifetimeMs ?? 2 * 60 * 60_000
    if (!entry || entry.isRevoked || Date.now() - entry.issuedAt > lifetime) {
      return this.options.resumeRefusal ?? { code: 1008, reason: 'Session resumption handle is invalid or has expired.' }
    }
    const isStillOpen = this.connections.some((c) => c !== connection && c.sessionId === entry.sessionId && c.isOpen)
    if (isStillOpen && this.options.refuseResumeWhileOpen !== false) return { code: 1011, reason: 'Internal error encountered.' }
    connection.sessionId = entry.sessionId
    connection.resumedFrom = handle
    return null
  }
}
