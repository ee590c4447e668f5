import type {
  AppError,
  AppInfo,
  AppSnapshot,
  AudioLevels,
  EventMethod,
  EventPayload,
  KeyStatus,
  ManagedStatus,
  ModelMenuPayload,
  ScreenSource,
  SessionStatus,
  ShareSource,
  ShareState,
  TalkState,
  VideoFrame,
} from '../../../shared/ipcContract'
import { isCallBarShown } from '../../../shared/callBarShown'
import { MODELS } from '../../../shared/modelCatalogue'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { findModel } from '../../../shared/modelCatalogue'
import type { ManagedSetup } from './credentials/managedSetup'
import { CRASH_REPORTING_DEFAULT, type CrashReporting, type CrashReportingStore } from './diagnostics/crashReporting'
import type { DiagnosticsService } from './diagnostics/diagnosticsService'
import type { AutoUpdateService, UpdateChannel, UpdateState } from './update/autoUpdateService'
import type { UpdatePreferencesStore } from './update/updatePreferences'
import type { OpenWindow } from '../../../shared/privacySettings'
import type { FramePipeline } from './media/framePipeline'
import type { PrivacyGate, ShareTarget } from './media/privacyGate'
import type { DesktopActions, Logger, PushToTalkBinding, PushToTalkSource, ScreenSourceProvider } from './ports'
import type { KeyPlace, KeyService } from './settings/keyService'
import type { SettingsService } from './settings/settingsService'
import type { ToolConfirmations } from './toolConfirmations'
import { CodedError, toAppError } from '../../../shared/codedError'
import { isVoiced } from './media/frameAttention'
import { Emitter } from './emitter'
import { DisposableStore, MutableDisposable, type Disposable } from './lifecycle'
import { ScreenShare } from './screenShare'
import type { AppState } from './state/appState'
import { activityOf, connectionNoteOf, type Activity } from './state/activity'
import type { PointerRing } from './screen/pointerRing'
import type { PointAt } from './screen/pointAt'
import type { RegionChoice, ShareRegion } from './screen/shareRegion'
import type { AskAboutSelection, SelectionOutcome } from './selection/askAboutSelection'
import type { FollowPointer } from './screen/followPointer'
import { uiLocaleOf } from '../../../shared/i18n/catalogue'

/** Sends one contract event to the page(s). */
export type EmitEvent = <M extends EventMethod>(method: M, payload: EventPayload<M>) => void

/** The part of LiveSession the assistant drives. */
export interface LiveEngine {
  start(settings: Settings): Promise<SessionStatus>
  stop(): Promise<void>
  applySettings(settings: Settings): void
  sendAudio(pcm16k: Uint8Array): void
  sendVideoFrame(jpeg: Uint8Array): void
  sendText(text: string): void
  activityStart(): void
  activityEnd(): void
  audioStreamEnd(): void
  suspend(): Promise<void>
  resume(): Promise<void>
  /** Counts image tokens into the usage the page shows (spent, and what every frame would have cost). */
  addImageTokens(spent: number, ifEveryFrame: number): void
  readonly status: SessionStatus
}

export interface AssistantDeps {
  live: LiveEngine
  /**
   * The OS locale (`app.getLocale()`) the 'system' language setting follows, for the input
   * transcription hint; unset (the browser harness, tests) means the hint is English.
   */
  osLocale?: string
  frames: FramePipeline
  /** The privacy gate the frame pipeline passes frames through; pauses show in the share state. */
  privacy?: PrivacyGate
  /** The pointer ring in the frames (told when the user speaks). */
  pointer?: PointerRing
  /** `point_at`: forgets the last frame when a share starts or stops. */
  pointAt?: PointAt
  /** "Share a region" of the shared screen. */
  region?: ShareRegion
  /** "Ask about the selection" (its hotkey). */
  selection?: AskAboutSelection
  /** Follow the pointer across displays while sharing a screen. */
  follow?: FollowPointer
  settings: SettingsService
  keys: KeyService
  /** Managed mode (the organisation's token service); absent: keys only. */
  managed?: ManagedSetup
  /** "Save diagnostics…" and "Copy diagnostics summary"; null where the platform gives no files. */
  diagnostics?: DiagnosticsService | null
  crashReporting?: CrashReportingStore
  /** Automatic updates; absent in development builds and the harness. */
  updates?: { service: AutoUpdateService; preferences: UpdatePreferencesStore } | null
  screens: ScreenSourceProvider
  desktop: DesktopActions
  pushToTalk?: PushToTalkSource
  confirmations: ToolConfirmations
  /** Main's readable state: mute and "speaking" are kept there; the rest arrives through `emit`. */
  state: AppState
  emit: EmitEvent
  logger: Logger
  appInfo: AppInfo
  /** The user ended the conversation (History starts a new one with the next exchange). */
  onConversationEnded?: () => void
  /** The model menu, and what to do when the key changed (list the models again). */
  models?: { menu(): ModelMenuPayload; onKeyChanged(): void }
}

