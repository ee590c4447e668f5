import type { IncomingHttpHeaders } from 'node:http'
import type { WebSocket } from 'ws'
import { pcmDurationMs, rmsOfPcm16 } from './audio'
import type { FakeLiveScript, RealTiming, ReplyOutcome, ReplyScript, UserTurn } from './fakeLiveTypes'
import type { LiveEndpoint } from './liveUrl'
import { streamReply } from './replyStreamer'

/** What a connection needs from its server. */
export interface ConnectionHost {
  record(connection: number, direction: 'in' | 'out', text: string, isBinary: boolean): unknown
  script(connection: FakeLiveConnection): FakeLiveScript
  issueHandle(connection: FakeLiveConnection): string
  nextTurnIndex(sessionId: string): number
  nextToolCallId(): string
  readonly latencyMs: number
  readonly speechThreshold: number
  /** Every reply paced as Google does (u05), unless its script says otherwise. */
  readonly realTiming: boolean | RealTiming
  /** The first resumption update of a session is `{}` until a turn has completed (u13). */
  readonly handlesAfterFirstTurn: boolean
  refusesAudioDuringToolCall(connection: FakeLiveConnection): boolean
  isStrict(model: string): boolean
  checkClientContent(connection: FakeLiveConnection, content: { turns?: { role?: string }[]; turnComplete?: boolean }): { code: number; reason: string } | 'history' | null
}

/**
 * One client connection to the fake Live server: sends binary pretty-printed JSON frames like
 * Google's, finds the end of each user turn (typed text, activityEnd, audioStreamEnd, or the end
 * of speech by a crude energy detector), streams replies, runs tool calls and barge-in.
 */
export class FakeLiveConnection {
  /** The server-side session this connection belongs to (shared by resumed connections). */
  sessionId = ''
  setup: Record<string, unknown> | null = null
  /** The handle this connection resumed from, if it did. */
  resumedFrom: string | null = null
  /** Whether the initial history a 3.1 setup announced has ended (its `turnComplete: true` came). */
  readonly history = { isInitialHistoryDone: false }
  closed: { code: number; reason: string; at: number; by: 'server' | 'client' } | null = null
  private outgoing: Promise<void> = Promise.resolve()
  private isStalled = false
  /** Replies being streamed; two can overlap when a script answers a turn before the last answer ended. */
  private replies = 0
  private interruptRequested = false
  private readonly pendingToolCalls = new Map<string, string>()
  private readonly toolWaiters = new Map<string, (response: Record<string, unknown>) => void>()
  private readonly closeWaiters: (() => void)[] = []
  private turn = { text: '', audioChunks: 0, audioBytes: 0, videoFrames: 0, isSpeaking: false, silentMs: 0 }
  /** Image tokens of the frames received since the last turn billed them. */
  private unbilledVideoTokens = 0

  constructor(
    readonly index: number,
    readonly endpoint: LiveEndpoint,
    readonly headers: IncomingHttpHeaders,
    private readonly socket: WebSocket,
    private readonly host: ConnectionHost,
  ) {}

  get isOpen(): boolean {
    return this.closed === null && this.socket.readyState === this.socket.OPEN
  }

  get model(): string {
    return String(this.setup?.model ?? '')
  }

  get isManualActivity(): boolean {
    const config = this.setup?.realtimeInputConfig as { automaticActivityDetection?: { disabled?: boolean } } | undefined
    return config?.automaticActivityDetection?.disabled === true
  }

  get wantsResumption(): boolean {
    return this.setup?.sessionResumption !== undefined
  }

  get openToolCalls(): string[] {
    return [...this.pendingToolCalls.keys()]
  }

  /** The function names of the calls still waiting for an answer. */
  get openToolNames(): string[] {
    return [...this.pendingToolCalls.values()]
  }

  /** Sends one message as Google does: a binary frame of 2-space-indented JSON and a newline. */
  send(message: object): Promise<void> {
    return this.sendRaw(`${JSON.stringify(message, null, 2)}\n`, true)
  }

  /** Sends anything, e.g. a frame that is not JSON; after the configured latency, in order. */
  sendRaw(data: string, isBinary = true): Promise<void> {
    this.outgoing = this.outgoing.then(async () => {
      if (this.host.latencyMs > 0) await sleep(this.host.latencyMs)
      if (!this.isOpen || this.isStalled) return
      this.host.record(this.index, 'out', data, isBinary)
      await new Promise<void>((resolve) => this.socket.send(isBinary ? Buffer.from(data) : data, { binary: isBinary }, () => resolve()))
    })
    return this.outgoing
  }

  /** Closes with a code and reason, as the server reports every error (live-protocol.md §5). */
  async close(code: number, reason: string): Promise<void> {
    await this.outgoing
    if (this.closed) return
    // A close reason is at most 123 bytes (RFC 6455 §5.5); the real server's long reasons arrive cut.
    let said = reason
    while (Buffer.byteLength(said) > 123) said = said.slice(0, -1)
    this.closed = { code, reason: said, at: performance.now(), by: 'server' }
    this.socket.close(code, said)
  }

