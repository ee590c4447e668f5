import type { AppError, SessionState, SessionStatus } from '../../../../shared/ipcContract'
import type { LiveModel } from '../../../../shared/modelCatalogue'
import { fitSettingsToModel } from '../../../../shared/modelOptions'
import { applySettingsPatch, type Settings } from '../../../../shared/settings'
import { ModelDiscovery } from '../models/modelDiscovery'
import { replacementFor, replacementForSaved, type ModelReplacement } from '../models/modelRetirement'
import { TokenRefreshingTransport } from '../credentials/tokenRefreshingTransport'
import type { Disposable } from '../lifecycle'
import { ListenerSet } from '../listenerSet'
import { redactSecrets } from '../redact'
import { classifyClose } from './recovery/closeCodes'
import { ConversationKeeper } from './conversation/conversationKeeper'
import { ConversationMemory } from './conversation/conversationMemory'
import { GoAwayPlanner } from './recovery/goAwayPlanner'
import { InputPump } from './input/inputPump'
import { LiveConnector, type OpenConnection } from './connection/liveConnector'
import { DEFAULT_LIVE_LIMITS, type LiveSessionLimits } from './liveLimits'
import type { LiveSessionDeps, LiveSessionEvents, LiveSessionStats } from './liveSessionEvents'
import { RecoveryLoop, type RecoveryNotes } from './recovery/recoveryLoop'
import { joinNotes, note, type StatusNotes } from './statusNotes'
import { ResumptionState } from './recovery/resumptionState'
import { ServerMessageHandler } from './server/serverMessageHandler'
import { SessionDialer } from './connection/sessionDialer'
import { StallWatch } from './recovery/stallWatch'
import { TurnTracker } from './conversation/turnTracker'
import { UserInput } from './input/userInput'

export type { LiveSessionDeps, LiveSessionEvents, LiveSessionStats } from './liveSessionEvents'
export type { LiveSessionLimits } from './liveLimits'

/** What a continued conversation starts from: earlier turns, oldest first, and what to tell the user (notices). */
export interface SessionSeed {
  turns: readonly { role: 'user' | 'model'; text: string }[]
  notes: StatusNotes
}

/**
 * The one Gemini Live session the app holds: states idle → connecting → live → reconnecting →
 * closing → idle (plus error). It keeps the conversation alive across GoAway rotations, drops,
 * sleep, network loss, refused resumes and app restarts, buffers input while no connection can
 * take it, runs local tools and turns everything the server says into {@link LiveSessionEvents},
 * which any number of listeners {@link subscribe} to.
 */
export class LiveSession {
  private readonly deps: LiveSessionDeps & { events: LiveSessionEvents }
  private readonly listeners: ListenerSet<LiveSessionEvents>
  private readonly limits: LiveSessionLimits
  private readonly connector: LiveConnector
  private readonly pump: InputPump
  private readonly resumption: ResumptionState
  private readonly turns = new TurnTracker()
  private readonly memory = new ConversationMemory()
  private readonly server: ServerMessageHandler
  private readonly stall: StallWatch
  private readonly goAway: GoAwayPlanner
  private readonly input: UserInput
  private readonly recovery: RecoveryLoop
  private readonly keeper: ConversationKeeper
  private readonly models: ModelDiscovery
  /** The model moved off since Start, if one did: a second refusal is an error, never another move. */
  private replacedFrom: string | null = null
  private settings: Settings | null = null
  private model: LiveModel | null = null
  private apiKey: string | null = null
  private current: SessionStatus = { state: 'idle', detail: null, resumed: false }
  private open: OpenConnection | null = null
  /** Bumped by stop, suspend and fatal errors: connect loops and waits started before give up. */
  private epoch = 0
  private isSuspended = false
  private isChecking = false
  /** The close of the socket left at suspend; a wake waits for it (the server refuses a resume while it is open). */
  private closing: Promise<void> = Promise.resolve()
  private reconnects = 0
  private rotations = 0
  /** Turns a {@link startSeeded} start begins from instead of the kept conversation. */
  private seed: SessionSeed | null = null