type TalkSource = NonNullable<TalkState['source']>

const NO_UPDATES: UpdateState = { status: 'off', channel: 'stable', version: null, reason: 'BUILD_DOES_NOT_UPDATE' }
const NOT_MANAGED: ManagedStatus = { isManaged: false, service: null, source: 'none', lockedModel: null, lockedFields: [], autoUpdate: null }

/**
 * What Sightline does, independent of how it is reached: the IPC handlers, the tray and the
 * hotkey all call these methods. Owns the talk/share state; the Live session, the frame
 * pipeline, settings and the key are the injected services that do the work. Disposing it
 * unbinds the hotkey and stops following the settings.
 */
export class Assistant implements Disposable {
  private talk: TalkState = { isTalking: false, source: null, hotkeyNote: null }
  private readonly screen: ScreenShare
  private readonly disposables = new DisposableStore()
  private readonly hotkey = this.disposables.add(new MutableDisposable<PushToTalkBinding>())
  private readonly userActivity = this.disposables.add(new Emitter<string>())
  /** What the last picked source shows; unknown until a pick (the system's or the browser's own picker). */
  private pickedTarget: ShareTarget = { kind: 'unknown' }

  constructor(private readonly deps: AssistantDeps) {
    this.screen = new ScreenShare({
      frames: deps.frames,
      addImageTokens: (spent, ifEveryFrame) => deps.live.addImageTokens(spent, ifEveryFrame),
      emit: deps.emit,
      logger: deps.logger,
      privacy: deps.privacy,
      pointer: deps.pointer,
      pointAt: deps.pointAt,
      region: deps.region,
      follow: deps.follow,
    })
    this.disposables.add(
      deps.settings.onChange((settings, previous) => {
        deps.live.applySettings(this.sessionSettings())
        deps.emit('onSettingsChanged', settings)
        if (settings.hotkey !== previous.hotkey) this.bindHotkey()
      }),
    )
  }

  dispose(): void {
    this.disposables.dispose()
  }

  appInfo(): AppInfo {
    return this.deps.appInfo
  }

  /** Binds the global hotkey; called once at startup and whenever the setting changes. */
  bindHotkey(): void {
    if (!this.deps.pushToTalk || this.disposables.isDisposed) return
    this.hotkey.clear()
    try {
      const binding = (this.hotkey.value = this.deps.pushToTalk.bind(this.deps.settings.get().hotkey, {
        onPress: () => this.talkWithoutAnswer(this.hotkey.value?.mode === 'toggle' ? !this.talk.isTalking : true, 'hotkey'),
        onRelease: () => this.talkWithoutAnswer(false, 'hotkey'),
      }))
      this.talk = { ...this.talk, hotkeyNote: binding.note }
    } catch (error) {
      this.deps.logger.warn('talk hotkey unavailable', { hotkey: this.deps.settings.get().hotkey, error })
      const hotkey = this.deps.settings.get().hotkey
      // Worded by the edges from the error's code (HOTKEY_TAKEN, HOTKEY_INVALID…), naming the shortcut.
      this.talk = { ...this.talk, hotkeyNote: { code: error instanceof CodedError ? error.code : 'HOTKEY_UNAVAILABLE', params: { ...(error instanceof CodedError ? error.params : {}), hotkey } } }
    }
    this.deps.emit('onTalkState', this.talk)
  }