  /** Kills the TCP connection without a close frame: the client sees 1006. */
  drop(): void {
    this.closed ??= { code: 1006, reason: 'dropped by test', at: performance.now(), by: 'server' }
    this.socket.terminate()
    this.notifyClosed()
  }

  /** Stops answering: nothing more is sent, incoming frames are still recorded. */
  stall(): void {
    this.isStalled = true
  }

  /** Warns that the connection ends in `timeLeft` (e.g. "2s"), then closes 1011 when it has passed (unless closeAfterMs is null). */
  async goAway(timeLeft: string, options: { closeAfterMs?: number | null } = {}): Promise<void> {
    await this.send({ goAway: { timeLeft } })
    const after = options.closeAfterMs === undefined ? Number.parseFloat(timeLeft) * 1000 : options.closeAfterMs
    if (after !== null) {
      setTimeout(() => void this.close(1011, 'Deadline expired before operation could complete.'), after).unref()
    }
  }

  /**
   * The update right after `setupComplete`: a resumable handle, or with `handlesAfterFirstTurn`
   * the empty `{}` a fresh session gets before its first turn (u13). A resumed connection gets a handle.
   */
  openingResumptionUpdate(): Promise<string | null> {
    return this.resumptionUpdate(!this.host.handlesAfterFirstTurn || this.resumedFrom !== null)
  }

  /** Sends a new resumable handle (or a non-resumable update). Returns the handle. */
  async resumptionUpdate(resumable = true): Promise<string | null> {
    if (!resumable) {
      await this.send({ sessionResumptionUpdate: {} })
      return null
    }
    const handle = this.host.issueHandle(this)
    await this.send({ sessionResumptionUpdate: { newHandle: handle, resumable: true } })
    return handle
  }

  /** The server decides to cut the reply being streamed (as its own VAD does when it hears the user). */
  interruptReply(): void {
    if (this.replies > 0) this.interruptRequested = true
  }

  /** Streams a model turn; resolves with how it ended. */
  async reply(script: ReplyScript): Promise<ReplyOutcome> {
    this.replies++
    this.interruptRequested = false
    try {
      return await streamReply(
        {
          send: (m) => this.send(m),
          isOpen: () => this.isOpen,
          isInterruptRequested: () => this.interruptRequested,
          wantsResumption: this.wantsResumption,
          issueHandle: async () => void (await this.resumptionUpdate(true)),
          onInterrupted: (options) => this.sendInterruption(options),
          toolCall: (calls) => this.toolCall(calls),
          takeVideoTokens: () => {
            const tokens = this.unbilledVideoTokens
            this.unbilledVideoTokens = 0
            return tokens
          },
        },
        { realTiming: this.host.realTiming, ...script },
      )
    } finally {
      this.replies--
    }
  }

  /** Asks the client to run functions; resolves with the ids (the real server's `function-call-<digits>` form). */
  async toolCall(calls: { name: string; args?: Record<string, unknown>; id?: string }[]): Promise<string[]> {
    const functionCalls = calls.map((c) => ({ name: c.name, args: c.args ?? {}, id: c.id ?? this.host.nextToolCallId() }))
    for (const c of functionCalls) this.pendingToolCalls.set(c.id, c.name)
    await this.send({ toolCall: { functionCalls } })
    return functionCalls.map((c) => c.id)
  }

  /** Withdraws tool calls (as the server does when the user interrupts). */
  async cancelToolCalls(ids: string[]): Promise<void> {
    for (const id of ids) this.pendingToolCalls.delete(id)
    await this.send({ toolCallCancellation: { ids } })
  }

  /** Resolves with the client's `functionResponses` entry for this id. */
  waitForToolResponse(id: string, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    return withTimeout(new Promise((resolve) => this.toolWaiters.set(id, resolve)), timeoutMs, `no toolResponse for ${id}`)
  }

  /** Resolves once the socket closed, from either side. */
  waitForClose(timeoutMs = 5_000): Promise<void> {
    if (this.socket.readyState === this.socket.CLOSED) return Promise.resolve()
    return withTimeout(new Promise((resolve) => this.closeWaiters.push(resolve)), timeoutMs, `connection ${this.index} did not close`)
  }

  /** Called by the server when the socket closed. */
  notifyClosed(code?: number, reason?: string): void {
    this.closed ??= { code: code ?? 1005, reason: reason ?? '', at: performance.now(), by: 'client' }
    for (const resolve of this.closeWaiters.splice(0)) resolve()
  }