  constructor(options: LiveSessionDeps) {
    // Every part below calls `deps.events.<name>(…)`; the listener set fans each call out to the subscribers.
    this.listeners = new ListenerSet<LiveSessionEvents>((error, method) => options.logger.error('live session listener failed', { method, error }))
    const deps = (this.deps = { ...options, events: this.listeners.emit })
    if (options.events) this.listeners.subscribe(options.events)
    const limits = (this.limits = { ...DEFAULT_LIVE_LIMITS, ...deps.limits })
    this.connector = new LiveConnector(
      { transport: new TokenRefreshingTransport(deps.transport, deps.credentials), clock: deps.clock, logger: deps.logger, connectTimeoutMs: limits.connectTimeoutMs },
      { onMessage: (m) => this.server.handle(m), onClose: (code, reason) => this.onConnectionClosed(code, reason) },
    )
    this.pump = new InputPump({ maxAudio: limits.maxBufferedAudioChunks, maxVideo: limits.maxBufferedVideoFrames, mayDeliverVideo: deps.mayDeliverVideo })
    this.resumption = new ResumptionState(limits.handleLifetimeMs)
    this.models = deps.models ?? new ModelDiscovery({ logger: deps.logger, clock: deps.clock })
    this.stall = new StallWatch(deps.clock, limits.stallTimeoutMs, () => this.onStall())
    this.goAway = new GoAwayPlanner(deps.clock, limits.goAwaySafetyMarginMs, () => void this.rotate())
    this.input = new UserInput({ pump: this.pump, turns: this.turns, memory: this.memory, stall: this.stall, clock: deps.clock, onTranscript: (d) => deps.events.onTranscript(d) })
    const dialer = new SessionDialer({ connector: this.connector, resumption: this.resumption, memory: this.memory, pump: this.pump, tools: deps.tools, clock: deps.clock })
    this.keeper = new ConversationKeeper({
      store: deps.conversationStore,
      clock: deps.clock,
      logger: deps.logger,
      lifetimeMs: limits.handleLifetimeMs,
      resumption: this.resumption,
      memory: this.memory,
      modelId: () => this.model?.id,
      secrets: () => (this.apiKey ? [this.apiKey] : []),
    })
    this.server = new ServerMessageHandler({
      events: deps.events,
      tools: deps.tools,
      logger: deps.logger,
      turns: this.turns,
      memory: this.memory,
      pump: this.pump,
      stall: this.stall,
      goAway: this.goAway,
      resumption: this.resumption,
      keeper: this.keeper,
      model: () => this.model,
      isSpeaking: () => this.input.isSpeaking,
      context: {
        clock: deps.clock,
        isPushToTalk: () => this.settings?.vad.mode === 'push-to-talk',
        isAudioSession: () => answerModality(this.settings, this.model) === 'AUDIO',
        isSilenceAllowed: () => this.settings?.proactiveAudio === true && this.model?.hasProactiveAudio === true,
      },
    })
    this.recovery = new RecoveryLoop({
      clock: deps.clock,
      logger: deps.logger,
      resumption: this.resumption,
      dialer,
      limits,
      random: deps.random,
      host: {
        isCurrent: (epoch) => epoch === this.epoch,
        dialRequest: () => {
          this.model = this.models.resolve(this.settings!.model)
          return { apiKey: this.apiKey!, settings: this.settings!, model: this.model }
        },
        replaceRefusedModel: () => this.replaceRefusedModel(),
        onOpen: (open, isResumed, notes) => {
          this.open = open
          this.setStatus('live', notes, isResumed)
          this.keeper.save()
        },
        onRetrying: (why) => this.setStatus('reconnecting', why, false),
        onFatal: (error, kind) => {
          if (kind === 'modelUnavailable') this.reportModelUnavailable(error)
          this.fail(error)
        },
        onGaveUp: (error, isQuiet) => {
          this.setStatus('error', joinNotes(note(error.code, error.params), note('KEEPS_TRYING', { seconds: Math.round(limits.networkRetryMs / 1000) })), false)
          if (!isQuiet) this.deps.events.onError(error)
        },
      },
    })
  }

  /** Hears the session's events until the returned Disposable is disposed; implement only the ones you need. */
  subscribe(listener: Partial<LiveSessionEvents>): Disposable {
    return this.listeners.subscribe(listener)
  }