  /** A key-up from our own focused window, where the global hook may hear nothing (see PushToTalkSource.windowKeyUp). */
  hotkeyWindowKeyUp(code: string): void {
    this.deps.pushToTalk?.windowKeyUp(code)
  }

  /** Tray click: talking on or off. */
  toggleTalk(): void {
    this.talkWithoutAnswer(!this.talk.isTalking, 'tray')
  }

  /** The hotkey and the tray have no one to answer, so a refusal (muted, no key, no session) becomes an error event. */
  private talkWithoutAnswer(isTalking: boolean, source: 'hotkey' | 'tray'): void {
    this.setTalking(isTalking, source).catch((error: unknown) => {
      if (!(error instanceof CodedError)) this.deps.logger.error('talking failed', { source, error })
      this.deps.emit('onError', toAppError(error, 'TALK_FAILED', 'Could not start talking.'))
    })
  }

  async startSession(): Promise<SessionStatus> {
    const status = await this.deps.live.start(this.sessionSettings())
    return status
  }

  async stopSession(): Promise<void> {
    if (this.talk.isTalking) await this.setTalking(false, this.talk.source ?? 'button')
    await this.deps.live.stop()
    this.deps.onConversationEnded?.()
  }

  /** The machine sleeps or the screen locks: stop listening and end the stream, keeping the resumption handle. */
  async suspend(): Promise<void> {
    if (this.talk.isTalking) await this.setTalking(false, this.talk.source ?? 'button')
    await this.deps.live.suspend()
  }

  /** Awake, unlocked or back online: resume the same conversation, or start fresh and say so. */
  async resume(): Promise<void> {
    await this.deps.live.resume()
  }

  /** Signs of a person at the machine (talk pressed, microphone audio), for the missed-resume watch (bindPowerEvents). */
  onUserActivity(listener: (what: string) => void): Disposable {
    return this.userActivity.event(listener)
  }

  private noteUserActivity(what: string): void {
    this.userActivity.fire(what)
  }

  /** Typed instead of spoken; opens a session first when there is none. While sharing, the screen as it is now goes first. */
  async sendText(text: string): Promise<void> {
    await this.ensureSession()
    await this.screen.beforeQuestion()
    this.deps.live.sendText(text)
  }

  /**
   * Push-to-talk: pressing opens the session if needed and sends activityStart (plus a fresh
   * frame when sharing, and changed frames until release); releasing sends activityEnd. In
   * hands-free mode talking only gates the microphone and automatic VAD finds the turns (the
   * share watches while the mic hears a voice); stopping sends audioStreamEnd.
   */
  async setTalking(isTalking: boolean, source: TalkSource): Promise<TalkState> {
    if (isTalking === this.talk.isTalking) return this.talk
    if (isTalking && this.isMuted) {
      throw new CodedError('MUTED', 'The microphone is muted.')
    }
    const handsFree = this.deps.settings.get().vad.mode === 'hands-free'
    if (isTalking) {
      this.noteUserActivity(`talk pressed (${source})`)
      this.talk = { ...this.talk, isTalking: true, source }
      this.deps.emit('onTalkState', this.talk)
      try {
        await this.ensureSession()
      } catch (error) {
        // No session, no talking: the mic must not stay open on a failed start.
        this.talk = { ...this.talk, isTalking: false, source: null }
        this.deps.emit('onTalkState', this.talk)
        throw error
      }
      if (!this.talk.isTalking) return this.talk
      if (!handsFree) {
        this.deps.live.activityStart()
        this.screen.onTalkStart()
      }
    } else {
      this.talk = { ...this.talk, isTalking: false, source: null }
      if (handsFree) this.deps.live.audioStreamEnd()
      else this.deps.live.activityEnd()
      this.screen.onTalkEnd()
      this.deps.emit('onTalkState', this.talk)
    }
    return this.talk
  }

  /**
   * Mute from the tray or the call bar: ends talking now (audioStreamEnd in hands-free mode) and
   * refuses to start until unmuted. Unmuting answers a pending MUTED notice, so no window keeps it.
   */
  async setMuted(muted: boolean): Promise<void> {
    this.deps.state.setMuted(muted)
    if (!muted) this.dismissNotice('MUTED')
    if (muted && this.talk.isTalking) await this.setTalking(false, this.talk.source ?? 'tray')
  }

