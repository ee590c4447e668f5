import type { AppInfo } from '../../shared/ipcContract'
import { defaultSettingsFor, type Settings } from '../../shared/settings'
import { Assistant, type EmitEvent } from './core/assistant'
import { AppCredentials } from './core/credentials/appCredentials'
import type { CrashReportingStore } from './core/diagnostics/crashReporting'
import type { VersionInfo } from './core/diagnostics/diagnosticsReport'
import { DiagnosticsService } from './core/diagnostics/diagnosticsService'
import { LiveRecorder } from './core/diagnostics/liveRecorder'
import { AutoUpdateService, type Updater } from './core/update/autoUpdateService'
import type { UpdatePreferencesStore } from './core/update/updatePreferences'
import { ManagedSetup } from './core/credentials/managedSetup'
import { CredentialsError } from './core/credentials/credentialsError'
import { fetchServiceToken, type FetchLike } from './core/credentials/tokenServiceClient'
import { FramePipeline } from './core/media/framePipeline'
import { PrivacyGate } from './core/media/privacyGate'
import { PointAt } from './core/screen/pointAt'
import { PointerRing } from './core/screen/pointerRing'
import { ShareRegion } from './core/screen/shareRegion'
import { FollowPointer } from './core/screen/followPointer'
import { AskAboutSelection } from './core/selection/askAboutSelection'
import { pointAtTool } from './core/tools/pointAtTool'
import { DEFAULT_LIVE_LIMITS } from './core/live/liveLimits'
import { LiveSession, type LiveSessionLimits } from './core/live/liveSession'
import { ApiKeyRejectedError, validateApiKey } from './core/live/connection/validateApiKey'
import { HistoryService } from './core/history/historyService'
import type {
  ArchiveWriter,
  Clock,
  CopyKeySender,
  ConversationStore,
  DesktopActions,
  DisplayWatch,
  FrameEncoder,
  HistoryStore,
  LiveTransport,
  Logger,
  PointerSource,
  PointMarkerOverlay,
  PushToTalkSource,
  RegionOutline,
  RegionPicker,
  SaveDialog,
  ScreenSourceProvider,
  SecretStore,
  SelectionClipboard,
  SettingsRepository,
  WindowSource,
} from './core/ports'
import { KeyService } from './core/settings/keyService'
import { SettingsService } from './core/settings/settingsService'
import { ToolConfirmations } from './core/toolConfirmations'
import { ToolRegistry } from './core/tools/toolRegistry'
import { DisposableStore, type Disposable } from './core/lifecycle'
import { AppState } from './core/state/appState'
import { settingsNoticeError } from './core/state/settingsNoticeError'
import { MemoryVoiceSampleCache } from './core/voices/memoryVoiceSampleCache'
import type { VoiceSampleCache } from './core/ports'
import { VoicePreviewService } from './core/voices/voicePreviewService'
import { ModelDiscovery } from './core/models/modelDiscovery'
import type { ModelListCache, ModelLister } from './core/models/modelPorts'
import { toModelMenu } from './core/models/modelMenu'
import { fitSettingsToModel } from '../../shared/modelOptions'
import { uiTranslator } from './core/uiLanguage'
import { createIpcHandlers } from './ipc/ipcHandlers'
import { IpcRouter, type IpcSender } from './ipc/ipcRouter'

/** Without a keychain entry of its own, managed mode comes only from the environment. */
const noManagedStore: SecretStore = {
  getKey: async () => null,
  setKey: () => Promise.reject(new Error('No keychain entry for managed mode in this build.')),
  deleteKey: async () => {},
}

