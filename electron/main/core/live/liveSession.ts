import type { AppError, SessionState, SessionStatus } from '../../../../shared/ipcContract'
import { findModel, type LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import type { Clock, LiveTransport, Logger, TimerHandle } from '../ports'
import { redactSecrets } from '../redact'
import type { ToolRegistry } from '../tools/toolRegistry'
import { classifyClose, connectionLostError } from './closeCodes'
import { ConversationMemory } from './conversationMemory'
import { parseDurationMs } from './duration'
import { GoAwayPlanner } from './goAwayPlanner'
import { InputPump, type PendingInput } from './inputPump'
import { LiveConnector, type OpenConnection } from './liveConnector'
import { LiveTransportError } from './liveErrors'
import { DEFAULT_LIVE_LIMITS, type LiveSessionLimits } from './liveLimits'
import type { LiveSessionEvents } from './liveSessionEvents'
import type { LiveServerMessage } from './liveTypes'
import { ReconnectPolicy } from './reconnectPolicy'
import { ResumptionState } from './resumptionState'
import { ServerContentTranslator } from './serverContentTranslator'
import { StallWatch } from './stallWatch'
import { ToolCallRunner } from './toolCallRunner'
import { TurnTracker } from './turnTracker'
import { UsageMeter } from './usageMeter'

export type { LiveSessionEvents } from './liveSessionEvents'
export type { LiveSessionLimits } from './liveLimits'

/** What the session is built from; every outside effect goes through these. */
export interface LiveSessionDeps {
  transport: LiveTransport
  clock: Clock
  logger: Logger
  /** Resolves the key to use; null or a rejection ends the start with `NO_API_KEY`. */
  getApiKey(): Promise<string | null>
  tools: ToolRegistry
  events: LiveSessionEvents
  /** Jitter source for reconnect backoff. */
  random?: () => number
  limits?: Partial<LiveSessionLimits>
}

/** Counters for the UI's diagnostics and the fault suite. */
export interface LiveSessionStats {
  bufferedChunks: number
  droppedChunks: number
  pendingChunks: number
  reconnects: number
  rotations: number
}

const AUDIO_IN_MIME = 'audio/pcm;rate=16000'

/**
 * The one Gemini Live session the app holds: states idle → connecting → live → reconnecting →
 * closing → idle (plus error). It keeps the conversation alive across GoAway rotations, drops,
 * sleep and refused resumes, buffers input while no connection can take it, runs local tools
 * and turns everything the server says into {@link LiveSessionEvents}.
 */
export class LiveSession {
  private readonly limits: LiveSessionLimits
  private readonly connector: LiveConnector
  private readonly pump: InputPump
  private readonly resumption: ResumptionState
  private readonly policy: ReconnectPolicy
  private readonly turns = new TurnTracker()
  private readonly memory = new ConversationMemory()
  private readonly usage = new UsageMeter()
  private readonly translator: ServerContentTranslator
  private readonly toolRunner: ToolCallRunner
  private readonly stall: StallWatch
  private readonly goAway: GoAwayPlanner
  private settings: Settings | null = null
  private model: LiveModel | null = null
  private apiKey: string | null = null
  private current: SessionStatus = { state: 'idle', detail: null, resumed: false }
  private open: OpenConnection | null = null
  /** Bumped by stop and suspend: connect loops and waits started before give up. */
  private epoch = 0
  private isSuspended = false
  private isUserSpeaking = false
  private sleeping: { timer: TimerHandle; wake: (isAwake: boolean) => void } | null = null
  private reconnects = 0
  private rotations = 0

  constructor(private readonly deps: LiveSessionDeps) {
    const limits = (this.limits = { ...DEFAULT_LIVE_LIMITS, ...deps.limits })
    this.connector = new LiveConnector(
      { transport: deps.transport, clock: deps.clock, logger: deps.logger, connectTimeoutMs: limits.connectTimeoutMs },
      { onMessage: (m) => this.onServerMessage(m), onClose: (code, reason) => this.onConnectionClosed(code, reason) },
    )
    this.pump = new InputPump({ maxAudio: limits.maxBufferedAudioChunks, maxVideo: limits.maxBufferedVideoFrames })
    this.resumption = new ResumptionState(limits.handleLifetimeMs)
    this.policy = new ReconnectPolicy(
      { firstDelayMs: limits.firstRetryDelayMs, maxDelayMs: limits.maxRetryDelayMs, budgetMs: limits.retryBudgetMs },
      deps.random,
    )
    this.translator = new ServerContentTranslator(deps.events, this.turns, this.memory)
    this.toolRunner = new ToolCallRunner({
      tools: deps.tools,
      logger: deps.logger,
      onActivity: (a) => deps.events.onToolActivity(a),
      respond: (responses) => {
        const isSent = this.pump.sendToolResponse(responses)
        if (isSent) this.stall.expectTraffic()
        return isSent
      },
      onPendingChange: (count) => {
        this.pump.setHeld(count > 0 && this.model?.refusesAudioDuringToolCall === true)
        if (count === 0 && !this.isBusy) this.goAway.noteIdle()
      },
    })
    this.stall = new StallWatch(deps.clock, limits.stallTimeoutMs, () => this.onStall())
    this.goAway = new GoAwayPlanner(deps.clock, limits.goAwaySafetyMarginMs, () => void this.rotate())
  }

  get state(): SessionState {
    return this.current.state
  }

  get status(): SessionStatus {
    return { ...this.current }
  }

  get stats(): LiveSessionStats {
    return { ...this.pump.stats, reconnects: this.reconnects, rotations: this.rotations }
  }

  /** Opens a new conversation; resolves after the first connect attempt (retries go on in the background). */
  async start(settings: Settings): Promise<SessionStatus> {
    if (this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting') return this.status
    const epoch = ++this.epoch
    this.settings = settings
    this.isSuspended = false
    this.memory.clear()
    this.usage.reset()
    this.resumption.clear()
    this.pump.clear()
    const model = findModel(settings.model)
    if (!model) {
      this.fail({ code: 'UNKNOWN_MODEL', message: `Sightline does not know the model "${settings.model}".`, action: 'Pick a model in Settings.' })
      return this.status
    }
    this.model = model
    this.setStatus('connecting', null, false)
    if (!(await this.loadKey(epoch))) return this.status
    await new Promise<void>((firstAttemptDone) => this.launchRecovery(epoch, firstAttemptDone))
    return this.status
  }

  /** Ends the conversation: closes the connection, forgets the handle and held input. */
  async stop(): Promise<void> {
    this.epoch++
    this.isSuspended = false
    this.wake(false)
    const old = this.retire()
    if (old) {
      this.setStatus('closing', null, false)
      await this.connector.closeAndWait(old, this.limits.closeWaitMs)
    }
    this.pump.clear()
    this.resumption.clear()
    this.memory.clear()
    this.setStatus('idle', null, false)
  }

  /** Takes effect at the next connection (resume, rotation or new session). */
  applySettings(settings: Settings): void {
    this.settings = settings
  }

  /** Sleep or lock: end the stream cleanly and keep the handle; input is held (bounded) until {@link resume}. */
  async suspend(): Promise<void> {
    if (this.state !== 'connecting' && this.state !== 'live' && this.state !== 'reconnecting') return
    this.epoch++
    this.isSuspended = true
    this.wake(false)
    const old = this.retire()
    if (old) await this.connector.closeAndWait(old, this.limits.closeWaitMs)
    this.setStatus('idle', 'Paused while the computer sleeps or is locked.', false)
  }

  /** Wake or unlock: resume with the handle while it is valid, else start fresh with a summary and say so. */
  async resume(): Promise<void> {
    if (!this.isSuspended) return
    const epoch = ++this.epoch
    this.isSuspended = false
    this.reconnects++
    this.setStatus('reconnecting', 'Reconnecting…', false)
    if (!(await this.loadKey(epoch))) return
    await new Promise<void>((done) => this.launchRecovery(epoch, done))
  }

  /** 16 kHz mono PCM16 from the microphone. */
  sendAudio(pcm16k: Uint8Array): void {
    if (this.isTakingInput) this.pump.push({ kind: 'audio', input: { audio: { data: toBase64(pcm16k), mimeType: AUDIO_IN_MIME } } })
  }

  /** One JPEG screen frame. */
  sendVideoFrame(jpeg: Uint8Array): void {
    if (this.isTakingInput) this.pump.push({ kind: 'video', input: { video: { data: toBase64(jpeg), mimeType: 'image/jpeg' } } })
  }

  /** A typed message: a `clientContent` turn, or `realtimeInput.text` on models that refuse mid-session `clientContent`. */
  sendText(text: string): void {
    if (!this.isTakingInput || !this.model) return
    const turnId = this.turns.current()
    this.memory.add(turnId, 'user', text)
    this.deps.events.onTranscript({ turnId, role: 'user', kind: 'text', text })
    const item: PendingInput = this.model.acceptsClientContent
      ? { kind: 'content', content: { turns: [{ role: 'user', parts: [{ text }] }], turnComplete: true } }
      : { kind: 'control', input: { text } }
    this.pump.push(item)
    this.stall.expectTraffic()
  }

  /** Push-to-talk pressed (only sent when automatic VAD is off, as the server requires). */
  activityStart(): void {
    if (!this.isTakingInput || this.settings?.vad.mode !== 'push-to-talk') return
    this.isUserSpeaking = true
    this.turns.current()
    this.pump.push({ kind: 'control', input: { activityStart: {} } })
  }

  /** Push-to-talk released. */
  activityEnd(): void {
    if (!this.isTakingInput || this.settings?.vad.mode !== 'push-to-talk') return
    this.isUserSpeaking = false
    this.pump.push({ kind: 'control', input: { activityEnd: {} } })
    this.stall.expectTraffic()
  }

  /** The microphone paused (hands-free mode: lets the server flush its cached audio). */
  audioStreamEnd(): void {
    if (!this.isTakingInput || this.settings?.vad.mode !== 'hands-free') return
    this.pump.push({ kind: 'control', input: { audioStreamEnd: true } })
  }

  /** Image tokens from the frame pipeline, added to the running usage. */
  addImageTokens(spent: number, ifEveryFrame: number): void {
    this.deps.events.onUsage(this.usage.addImageTokens(spent, ifEveryFrame))
  }

  private get isTakingInput(): boolean {
    return this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting' || this.isSuspended
  }

  private get isBusy(): boolean {
    return this.turns.isReplying || this.toolRunner.pendingCount > 0 || this.isUserSpeaking
  }

  /** Connects (resuming when a handle is usable) with quick-then-jittered retries inside the budget. */
  private async recover(epoch: number, onFirstAttempt: () => void = () => {}): Promise<void> {
    this.policy.begin(this.deps.clock.now())
    let note = this.freshStartNote()
    let lastFailure = 'no attempt made'
    try {
      for (;;) {
        const delay = this.policy.nextDelay(this.deps.clock.now())
        if (delay === null) return this.fail(connectionLostError(lastFailure))
        if (delay > 0 && !(await this.sleep(delay))) return
        if (epoch !== this.epoch) return
        this.model = findModel(this.settings!.model) ?? this.model
        const model = this.model!
        const handle = this.resumption.usable(this.deps.clock.now(), model.id)
        const isSeeded = !handle && !this.memory.isEmpty
        let open: OpenConnection
        try {
          open = await this.connector.open({
            apiKey: this.apiKey!,
            settings: this.settings!,
            model,
            handle,
            functionDeclarations: this.deps.tools.declarations(),
            conversationSummary: isSeeded && !model.acceptsClientContent ? this.memory.summary() : undefined,
          })
        } catch (error) {
          onFirstAttempt()
          if (epoch !== this.epoch) return
          const failure = error instanceof LiveTransportError ? error : new LiveTransportError(null, String(error))
          const verdict = classifyClose(failure.closeCode, failure.reason)
          lastFailure = redactSecrets(failure.message, [this.apiKey ?? ''])
          this.deps.logger.warn('live connect failed', { closeCode: failure.closeCode, reason: lastFailure, resuming: !!handle })
          if (handle && failure.closeCode !== null && (verdict.kind === 'refused' || verdict.kind === 'badArgument')) {
            this.resumption.clear()
            note = 'The conversation could not be resumed, so a new one started with a summary of it.'
            this.policy.begin(this.deps.clock.now())
            continue
          }
          if (!verdict.isRetryable) return this.fail(verdict.error)
          this.setStatus('reconnecting', verdict.error.message, false)
          continue
        }
        if (epoch !== this.epoch) {
          this.connector.retireAll()
          open.connection.close()
          return
        }
        this.open = open
        this.resumption.noteConnected()
        this.pump.attach(open.connection)
        if (isSeeded && model.acceptsClientContent) {
          open.connection.sendClientContent({ turns: this.memory.historyTurns(), turnComplete: false })
        }
        this.pump.flush()
        onFirstAttempt()
        return this.setStatus('live', handle ? null : note, handle !== undefined)
      }
    } finally {
      onFirstAttempt()
    }
  }

  /** Why a (re)connect is going to start fresh, when there was a conversation to lose. */
  private freshStartNote(): string | null {
    const now = this.deps.clock.now()
    if (!this.resumption.hasHandle || this.resumption.usable(now, findModel(this.settings!.model)?.id ?? '')) return null
    return this.model?.id !== this.settings!.model
      ? 'The model changed, so a new conversation started with a summary of the earlier one.'
      : 'The earlier conversation had expired, so a new one started with a summary of it.'
  }

  private onServerMessage(message: LiveServerMessage): void {
    this.stall.noteTraffic()
    try {
      if (message.sessionResumptionUpdate) this.resumption.update(message.sessionResumptionUpdate, this.model!.id)
      if (message.serverContent) {
        const outcome = this.translator.translate(message.serverContent)
        if (outcome.isTurnComplete) {
          this.stall.settle()
          if (!this.isBusy) this.goAway.noteIdle()
        } else if (outcome.hasModelOutput) this.stall.expectTraffic()
      }
      if (message.toolCall?.functionCalls) {
        this.turns.noteModelActivity()
        this.toolRunner.handle(message.toolCall.functionCalls)
      }
      if (message.toolCallCancellation?.ids) this.toolRunner.cancel(message.toolCallCancellation.ids)
      if (message.usageMetadata) this.deps.events.onUsage(this.usage.add(message.usageMetadata))
      if (message.goAway) this.goAway.noteGoAway(parseDurationMs(message.goAway.timeLeft), this.isBusy)
    } catch (error) {
      this.deps.logger.warn('unexpected server message ignored', { error, keys: Object.keys(message ?? {}) })
    }
  }

  private onConnectionClosed(code: number, reason: string): void {
    this.retire()
    const verdict = classifyClose(code, reason)
    this.deps.logger.info('live connection closed', { code, reason: redactSecrets(reason), kind: verdict.kind })
    if (this.state === 'closing' || this.isSuspended) return
    if (!verdict.isRetryable) return this.fail(verdict.error)
    this.reconnects++
    this.setStatus('reconnecting', verdict.kind === 'deadline' ? 'Refreshing the connection…' : 'Connection lost, reconnecting…', false)
    this.launchRecovery(this.epoch)
  }

  /** GoAway: leave the old socket first, then resume with the handle; input waits in the pump. */
  private async rotate(): Promise<void> {
    if (this.state !== 'live' || !this.open) return
    this.rotations++
    const epoch = this.epoch
    const old = this.retire()!
    this.setStatus('reconnecting', 'Switching to a fresh connection…', false)
    await this.connector.closeAndWait(old, this.limits.closeWaitMs)
    if (epoch === this.epoch) await new Promise<void>((done) => this.launchRecovery(epoch, done))
  }

  private onStall(): void {
    if (!this.open || this.state !== 'live') return
    const old = this.retire()!
    this.deps.logger.warn('no answer from the server in time; reconnecting', { stallTimeoutMs: this.limits.stallTimeoutMs })
    old.connection.close()
    this.reconnects++
    this.setStatus('reconnecting', 'Gemini stopped answering, reconnecting…', false)
    this.launchRecovery(this.epoch)
  }

  /** Runs {@link recover} detached; `onSettled` fires after the first attempt (or when it gives up). */
  private launchRecovery(epoch: number, onSettled: () => void = () => {}): void {
    this.recover(epoch, onSettled).catch((error: unknown) => {
      this.deps.logger.error('reconnect loop failed', { error })
      this.fail({ code: 'INTERNAL', message: 'The session stopped after an internal error.', action: 'Press Start to begin again.' })
    })
  }

  /** Leaves the current connection (if any): nothing more is sent to it or taken from it. */
  private retire(): OpenConnection | null {
    const old = this.open
    this.open = null
    this.connector.retireAll()
    this.pump.detach()
    this.stall.settle()
    this.goAway.clear()
    this.toolRunner.abandonAll()
    this.turns.complete()
    this.isUserSpeaking = false
    if (old) this.resumption.noteDisconnected(this.deps.clock.now())
    return old
  }

  private async loadKey(epoch: number): Promise<boolean> {
    let key: string | null = null
    try {
      key = await this.deps.getApiKey()
    } catch (error) {
      this.deps.logger.warn('could not read the API key', { error })
    }
    if (epoch !== this.epoch) return false
    if (!key) {
      this.fail({ code: 'NO_API_KEY', message: 'No Gemini API key is set.', action: 'Add your Gemini API key in Settings.' })
      return false
    }
    this.apiKey = key
    return true
  }

  private fail(error: AppError): void {
    this.retire()?.connection.close()
    this.epoch++
    this.setStatus('error', error.message, false)
    this.deps.events.onError(error)
  }

  private setStatus(state: SessionState, detail: string | null, resumed: boolean): void {
    const c = this.current
    if (c.state === state && c.detail === detail && c.resumed === resumed) return
    this.current = { state, detail, resumed }
    this.deps.events.onStatus(this.status)
  }

  /** Waits on the clock; resolves false when stop or suspend cut the wait short. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(() => this.wake(true), ms)
      this.sleeping = { timer, wake: resolve }
    })
  }

  private wake(isAwake: boolean): void {
    const s = this.sleeping
    this.sleeping = null
    if (!s) return
    this.deps.clock.clearTimeout(s.timer)
    s.wake(isAwake)
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