  /** Handles one client frame after setup. */
  handleClientMessage(message: Record<string, unknown>): void {
    this.host.script(this).onMessage?.(this, message)
    if (this.isStalled || !this.isOpen) return
    const realtime = message.realtimeInput as Record<string, unknown> | undefined
    const content = message.clientContent as { turns?: { role?: string; parts?: { text?: string }[] }[]; turnComplete?: boolean } | undefined
    const toolResponse = message.toolResponse as { functionResponses?: Record<string, unknown>[] } | undefined
    if (realtime) this.onRealtimeInput(realtime)
    if (content) {
      const verdict = this.host.checkClientContent(this, content)
      if (verdict !== null && verdict !== 'history') return void this.close(verdict.code, verdict.reason)
      const last = content.turns?.filter((t) => t.role !== 'model').at(-1)
      if (verdict === null && content.turnComplete !== false) this.endTurn('clientContent', last?.parts?.map((p) => p.text ?? '').join('') ?? '')
    }
    for (const response of toolResponse?.functionResponses ?? []) {
      const id = String(response.id ?? '')
      this.pendingToolCalls.delete(id)
      this.toolWaiters.get(id)?.(response)
      this.toolWaiters.delete(id)
    }
  }

  private onRealtimeInput(input: Record<string, unknown>): void {
    if (input.mediaChunks && this.host.isStrict(this.model)) {
      return void this.close(1007, 'realtime_input.media_chunks is deprecated. Use audio, video, or text instead.')
    }
    const audio = input.audio as { data?: string } | undefined
    if (audio?.data !== undefined) {
      if (this.pendingToolCalls.size > 0 && this.host.refusesAudioDuringToolCall(this)) {
        return void this.close(1008, 'The operation was aborted.')
      }
      this.onAudio(Buffer.from(audio.data, 'base64'))
    }
    if (input.video) {
      this.turn.videoFrames++
      this.unbilledVideoTokens += videoFrameTokens(this.setup)
    }
    if (input.activityStart) {
      this.turn.isSpeaking = true
      if (this.replies > 0) this.interruptRequested = true
    }
    if (input.activityEnd) this.endTurn('activityEnd', '')
    if (input.audioStreamEnd && (this.turn.audioChunks > 0 || this.turn.isSpeaking)) this.endTurn('audioStreamEnd', '')
    if (typeof input.text === 'string') this.endTurn('realtimeText', input.text)
  }

  private onAudio(pcm: Buffer): void {
    this.turn.audioChunks++
    this.turn.audioBytes += pcm.byteLength
    if (this.isManualActivity) return
    const isVoiced = rmsOfPcm16(pcm) >= this.host.speechThreshold
    if (isVoiced) {
      this.turn.isSpeaking = true
      this.turn.silentMs = 0
      if (this.replies > 0) this.interruptRequested = true
      return
    }
    if (!this.turn.isSpeaking) return
    this.turn.silentMs += pcmDurationMs(pcm.byteLength)
    const silence = (this.setup?.realtimeInputConfig as { automaticActivityDetection?: { silenceDurationMs?: number } } | undefined)
      ?.automaticActivityDetection?.silenceDurationMs
    if (this.turn.silentMs >= (silence ?? 500)) this.endTurn('vad', '')
  }

  private endTurn(via: UserTurn['via'], text: string): void {
    const t = this.turn
    const turn: UserTurn = { index: this.host.nextTurnIndex(this.sessionId), via, text: text || t.text, audioChunks: t.audioChunks, audioBytes: t.audioBytes, videoFrames: t.videoFrames }
    this.turn = { text: '', audioChunks: 0, audioBytes: 0, videoFrames: 0, isSpeaking: false, silentMs: 0 }
    const handler = this.host.script(this).onTurn
    if (handler) void Promise.resolve(handler(this, turn)).catch(() => {})
  }

  private async sendInterruption(options: { isAfterTurnComplete?: boolean } = {}): Promise<void> {
    this.interruptRequested = false
    await this.send({ serverContent: { interrupted: true } })
    if (options.isAfterTurnComplete) return
    if (this.pendingToolCalls.size > 0) await this.cancelToolCalls([...this.pendingToolCalls.keys()])
    await this.send({ serverContent: { turnComplete: true } })
  }
}

/**
 * What one video frame costs at the session's `generationConfig.mediaResolution`: 66 tokens at
 * MEDIA_RESOLUTION_LOW, 258 otherwise (Gemini API docs, "Video understanding → technical details"
 * and "Understand and count tokens"; medium and high bill like the default there). Written out
 * here, not imported from the app's imageTokenCost.ts, so a test can hold the app's meter to it.
 */
export function videoFrameTokens(setup: Record<string, unknown> | null): number {
  const generation = setup?.generationConfig as { mediaResolution?: unknown } | undefined
  return generation?.mediaResolution === 'MEDIA_RESOLUTION_LOW' ? 66 : 258
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms)
    }),
  ])
}