/** Everything main needs from the outside world: one adapter per port. */
export interface MainAdapters {
  transport: LiveTransport
  secretStore: SecretStore
  /** Where managed mode keeps the token service address and access code (a second keychain entry). */
  managedSecretStore?: SecretStore
  /** How the token service is reached (global fetch in production). */
  fetch?: FetchLike
  /** Automatic updates (packaged app only). */
  updates?: { updater: Updater; preferences: UpdatePreferencesStore }
  /** Where "Save diagnostics…" reads from and writes to; without it the menu item says it is unavailable. */
  diagnostics?: DiagnosticsAdapters
  settingsRepository: SettingsRepository
  frameEncoder: FrameEncoder
  desktop: DesktopActions
  screens: ScreenSourceProvider
  pushToTalk?: PushToTalkSource
  /** The desktop's windows for the privacy gate; without it frames are not privacy-checked (unit setups only: the app and the harness always give one). */
  windowSource?: WindowSource
  /** The mouse pointer, for the ring in screen frames; needs `windowSource` (the ring is placed through the privacy gate's view of the desktop). */
  pointerSource?: PointerSource
  /** Where `point_at` shows its marker; without it (or without `windowSource`) the tool is not offered. */
  pointOverlay?: PointMarkerOverlay
  /** "Share a region": the drag overlay and the outline; without them (or `windowSource`) there is no region. */
  regionPicker?: RegionPicker
  regionOutline?: RegionOutline
  /** Display changes, so a shared region that no longer fits stops sharing. */
  displayWatch?: DisplayWatch
  /** "Ask about the selection": the clipboard and the copy keystroke; without the clipboard there is no selection hotkey. */
  selectionClipboard?: SelectionClipboard
  copyKeys?: CopyKeySender
  /** Keeps the conversation across an app restart; without it every start is a new conversation. */
  conversationStore?: ConversationStore
  /** Conversation history; without it (or with null and `historyOpenError`) history is off for the run. */
  historyStore?: HistoryStore | null
  historyOpenError?: string | null
  /** Where voice previews are kept between runs; without it, for this run only. */
  voiceSamples?: VoiceSampleCache
  /** Where exports are saved; without it they go back to the page to download (the browser harness). */
  saveDialog?: SaveDialog
  /** `models.list()`; without it the model menu is the cache or the built-in profiles. */
  modelLister?: ModelLister
  /** Keeps the last good model list between runs. */
  modelListCache?: ModelListCache
  /** Engine tunables (tests and the fault suite shrink them); production uses the defaults. */
  liveLimits?: Partial<LiveSessionLimits>
  clock: Clock
  logger: Logger
  env: Readonly<Record<string, string | undefined>>
  appInfo: AppInfo
  /** The OS locale (`app.getLocale()`) the 'system' language setting follows; unset in the browser harness and tests (English). */
  osLocale?: string
  /** Sends contract events to the page; bound by the carrier (ipcMain or the harness WebSocket). */
  emit: EmitEvent
  isTrustedSender: (sender: IpcSender) => boolean
}

/** The platform side of diagnostics. */
export interface DiagnosticsAdapters {
  archive: ArchiveWriter
  /** Where the zip goes: the app's save dialog, or the harness's folder. */
  saver: SaveDialog
  logLines(count: number): Promise<string[]>
  crashDumps(): Promise<{ name: string; data: Uint8Array }[]>
  versions: VersionInfo
  crashReporting?: CrashReportingStore
}


/** The engine; disposing it unbinds every listener, binding and timer it started (not the adapters the caller owns). */
export interface MainServices extends Disposable {
  assistant: Assistant
  /** Main's readable state: what `getSnapshot` answers and what the tray and the call bar follow. */
  state: AppState
  router: IpcRouter
  live: LiveSession
  keys: KeyService
  managed: ManagedSetup
  diagnostics: DiagnosticsService | null
  updates: AutoUpdateService | null
  settings: SettingsService
  frames: FramePipeline
  history: HistoryService
  privacy: PrivacyGate | null
  voices: VoicePreviewService
  models: ModelDiscovery
}

/** The browser harness has no save dialog: the page downloads the export itself. */
const downloadInPage: SaveDialog = { save: async () => ({ outcome: 'download', path: null }) }

/**
 * Builds the engine from adapters. Shared by the Electron composition root and the browser
 * harness, so both run exactly the same main-side code.
 */