  get isMuted(): boolean {
    return this.deps.state.state.isMuted
  }

  /** Microphone audio from the renderer; only forwarded while the user is talking. */
  receiveAudio(pcm: Uint8Array): void {
    if (this.userActivity.listenerCount > 0) this.noteUserActivity('microphone audio')
    if (!this.talk.isTalking) return
    this.deps.live.sendAudio(pcm)
    // Hands-free has no press: the voice on the mic is what tells the screen share someone is asking.
    if (this.screen.state.isSharing && this.deps.settings.get().vad.mode === 'hands-free' && isVoiced(pcm)) this.screen.onSpeech()
  }

  /** The page stopped its mic in hands-free mode (a stream that just stops coming is ended by the session after a second). */
  endAudioStream(): void {
    if (this.deps.settings.get().vad.mode === 'hands-free') this.deps.live.audioStreamEnd()
  }

  /** A screen frame from the renderer; dropped unless sharing, and refused (with an error event) when malformed. */
  receiveFrame(frame: VideoFrame): void {
    this.screen.receive(frame)
  }

  /** The audio host's meter levels, relayed to the call bar while it shows (a session is live and the setting has it on); dropped otherwise. */
  relayAudioLevels(levels: AudioLevels): void {
    if (isCallBarShown(this.deps.state.state.callBar, this.deps.settings.get().showCallBar)) this.deps.emit('onAudioLevels', levels)
  }

  /** The call bar's Stop sharing: only the page that captures holds the stream, so it is told to stop. */
  stopSharing(): void {
    if (this.screen.state.isSharing) this.deps.emit('onUiCommand', { command: 'stopSharing' })
  }

  /** The renderer played model audio; what the tray's "speaking" state is derived from. */
  notePlayback(_turnId: number, playedSamples: number): void {
    if (playedSamples > 0) this.deps.state.notePlayback()
  }

  /** What the tray says about the connection (see {@link connectionNoteOf}). */
  get connectionNote(): 'reconnecting' | null {
    return connectionNoteOf(this.deps.state.state)
  }

  /** One word for the tray icon and tooltip. */
  get activity(): Activity {
    return activityOf(this.deps.state.state)
  }

  setSharing(isSharing: boolean, source: ShareSource | null): ShareState {
    if (this.screen.set(isSharing, source, this.pickedTarget)) void this.ensureSession().catch(() => undefined)
    if (!isSharing) this.pickedTarget = { kind: 'unknown' }
    return this.screen.state
  }

  /**
   * "Share screen and ask" (tray item, its hotkey): only the page can capture, so it is asked to
   * share, and listening starts here. While sharing, the same action stops sharing; a question
   * in progress carries on.
   */
  async toggleShareAndAsk(): Promise<void> {
    if (this.screen.state.isSharing) return this.deps.emit('onUiCommand', { command: 'stopSharing' })
    this.deps.emit('onUiCommand', { command: 'shareScreen' })
    if (!this.talk.isTalking) await this.setTalking(true, 'tray')
  }

  /** What is shared now (for the region and the privacy gate's map), null when nothing is. */
  get shareTarget(): ShareTarget | null {
    return this.screen.state.isSharing ? this.pickedTarget : null
  }

  /** "Share a region": the user drags a rectangle on the shared screen; see {@link ShareRegion.select}. */
  async selectShareRegion(): Promise<RegionChoice> {
    if (!this.deps.region) throw new CodedError('REGION_UNAVAILABLE', 'Sharing a region is not available here.')
    if (!this.screen.state.isSharing) throw new CodedError('NOT_SHARING', 'Share a screen first.')
    const choice = await this.deps.region.select()
    if (choice.region) this.screen.lookNow()
    return choice
  }

  /** Back to the whole screen. */
  clearShareRegion(): void {
    this.deps.region?.clear()
    if (this.screen.state.isSharing) this.screen.lookNow()
  }