  /** How many listeners are subscribed (the leak tests count them). */
  get listenerCount(): number {
    return this.listeners.size
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

  /**
   * Opens the conversation: the one kept from before an app restart while its handle lives, else
   * a new one. After a lost network it carries on the same conversation. Resolves after the first
   * connect attempt (retries go on in the background).
   */
  async start(settings: Settings): Promise<SessionStatus> {
    if (this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting') return this.status
    if (this.recovery.isWaitingForNetwork && this.settings?.model === settings.model) {
      this.settings = settings
      await this.reconnectNow(this.recovery.hurry()?.notes ?? {}, 'start')
      return this.status
    }
    if (this.isSuspended && this.settings?.model === settings.model) {
      // Start after a suspend that never saw its resume: the user is here, carry on the same conversation.
      this.settings = settings
      this.isSuspended = false
      await this.reconnectNow({}, 'start')
      return this.status
    }
    const epoch = ++this.epoch
    this.recovery.cancel()
    this.settings = settings
    this.isSuspended = false
    this.memory.clear()
    this.server.usage.reset()
    this.resumption.clear()
    this.pump.clear()
    this.replacedFrom = null
    const move = replacementForSaved(settings.model, this.models)
    if (move) this.switchModel(move)
    this.model = this.models.resolve(this.settings.model)
    this.setStatus('connecting', null, false)
    const notes = this.takeSeed() ?? (await this.keeper.restore())
    // A new model cannot resume the old one's handle: the conversation carries over as a seed.
    if (move) this.resumption.clear()
    if (move) notes.fresh = joinNotes(move.notes, notes.fresh)
    if (epoch !== this.epoch || !(await this.loadKey(epoch))) return this.status
    await new Promise<void>((onFirstAttempt) => this.recovery.launch(epoch, { notes, onFirstAttempt }))
    return this.status
  }

  /**
   * Ends whatever conversation is open and starts a fresh one seeded with `seed.turns` (History's
   * Continue): sent the way a fresh session after a lost handle is seeded; `seed.notes` become the
   * status detail once live, so the user sees it is a continuation.
   */
  async startSeeded(settings: Settings, seed: SessionSeed): Promise<SessionStatus> {
    await this.stop()
    this.seed = seed
    return this.start(settings)
  }

  /** Ends the conversation: closes the connection, forgets the handle, held input and the kept copy. */
  async stop(): Promise<void> {
    await this.end()
    this.pump.clear()
    this.resumption.clear()
    this.memory.clear()
    await this.keeper.clear()
    this.setStatus('idle', null, false)
  }

  /** The app quits: close the connection but keep the conversation on disk for the next start. */
  async shutdown(): Promise<void> {
    await this.end()
    await this.keeper.flush()
    this.setStatus('idle', null, false)
  }

  /**
   * The server refused the model as unknown: move to the recommended model once per Start and
   * carry the conversation over in a fresh session; a second refusal ends with a clear error.
   */
  private replaceRefusedModel(): { notes: StatusNotes } | { error: AppError } {
    const from = this.settings!.model
    const move = this.replacedFrom ? null : replacementFor(from, this.models)
    if (!move) {
      const tried = this.replacedFrom ? `Neither ${this.replacedFrom} nor the recommended ${from} is` : `The model ${from} is not`
      return {
        error: {
          code: 'MODEL_UNAVAILABLE',
          message: `${tried} available to this key, so Sightline cannot start a conversation.`,
          params: { model: this.replacedFrom ?? from },
        },
      }
    }
    this.switchModel(move)
    this.resumption.clear()
    return { notes: move.notes }
  }

  /** Moves the session (and, through `onModelReplaced`, the saved settings) to another model, dropping options it does not take. */
  private switchModel(move: ModelReplacement): void {
    this.replacedFrom = move.from
    const moved = { ...this.settings!, model: move.to.id }
    this.settings = applySettingsPatch(moved, fitSettingsToModel(moved, move.to).patch)
    this.model = move.to
    this.deps.logger.warn('model is gone; moved to the recommended model', { from: move.from, to: move.to.id })
    this.deps.onModelReplaced?.(move.from, move.to.id)
  }

  /** Takes effect at the next connection (resume, rotation or new session). */
  applySettings(settings: Settings): void {
    this.settings = settings
  }

  /** Sleep or lock: end the stream cleanly and keep the handle; input is held (bounded) until {@link resume}. */
  async suspend(): Promise<void> {
    if (this.state !== 'connecting' && this.state !== 'live' && this.state !== 'reconnecting' && !this.recovery.isWaitingForNetwork) return
    const epoch = ++this.epoch
    this.isSuspended = true
    this.input.cancelPauseWatch()
    this.recovery.cancel()
    const old = this.retire()
    if (old) await (this.closing = this.connector.closeAndWait(old, this.limits.closeWaitMs))
    if (epoch === this.epoch) this.setStatus('idle', note('PAUSED_FOR_SLEEP'), false)
  }

  /**
   * Wake, unlock or back online: resume with the handle while it is valid, else start fresh with
   * a summary and say so. A connection that is still open is checked first (after sleep a socket
   * can claim to be open), and a reconnect waiting out its backoff tries again at once.
   */
  async resume(): Promise<void> {
    if (this.isSuspended) {
      this.isSuspended = false
      return this.reconnectNow({}, 'wake')
    }
    if (this.state === 'live' && this.open) return this.checkConnection(this.open)
    const waiting = this.recovery.hurry()
    if (waiting && this.state === 'error') await this.reconnectNow(waiting.notes, 'wake')
  }

  /** 16 kHz mono PCM16 from the microphone. */
  sendAudio(pcm16k: Uint8Array): void {
    if (this.isTakingInput && this.settings) this.input.audio(pcm16k, this.settings)
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
    this.deps.events.onUsage(this.server.usage.addImageTokens(spent, ifEveryFrame))
  }

  private takeSeed(): RecoveryNotes | null {
    const seed = this.seed
    this.seed = null
    if (!seed) return null
    this.memory.restore(seed.turns)
    return { fresh: seed.notes, isSeedShown: true }
  }

  private get isTakingInput(): boolean {
    return this.state === 'connecting' || this.state === 'live' || this.state === 'reconnecting' || this.isSuspended
  }

  private onConnectionClosed(code: number, reason: string): void {
    this.retire()
    const verdict = classifyClose(code, reason)
    this.deps.logger.info('live connection closed', { code, reason: redactSecrets(reason), kind: verdict.kind })
    if (this.state === 'closing' || this.isSuspended) return
    const action = this.recovery.noteClosed(verdict)
    if (verdict.kind === 'modelUnavailable') return this.onModelGone(verdict.error)
    if (action.kind === 'fatal') return this.fail(verdict.error)
    if (action.isRetryAfterRotation) this.pump.keepNewestVideoOnly()
    this.reconnects++
    this.setStatus('reconnecting', note(verdict.kind === 'rotation' ? 'REFRESHING' : 'RECONNECTING_AFTER_DROP'), false)
    this.recovery.launch(this.epoch)
  }

  /**
   * The server closed a live connection because the model is gone (retired mid-session): the same
   * move as a refused setup, once, and the conversation continues in a fresh session seeded from
   * memory (a new model cannot resume the old handle); a second refusal is a clear error.
   */
  private onModelGone(error: AppError): void {
    this.reportModelUnavailable(error)
    const move = this.replaceRefusedModel()
    if ('error' in move) return this.fail(move.error)
    this.reconnects++
    this.setStatus('reconnecting', move.notes, false)
    this.recovery.launch(this.epoch, { notes: { fresh: move.notes } })
  }

  /** The hook the retirement flow builds on (issue 12): the host learns which model the server refused, and why. */
  private reportModelUnavailable(error: AppError): void {
    if (!this.model) return
    try {
      this.deps.onModelUnavailable?.({ modelId: this.model.id, error })
    } catch (failure) {
      this.deps.logger.warn('onModelUnavailable failed', { error: failure })
    }
  }

  /** GoAway: leave the old socket first, then resume with the handle; input waits in the pump. */
  private async rotate(): Promise<void> {
    if (this.state !== 'live' || !this.open) return
    this.rotations++
    const epoch = this.epoch
    const old = this.retire()!
    this.recovery.noteLeaving()
    // Frames held through the swap show an old screen: the new connection gets the newest one only.
    this.pump.keepNewestVideoOnly()
    this.setStatus('reconnecting', note('SWITCHING_CONNECTION'), false)
    await this.connector.closeAndWait(old, this.limits.closeWaitMs)
    if (epoch === this.epoch) await new Promise<void>((onFirstAttempt) => this.recovery.launch(epoch, { onFirstAttempt, isRotation: true }))
  }

  private onStall(): void {
    if (!this.open || this.state !== 'live') return
    this.deps.logger.warn('no answer from the server in time; reconnecting', { stallTimeoutMs: this.limits.stallTimeoutMs })
    this.replaceDeadConnection(this.open, note('STALLED'))
  }

  /** Pings the open socket after a wake; input is held meanwhile, and a silent socket is replaced. */
  private async checkConnection(open: OpenConnection): Promise<void> {
    if (this.isChecking) return
    this.isChecking = true
    this.pump.setHeld(true, 'check')
    let isAlive = false
    try {
      isAlive = (await open.connection.isAlive?.(this.limits.probeTimeoutMs)) ?? false
    } catch (error) {
      this.deps.logger.warn('could not check the connection', { error })
    }
    this.isChecking = false
    if (!isAlive && this.open === open && this.state === 'live') {
      this.deps.logger.warn('connection did not answer after a wake or network change; reconnecting', { probed: open.connection.isAlive !== undefined })
      this.replaceDeadConnection(open, note('RECONNECTING_AFTER_WAKE'))
    }
    // Released only now, so input held during the check goes to the connection that works.
    this.pump.setHeld(false, 'check')
  }

  private replaceDeadConnection(open: OpenConnection, detail: StatusNotes): void {
    this.retire()
    this.recovery.noteLeaving()
    open.connection.close()
    this.reconnects++
    this.setStatus('reconnecting', detail, false)
    this.recovery.launch(this.epoch)
  }

  /**
   * Reconnects now (after a wake or when the network is back, or Start in either case), keeping
   * the conversation. A wake reuses the key already read: it never asks the keychain again, so a
   * keychain still locked after the wake cannot end the session (issue 13.10).
   */
  private async reconnectNow(notes: RecoveryNotes, why: 'wake' | 'start'): Promise<void> {
    const epoch = ++this.epoch
    this.recovery.cancel()
    this.reconnects++
    this.setStatus('reconnecting', note('RECONNECTING'), false)
    await this.closing
    if (!(why === 'wake' && this.apiKey) && !(await this.loadKey(epoch))) return
    await new Promise<void>((onFirstAttempt) => this.recovery.launch(epoch, { notes, onFirstAttempt }))
  }

  /** Closes whatever is open and stops every loop and wait, leaving the conversation as it is. */
  private async end(): Promise<void> {
    this.epoch++
    this.input.cancelPauseWatch()
    this.isSuspended = false
    this.recovery.cancel()
    const old = this.retire()
    if (old) {
      this.setStatus('closing', null, false)
      await this.connector.closeAndWait(old, this.limits.closeWaitMs)
    }
  }

  /** Leaves the current connection (if any): nothing more is sent to it or taken from it. */
  private retire(): OpenConnection | null {
    const old = this.open
    this.open = null
    this.connector.retireAll()
    this.pump.detach()
    this.stall.settle()
    this.goAway.clear()
    this.server.connectionEnded()
    this.turns.complete(this.deps.clock.now())
    this.input.isSpeaking = false
    if (old) {
      this.resumption.noteDisconnected(this.deps.clock.now())
      this.keeper.save()
    }
    return old
  }

  /**
   * Reads the key. Only a key source that answered "none" means no key; one that failed (a
   * locked keychain, a refused prompt) says so, with what to do (issue 13.10).
   */
  private async loadKey(epoch: number): Promise<boolean> {
    let key: string | null
    try {
      key = (await this.deps.credentials.forConnect())?.value ?? null
    } catch (error) {
      this.deps.logger.warn('could not read the API key', { error })
      if (epoch === this.epoch) this.fail(keyReadError(error))
      return false
    }
    if (epoch !== this.epoch) return false
    if (!key) {
      this.fail({ code: 'NO_API_KEY', message: 'No Gemini API key is set.' })
      return false
    }
    this.apiKey = key
    return true
  }

  private fail(error: AppError): void {
    this.retire()?.connection.close()
    this.epoch++
    this.recovery.cancel()
    this.setStatus('error', note(error.code, error.params), false)
    this.deps.events.onError(error)
  }

  private setStatus(state: SessionState, notes: StatusNotes, resumed: boolean): void {
    const c = this.current
    const detail = notes?.length ? [...notes] : null
    if (c.state === state && sameNotes(c.detail, detail) && c.resumed === resumed) return
    this.current = { state, detail, resumed }
    this.deps.events.onStatus(this.status)
  }
}

/** Whether two status details say the same (the status line is not re-sent for an equal one). */
function sameNotes(a: StatusNotes, b: StatusNotes): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A key source that failed, as an error the user can act on: its own code and params when it has them. */
function keyReadError(error: unknown): AppError {
  const coded = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown }
  if (typeof coded.code === 'string' && typeof coded.message === 'string') {
    const params = (coded as { params?: AppError['params'] }).params
    return { code: coded.code, message: redactSecrets(coded.message), ...(params ? { params } : {}) }
  }
  return {
    code: 'KEY_READ_FAILED',
    message: `Sightline could not read your Gemini API key: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
  }
}

/** The modality the setup asks for: the chosen one when the model offers it, else the model's first (as liveConfig does). */
function answerModality(settings: Settings | null, model: LiveModel | null): string | undefined {
  if (!settings || !model) return undefined
  return model.modalities.includes(settings.responseModality) ? settings.responseModality : model.modalities[0]
}