export async function composeServices(a: MainAdapters): Promise<MainServices> {
  const disposables = new DisposableStore()
  const settings = await SettingsService.open({ repository: a.settingsRepository, logger: a.logger, defaults: defaultSettingsFor(a.appInfo.platform) })
  const state = disposables.add(new AppState(a.clock, (error) => a.logger.error('state listener failed', { error })))
  // Every event to the page passes the state first, so a snapshot and the events after it agree.
  const emit: EmitEvent = (method, payload) => {
    state.observe(method, payload)
    a.emit(method, payload)
  }
  // The call bar's state is derived inside AppState (mute and playback change it without an event), so it is sent from there.
  disposables.add(state.onStateChange(({ state: now, changed }) => changed.includes('callBar') && a.emit('onCallBarState', now.callBar)))
  const followHandsFree = () => state.setHandsFree(settings.get().vad.mode === 'hands-free')
  disposables.add(settings.onChange(followHandsFree))
  followHandsFree()
  // Raised before any window exists; pending in the state until the user dismisses them.
  for (const notice of settings.notices()) state.addNotice(settingsNoticeError(notice))
  const keys = new KeyService({
    store: a.secretStore,
    env: a.env,
    logger: a.logger,
    validateKey: (key) => validateApiKey(a.transport, key, settings.get(), { clock: a.clock }),
  })
  const fetchToken: FetchLike = a.fetch ?? ((url, init) => fetch(url, init))
  const managed = new ManagedSetup({
    store: a.managedSecretStore ?? noManagedStore,
    env: a.env,
    logger: a.logger,
    validate: async (config) => {
      const answer = await fetchServiceToken(config.service, config.accessCode, fetchToken)
      managed.noteAnswer(answer)
      const onV1alpha: LiveTransport = { connect: (request, callbacks) => a.transport.connect({ ...request, apiVersion: answer.apiVersion }, callbacks) }
      await validateApiKey(onV1alpha, answer.name, settings.get(), { clock: a.clock }).catch((error: unknown) => {
        throw error instanceof ApiKeyRejectedError
          ? new CredentialsError({ code: 'TOKEN_REFUSED', params: { service: config.service }, message: `Gemini refused the token from ${config.service}.` }, false, { cause: error })
          : error
      })
    },
  })
  const credentials = new AppCredentials({ managed, getApiKey: () => keys.getKey(), fetch: fetchToken, logger: a.logger })
  const models = new ModelDiscovery({ lister: a.modelLister, cache: a.modelListCache, logger: a.logger, clock: a.clock })
  models.onChange((menu) => a.emit('onModelsChanged', toModelMenu(menu)))
  const refreshModels = () => void keys.getKey().then((key) => models.refresh(key), () => models.refresh(null))
  const confirmations = new ToolConfirmations({
    clock: a.clock,
    ask: (request) => emit('onToolConfirmRequest', request),
    close: (requestId) => emit('onToolConfirmClosed', { requestId }),
    isAlwaysAllowed: (tool) => settings.get().alwaysAllowTools[tool as keyof Settings['alwaysAllowTools']] === true,
  })
  const tools = new ToolRegistry({ desktop: a.desktop, clock: a.clock, confirm: (question, signal) => confirmations.confirm(question, signal) })

  // Frames and the session refer to each other through these two callbacks only.
  let live: LiveSession | null = null
  let assistant: Assistant | null = null
  const history = await HistoryService.open({
    store: a.historyStore ?? null,
    openError: a.historyOpenError,
    osLocale: a.osLocale,
    clock: a.clock,
    logger: a.logger,
    settings,
    saveDialog: a.saveDialog ?? downloadInPage,
    desktop: a.desktop,
    conversationStore: a.conversationStore,
    resumableForMs: a.liveLimits?.handleLifetimeMs ?? DEFAULT_LIVE_LIMITS.handleLifetimeMs,
    secrets: () => [...keys.knownSecrets(), ...managed.knownSecrets()],
    isSharing: () => assistant?.shareState.isSharing ?? false,
    onChanged: (conversationId) => emit('onHistoryChanged', { conversationId }),
    startSeeded: async (seed) => {
      await assistant!.stopSession()
      return live!.startSeeded(settings.get(), seed)
    },
  })
  const recorder = history.recorder
  const windowSource = a.windowSource
  const privacy = windowSource
    ? new PrivacyGate({ windows: windowSource, encoder: a.frameEncoder, settings: () => settings.get().privacy, clock: a.clock, logger: a.logger })
    : null
  const pointer =
    privacy && a.pointerSource
      ? new PointerRing({ pointer: a.pointerSource, area: () => privacy.frameArea, enabled: () => settings.get().point.pointerRing })
      : undefined
  const pointAt =
    privacy && a.pointOverlay
      ? new PointAt({ overlay: a.pointOverlay, displays: () => privacy.displays, isSharing: () => assistant?.shareState.isSharing ?? false })
      : null
  if (pointAt) tools.register(pointAtTool(pointAt))
  const region =
    privacy && a.regionPicker && a.regionOutline
      ? new ShareRegion({
          picker: a.regionPicker,
          outline: a.regionOutline,
          displays: () => privacy.displays,
          target: () => assistant?.shareTarget ?? null,
          stopSharing: (code, message) => assistant?.stopSharingBecause(code, message),
        })
      : null
  if (region) a.displayWatch?.onChange((displays) => region.displaysChanged(displays))
  const follow =
    privacy && a.pointerSource
      ? new FollowPointer({
          pointer: a.pointerSource,
          displays: () => privacy.displays,
          clock: a.clock,
          enabled: () => settings.get().point.followPointer,
          sharedDisplayId: () => {
            const target = assistant?.shareTarget
            return target?.kind === 'screen' ? target.displayId : null
          },
          switchTo: (displayId) => {
            assistant?.switchShareToDisplay(displayId).catch((error: unknown) => a.logger.warn('follow the pointer failed', { error }))
          },
        })
      : null
  const selection = a.selectionClipboard
    ? new AskAboutSelection({
        clipboard: a.selectionClipboard,
        keys: a.copyKeys ?? { canSend: false, sendCopy: () => {} },
        clock: a.clock,
        ask: (text) => assistant!.askWithSelection(text),
        hotkeyLabel: () => settings.get().point.selectionHotkey.replace('CommandOrControl', a.appInfo.platform === 'darwin' ? 'Cmd' : 'Ctrl'),
      })
    : null
  const frames = new FramePipeline({
    privacy: privacy ?? undefined,
    pointer,
    region: region && privacy ? { crop: (width, height) => region.crop(privacy.frameArea, width, height) } : undefined,
    encoder: a.frameEncoder,
    clock: a.clock,
    logger: a.logger,
    settings: () => settings.get(),
    onFrame: (frame) => {
      live?.sendVideoFrame(frame.jpeg)
      // What `point_at`'s 0–1000 refer to: the desktop area this frame shows.
      pointAt?.frameSent(region?.current ?? privacy?.frameArea?.bounds ?? null)
    },
  })
  const wire = new LiveRecorder(a.transport)
  live = new LiveSession({
    transport: wire,
    clock: a.clock,
    logger: a.logger,
    tools,
    credentials,
    conversationStore: a.conversationStore,
    limits: a.liveLimits,
    // The last check before the wire, for frames sent at once and frames held through a rotation alike.
    mayDeliverVideo: privacy ? () => privacy.isOpen : undefined,
    models,
    onModelReplaced: (_from, to) => {
      const next = models.resolve(to)
      const current = settings.get()
      void settings.update({ model: next.id, ...fitSettingsToModel({ ...current, model: next.id }, next).patch }).catch((error: unknown) => {
        a.logger.warn('could not save the replacement model', { error })
      })
    },
  })
  let managedMode = false
  void managed.config().then((config) => (managedMode = config !== null), () => undefined)
  const d = a.diagnostics
  const diagnostics = d
    ? new DiagnosticsService({
        archive: d.archive,
        saver: d.saver,
        desktop: a.desktop,
        now: () => new Date(a.clock.now()),
        words: uiTranslator(settings, a.osLocale ?? 'en'),
        sources: {
          logLines: (count) => d.logLines(count),
          versions: () => d.versions,
          settings: () => settings.get(),
          // The models on offer now: models.list's, its cache's or the built-in profiles'.
          models: () => models.menu.models.map((m) => ({ id: m.id, label: m.label })),
          closes: () => wire.closes,
          timings: () => wire.timings,
          state: () => ({ session: live!.status.state, detail: live!.status.detail?.map((n) => n.code).join(' ') ?? null, managed: managedMode }),
          crashDumps: () => d.crashDumps(),
          secrets: () => [...keys.knownSecrets(), ...managed.knownSecrets()],
        },
      })
    : null
  const u = a.updates
  const updates = u
    ? new AutoUpdateService({
        updater: u.updater,
        clock: a.clock,
        logger: a.logger,
        channel: () => u.preferences.load().channel,
        onState: (state) => emit('onUpdateState', state),
        permission: () => {
          if (!managedMode) return { kind: 'allowed' }
          const policy = managed.autoUpdatePolicy
          if (policy === null) return { kind: 'unknown' }
          return policy ? { kind: 'allowed' } : { kind: 'denied', reason: 'ORGANISATION_POLICY' }
        },
      })
    : null
  disposables.add(
    live.subscribe({
      onStatus: (status) => {
        // A fresh (not resumed) session holds none of the frames sent before it.
        if (status.state === 'live' && !status.resumed) frames.forgetDelivered()
        emit('onSessionStatus', status)
      },
      onTranscript: (delta) => emit('onTranscript', delta),
      onTurnEvent: (event) => emit('onTurnEvent', event),
      onModelContent: (content) => emit('onModelContent', content),
      onToolActivity: (activity) => emit('onToolActivity', activity),
      onAudioOut: (audio) => emit('onAudioOut', audio),
      onUsage: (usage) => emit('onUsage', usage),
      onError: (error) => emit('onError', error),
    }),
  )
  // History is a second subscriber of its own.
  disposables.add(
    live.subscribe({
      onStatus: (status) => recorder.onStatus(status),
      onTranscript: (delta) => recorder.onTranscript(delta),
      onTurnEvent: (event) => recorder.onTurnEvent(event),
      onToolActivity: (activity) => recorder.onToolActivity(activity),
      onUsage: (usage) => recorder.onUsage(usage),
    }),
  )
  for (const notice of history.notices()) state.addNotice(notice)
  assistant = new Assistant({
    live,
    frames,
    privacy: privacy ?? undefined,
    pointer,
    pointAt: pointAt ?? undefined,
    region: region ?? undefined,
    selection: selection ?? undefined,
    follow: follow ?? undefined,
    settings,
    keys,
    managed,
    diagnostics,
    crashReporting: d?.crashReporting,
    updates: updates && u ? { service: updates, preferences: u.preferences } : null,
    screens: a.screens,
    desktop: a.desktop,
    pushToTalk: a.pushToTalk,
    confirmations,
    state,
    emit,
    logger: a.logger,
    appInfo: a.appInfo,
    osLocale: a.osLocale,
    // Retention also runs as each conversation ends, so an app left running for weeks keeps to it.
    onConversationEnded: () => {
      recorder.endConversation()
      void history.applyRetention()
    },
    models: { menu: () => toModelMenu(models.menu), onKeyChanged: refreshModels },
  })
  refreshModels()
  const voices = new VoicePreviewService({
    transport: a.transport,
    cache: a.voiceSamples ?? new MemoryVoiceSampleCache(),
    getKey: () => keys.getKey(),
    currentModelId: () => settings.get().model,
    clock: a.clock,
    logger: a.logger,
  })
  const router = new IpcRouter(createIpcHandlers(assistant, history, voices), a.isTrustedSender, a.logger, () => a.clock.now())
  disposables.add(assistant)
  disposables.add(confirmations)
  disposables.add(history)
  if (privacy) disposables.add({ dispose: () => privacy.stop() })
  if (updates) disposables.add({ dispose: () => updates.stop() })
  return { assistant, state, router, live, keys, managed, diagnostics, updates, settings, frames, history, privacy, voices, models, dispose: () => disposables.dispose() }
}