  /**
   * Follow the pointer: sharing moves to `displayId`'s screen. Main picks that screen's source and
   * the page captures it anew; frames of the old screen are dropped meanwhile.
   */
  async switchShareToDisplay(displayId: string): Promise<void> {
    if (!this.screen.state.isSharing || this.pickedTarget.kind !== 'screen') return
    const sources = await this.deps.screens.list()
    const source = sources.find((s) => {
      const target = this.deps.screens.shareTarget?.(s.id)
      return target?.kind === 'screen' && target.displayId === displayId
    })
    if (!source || !this.screen.state.isSharing) return
    this.deps.screens.select(source.id)
    this.pickedTarget = { kind: 'screen', displayId }
    this.screen.switchTarget(this.pickedTarget)
    this.deps.emit('onUiCommand', { command: 'switchShare' })
  }

  /** Sharing must end (the shared region no longer fits after a display change): the page stops its capture, the user reads why. */
  stopSharingBecause(code: 'SHARE_STOPPED' | 'SHARE_STOPPED_DISPLAY_GONE', message: string): void {
    this.deps.emit('onError', { code, message })
    this.deps.emit('onUiCommand', { command: 'stopSharing' })
    this.setSharing(false, null)
  }

  /**
   * The selection hotkey was pressed: the selected text goes to the model and Sightline listens
   * for the question. An empty or non-text selection sends nothing and shows a note.
   */
  async askAboutSelection(): Promise<SelectionOutcome> {
    if (!this.deps.selection) throw new CodedError('SELECTION_UNAVAILABLE', 'Asking about the selection is not available here.')
    this.noteUserActivity('selection hotkey')
    const outcome = await this.deps.selection.press()
    if (outcome.kind === 'empty') {
      this.deps.emit('onError', { code: 'SELECTION_EMPTY', message: `Nothing to ask about (${outcome.reason}).`, params: { hotkey: outcome.hotkey, refusal: outcome.reason } })
    }
    return outcome
  }

  /** Starts listening (as "Share screen and ask" does) and puts the framed selection into the user's turn. */
  async askWithSelection(framedText: string): Promise<void> {
    // Inside the user's activity in push-to-talk mode, so the model waits for the spoken question.
    if (!this.talk.isTalking) await this.setTalking(true, 'tray')
    this.deps.live.sendText(framedText)
  }

  /** "Look now": the next captured frame goes to the model whatever the change detector says. */
  lookNow(): void {
    this.screen.lookNow()
  }

  /** A link the user clicked in the transcript; the desktop adapter opens only plain https. */
  openLink(url: string): Promise<void> {
    return this.deps.desktop.openInBrowser(url)
  }

  answerToolConfirmation(requestId: string, allow: boolean, allWaiting = false): void {
    this.deps.confirmations.answer(requestId, allow, allWaiting)
  }

  /** The windows open now, for the privacy settings' picker; refused with a reason when the list cannot be read. */
  listOpenWindows(): Promise<OpenWindow[]> {
    if (!this.deps.privacy) return Promise.resolve([])
    return this.deps.privacy.listOpenWindows()
  }

  listScreenSources(): Promise<ScreenSource[]> {
    return this.deps.screens.list()
  }

  selectScreenSource(id: string): void {
    this.deps.screens.select(id)
    this.pickedTarget = this.deps.screens.shareTarget?.(id) ?? { kind: 'unknown' }
  }

  /** Main's state now, for a window that just subscribed. */
  snapshot(): AppSnapshot {
    return this.deps.state.state
  }

  /** The user dismissed a notice in some window; it stops being pending, and every window drops it. */
  dismissNotice(code: string): void {
    const pending = this.deps.state.state.notices
    if (!pending.some((n) => n.code === code)) return
    this.deps.emit('onNoticesChanged', pending.filter((n) => n.code !== code))
  }

  getSettings(): Settings {
    return this.deps.settings.get()
  }

  updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.deps.settings.update(patch)
  }

  keyStatus(): Promise<KeyStatus> {
    return this.deps.keys.status()
  }

  async setApiKey(key: string, keepIn: KeyPlace): Promise<KeyStatus> {
    const status = await this.deps.keys.setKey(key, keepIn)
    this.deps.models?.onKeyChanged()
    return status
  }

  async removeApiKey(): Promise<KeyStatus> {
    const status = await this.deps.keys.removeKey()
    this.deps.models?.onKeyChanged()
    return status
  }

  /** The Live models on offer; the built-in list when no discovery is wired. */
  listModels(): ModelMenuPayload {
    return this.deps.models?.menu() ?? { source: 'built-in', fetchedAt: null, models: MODELS.map((m) => ({ id: m.id, label: m.label, isPreview: m.isPreview, family: m.family })) }
  }

  managedStatus(): Promise<ManagedStatus> {
    return this.deps.managed ? this.deps.managed.status() : Promise.resolve(NOT_MANAGED)
  }

  /** Managed mode on: checked with the token service and Gemini, then kept in the keychain. */
  setManaged(service: string, accessCode: string): Promise<ManagedStatus> {
    if (!this.deps.managed) throw new CodedError('MANAGED_UNAVAILABLE', 'This build of Sightline cannot use a token service.')
    return this.deps.managed.save({ service, accessCode })
  }

  clearManaged(): Promise<ManagedStatus> {
    return this.deps.managed ? this.deps.managed.clear() : Promise.resolve(NOT_MANAGED)
  }

  /** Writes the diagnostics zip where the user chooses; minidumps only when they agreed. */
  async saveDiagnostics(includeCrashDumps: boolean): Promise<{ path: string | null }> {
    if (!this.deps.diagnostics) throw new CodedError('DIAGNOSTICS_UNAVAILABLE', 'Diagnostics cannot be saved here.')
    return { path: await this.deps.diagnostics.save(includeCrashDumps) }
  }

  /** Puts the short diagnostics summary on the clipboard. */
  async copyDiagnosticsSummary(): Promise<void> {
    if (!this.deps.diagnostics) throw new CodedError('DIAGNOSTICS_UNAVAILABLE', 'Diagnostics cannot be copied here.')
    await this.deps.diagnostics.copySummary()
  }

  crashReporting(): CrashReporting {
    return this.deps.crashReporting?.load() ?? CRASH_REPORTING_DEFAULT
  }

  /** Keeps the crash-report choice; it takes effect when the crash reporter next starts (the next app start). */
  async setCrashReporting(choice: CrashReporting): Promise<CrashReporting> {
    if (!this.deps.crashReporting) throw new CodedError('DIAGNOSTICS_UNAVAILABLE', 'Crash reporting cannot be set here.')
    await this.deps.crashReporting.save(choice)
    return this.deps.crashReporting.load()
  }

  updateState(): UpdateState {
    return this.deps.updates?.service.state ?? NO_UPDATES
  }

  /** Keeps the channel and checks its feed now. */
  async setUpdateChannel(channel: UpdateChannel): Promise<UpdateState> {
    if (!this.deps.updates) return NO_UPDATES
    await this.deps.updates.preferences.save({ channel })
    return this.deps.updates.service.checkNow()
  }

  /** "Restart to update" (tray and window); does nothing unless an update is downloaded and verified. */
  restartToUpdate(): void {
    if (!this.deps.updates?.service.restartToUpdate()) throw new CodedError('NO_UPDATE_READY', 'No update has been downloaded yet.')
  }

  /**
   * The settings a session runs with: the model the organisation locked wins over the user's pick,
   * and the UI language is resolved ('system' → the OS language) for the transcription hint.
   */
  private sessionSettings(): Settings {
    const stored = this.deps.settings.get()
    const settings = { ...stored, uiLanguage: uiLocaleOf(stored.uiLanguage, this.deps.osLocale) }
    const locked = this.deps.managed?.lockedModel
    return locked && locked !== settings.model && findModel(locked) ? { ...settings, model: locked } : settings
  }

  /** Tells the page about something that went wrong outside a request (startup notices, tray actions). */
  reportError(error: AppError): void {
    this.deps.emit('onError', error)
  }

  get talkState(): TalkState {
    return this.talk
  }

  get shareState(): ShareState {
    return this.screen.state
  }

  private async ensureSession(): Promise<void> {
    const state = this.deps.live.status.state
    if (state === 'live' || state === 'connecting' || state === 'reconnecting') return
    const status = await this.deps.live.start(this.sessionSettings())
    if (status.state !== 'live') {
      throw new CodedError('SESSION_NOT_LIVE', `Could not start a session (${status.state}).`, { params: { state: status.state } })
    }
  }
}
