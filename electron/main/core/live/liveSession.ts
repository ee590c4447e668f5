import type { AppError, SessionState, SessionStatus } from '../../../../shared/ipcContract'
import { findModel, type LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import { redactSecrets } from '../redact'
import { classifyClose, connectionLostError } from './closeCodes'
import { ConversationMemory } from './conversationMemory'
import { parseDurationMs } from './duration'
import { GoAwayPlanner } from './goAwayPlanner'
import { CancellableSleep } from './cancellableSleep'
import { InputPump } from './inputPump'
import { LiveConnector, type OpenConnection } from './liveConnector'
import { DEFAULT_LIVE_LIMITS, type LiveSessionLimits } from './liveLimits'
import type { LiveSessionDeps, LiveSessionStats } from './liveSessionEvents'
import type { LiveServerMessage } from './liveTypes'
import { ReconnectPolicy } from './reconnectPolicy'
import { ResumptionState } from './resumptionState'
import { ServerContentTranslator } from './serverContentTranslator'
import { SessionDialer } from './sessionDialer'
import { StallWatch } from './stallWatch'
import { ToolCallRunner } from './toolCallRunner'
import { TurnTracker } from './turnTracker'
import { UsageMeter } from './usageMeter'
import { UserInput } from './userInput'

export type { LiveSessionDeps, LiveSessionEvents, LiveSessionStats } from './liveSessionEvents'
export type { LiveSessionLimits } from './liveLimits'

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
  private readonly input: UserInput
  private readonly sleeper: CancellableSleep
  private readonly dialer: SessionDialer
  private settings: Settings | null = null
  private model: LiveModel | null = null
  private apiKey: string | null = null
  private current: SessionStatus = { state: 'idle', detail: null, resumed: false }
  private open: OpenConnection | null = null
  /** Bumped by stop and suspend: connect loops and waits started before give up. */
  private epoch = 0
  private isSuspended = false
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
    this.input = new UserInput({ pump: this.pump, turns: this.turns, memory: this.memory, stall: this.stall, onTranscript: (d) => deps.events.onTranscript(d) })
    this.sleeper = new CancellableSleep(deps.clock)
    this.dialer = new SessionDialer({ connector: this.connector, resumption: this.resumption, memory: this.memory, pump: this.pump, tools: deps.tools, clock: deps.clock })
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
    this.sleeper.cancel()
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
    this.sleeper.cancel()
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
    if (this.isTakingInput) this.input.audio(pcm16k)
  }

  /** One JPEG screen frame. */
  sendVideoFrame(jpeg: Uint8Array): void {
    if (this.isTakingInput) this.input.video(jpeg)
  }

  /** A typed message: a `clientContent` turn, or `realtimeInput.text` on models that refuse mid-session `clientContent`. */
  sendText(text: string): void {
    if (this.isTakingInput && this.model) this.input.text(text, this.model)
  }

  /** Push-to-talk pressed (only sent when automatic VAD is off, as the server requires). */
  activityStart(): void {
    if (this.isTakingInput && this.settings) this.input.activityStart(this.settings)
  }

  /** Push-to-talk released. */
  activityEnd(): void {
    if (this.isTakingInput && this.settings) this.input.activityEnd(this.settings)
  }

  /** The microphone paused (hands-free mode: lets the server flush its cached audio). */
  audioStreamEnd(): void {
    if (this.isTakingInput && this.settings) this.input.audioStreamEnd(this.settings)
  }

  /** Image tokens from the frame pipeline, added to the running usage. */
  addImageTokens(spent: number, ifEveryFrame: number): void {
    this.deps.events.onUsage(this.usage.addImageTokens(spent, ifEveryFrame))
  }

  private get isTakingInput(): boolean {
    return this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting' || this.isSuspended
  }

  private get isBusy(): boolean {
    return this.turns.isReplying || this.toolRunner.pendingCount > 0 || this.input.isSpeaking
  }

  /** Connects (resuming when a handle is usable) with quick-then-jittered retries inside the budget. */
  private async recover(epoch: number, onFirstAttempt: () => void): Promise<void> {
    const now = () => this.deps.clock.now()
    this.policy.begin(now())
    let note = this.resumption.freshStartNote(now(), this.settings!.model)
    let lastFailure = 'no attempt made'
    try {
      for (;;) {
        const delay = this.policy.nextDelay(now())
        if (delay === null) return this.fail(connectionLostError(lastFailure))
        if (delay > 0 && !(await this.sleeper.sleep(delay))) return
        if (epoch !== this.epoch) return
        this.model = findModel(this.settings!.model) ?? this.model
        const request = { apiKey: this.apiKey!, settings: this.settings!, model: this.model! }
        const outcome = await this.dialer.dial(request, () => epoch === this.epoch)
        onFirstAttempt()
        if (outcome.kind === 'abandoned' || epoch !== this.epoch) return
        if (outcome.kind === 'open') {
          this.open = outcome.open
          return this.setStatus('live', outcome.isResumed ? null : note, outcome.isResumed)
        }
        const { failure, offeredHandle } = outcome
        const verdict = classifyClose(failure.closeCode, failure.reason)
        lastFailure = redactSecrets(failure.message, [this.apiKey ?? ''])
        this.deps.logger.warn('live connect failed', { closeCode: failure.closeCode, reason: lastFailure, resuming: offeredHandle })
        if (offeredHandle && failure.closeCode !== null && (verdict.kind === 'refused' || verdict.kind === 'badArgument')) {
          this.resumption.clear()
          note = 'The conversation could not be resumed, so a new one started with a summary of it.'
          this.policy.begin(now())
          continue
        }
        if (!verdict.isRetryable) return this.fail(verdict.error)
        this.setStatus('reconnecting', verdict.error.message, false)
      }
    } finally {
      onFirstAttempt()
    }
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
    this.input.isSpeaking = false
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
}
