import { join } from 'node:path'
import { app, session } from 'electron'
import { composeServices } from './composeServices'
import { bindPowerEvents } from './core/bindPowerEvents'
import { DisposableStore, toDisposable } from './core/lifecycle'
import { bindIpcRouter, createElectronEventSink } from './ipc/electronIpcBinding'
import { electronDesktopActions } from './platform/electronDesktopActions'
import { ElectronPowerSource } from './platform/electronPowerSource'
import { createElectronScreenSources } from './platform/electronScreenSources'
import { createElectronPointerSource } from './platform/electronPointerSource'
import { createElectronWindowSource } from './platform/electronWindowSource'
import { GenaiLiveTransport } from './platform/genaiLiveTransport'
import { CONVERSATION_MAC_ACCOUNT, JsonFileConversationStore } from './platform/jsonFileConversationStore'
import { GenaiModelLister } from './platform/genaiModelLister'
import { JsonFileModelListCache } from './platform/jsonFileModelListCache'
import { JsonFileSettingsRepository } from './platform/jsonFileSettingsRepository'
import { KeytarSecretStore, MANAGED_KEYCHAIN_ACCOUNT } from './platform/keytarSecretStore'
import { createPinoLogger } from './platform/pinoLogger'
import { readCrashDumps } from './platform/crashDumpFolder'
import { startCrashReporter } from './platform/electronCrashReporter'
import { fflateArchiveWriter } from './platform/fflateArchiveWriter'
import { readLastLines } from './platform/fileLogTail'
import { JsonFilePreference } from './platform/jsonFilePreference'
import { CRASH_REPORTING_DEFAULT, crashReportingSchema } from './core/diagnostics/crashReporting'
import { UPDATE_PREFERENCES_DEFAULT, updatePreferencesSchema } from './core/update/updatePreferences'
import { ElectronAppUpdater } from './platform/electronAppUpdater'
import electronUpdater from 'electron-updater'
import { runtimeVersions } from './platform/runtimeVersions'
import { createPushToTalk } from './platform/pushToTalkWithFallback'
import { checkKeyboardHookInElectron } from './platform/electronKeyboardHookCheck'
import { SharpFrameEncoder } from './platform/sharpFrameEncoder'
import { electronSaveDialog } from './platform/electronSaveDialog'
import { HISTORY_FILE_NAME, openSqliteHistoryStore } from './platform/sqliteHistoryStore'
import { bindHeldKeyReset } from './core/bindHeldKeyReset'
import { systemClock } from './platform/systemClock'
import { setUpTrayAndShortcuts } from './trayAndShortcuts'
import { AppWindows } from './windows/appWindows'
import { CallBarWindow, isCallBarPage } from './windows/callBarWindow'
import { CALL_BAR_EVENTS } from '../../shared/callBarEvents'
import { CALL_BAR_POSITIONS_DEFAULT, callBarPositionsFileSchema } from './core/callBar/callBarPositionsFile'
import { registerAppScheme, serveRenderer } from './windows/appProtocol'
import { APP_ORIGIN, isOwnTopFrame, isNavigationAllowed } from './windows/securityPolicy'
import { guardContents, guardSession } from './windows/windowGuards'
import { isOverlayPage } from './windows/overlayPages'
import { uiLocaleOf, type UiLocale } from '../../shared/i18n/catalogue'
import { PointOverlayWindows } from './windows/pointOverlayWindows'
import { RegionPickerWindow } from './windows/regionPickerWindow'
import { createElectronDisplayWatch } from './platform/electronDisplayWatch'
import { createElectronSelectionClipboard } from './platform/electronSelectionClipboard'
import { createUiohookCopyKeySender } from './platform/uiohookCopyKeySender'
import { WavFileVoiceSampleCache } from './platform/wavFileVoiceSampleCache'

/** How long quitting waits for the conversation to be saved. */
const QUIT_SAVE_TIMEOUT_MS = 2_000

// Composition root: build the adapters, hand them to the engine, open the windows. Nothing else.
registerAppScheme()
if (!app.requestSingleInstanceLock()) app.quit()
// First, so a crash anywhere after this leaves a minidump; upload only if the user set an address.
const crashReporting = new JsonFilePreference(app.getPath('userData'), 'crash-reporting.json', crashReportingSchema, CRASH_REPORTING_DEFAULT)
startCrashReporter(crashReporting.load())

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]
const windows = new AppWindows(join(import.meta.dirname, '../preload/index.cjs'), devServerUrl)
// The overlays' UI language: the setting once settings are loaded (below), the OS's until then.
let overlayLocale: () => UiLocale = () => uiLocaleOf('system', app.getLocale())
const pointOverlays = new PointOverlayWindows(
  join(import.meta.dirname, '../preload/overlay.cjs'),
  devServerUrl ? new URL('overlay/index.html', devServerUrl).href : undefined,
  () => overlayLocale(),
)
const regionPicker = new RegionPickerWindow(
  join(import.meta.dirname, '../preload/region.cjs'),
  devServerUrl ? new URL('overlay/region.html', devServerUrl).href : undefined,
  () => overlayLocale(),
)
const resources = app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources')
/** Everything the app binds, listens to or starts; disposed once, when quitting. */
const disposables = new DisposableStore()

app.on('second-instance', () => windows.showMain())
// macOS: clicking the Dock icon brings back the hidden main window.
app.on('activate', () => {
  if (app.isReady()) windows.showMain()
})
app.on('web-contents-created', (_event, contents) => guardContents(contents, trustedOrigins))
app.on('window-all-closed', () => {
  // A tray app keeps running with no window open; Quit is in the tray menu (and Cmd+Q on macOS).
})

void app.whenReady().then(async () => {
  // Runs while the rest starts up; the hotkey needs the answer before it binds.
  const hookProblem = checkKeyboardHookInElectron()
  serveRenderer(join(import.meta.dirname, '../renderer'))
  guardSession(session.defaultSession, trustedOrigins)
  // The logger redacts the key in use; it exists before the key service, so it asks through this.
  let knownSecrets: () => readonly string[] = () => []
  const logFile = join(app.getPath('logs'), 'sightline.log')
  const logger = createPinoLogger({ file: logFile, knownSecrets: () => knownSecrets() })
  // The overlays (renderer/overlay/) are our pages too, but get only what they show, from their own windows.
  // The call bar gets only what it shows: not the answer's audio or transcript, which every other window gets.
  const emit = createElectronEventSink(
    (url, method) => isNavigationAllowed(url, trustedOrigins) && !isOverlayPage(url) && (!isCallBarPage(url) || CALL_BAR_EVENTS.has(method)),
  )
  const hookCheck = await hookProblem
  const pushToTalk = createPushToTalk(hookCheck, logger)
  const screens = createElectronScreenSources(session.defaultSession, trustedOrigins)
  const history = openSqliteHistoryStore({ path: join(app.getPath('userData'), HISTORY_FILE_NAME), logger })
  const services = disposables.add(
    await composeServices({
      transport: new GenaiLiveTransport({ logger }),
      secretStore: new KeytarSecretStore(),
      managedSecretStore: new KeytarSecretStore({ account: MANAGED_KEYCHAIN_ACCOUNT }),
      // Only a packaged app has an update feed (app-update.yml) and something to replace.
      ...(app.isPackaged && {
        updates: {
          updater: new ElectronAppUpdater(electronUpdater.autoUpdater, logger),
          preferences: new JsonFilePreference(app.getPath('userData'), 'update.json', updatePreferencesSchema, UPDATE_PREFERENCES_DEFAULT),
        },
      }),
      diagnostics: {
        archive: fflateArchiveWriter,
        saver: electronSaveDialog,
        logLines: (count) => readLastLines(logFile, count),
        crashDumps: () => readCrashDumps(app.getPath('crashDumps')),
        versions: runtimeVersions(app.getVersion()),
        crashReporting,
      },
      settingsRepository: new JsonFileSettingsRepository({ directory: app.getPath('userData') }),
      conversationStore: new JsonFileConversationStore({
        directory: app.getPath('userData'),
        macSecret: new KeytarSecretStore({ account: CONVERSATION_MAC_ACCOUNT }),
        logger,
      }),
      modelLister: new GenaiModelLister(),
      modelListCache: new JsonFileModelListCache(app.getPath('userData')),
      historyStore: history.store,
      historyOpenError: history.error,
      voiceSamples: new WavFileVoiceSampleCache({ folder: join(app.getPath('userData'), 'voice-previews'), logger }),
      saveDialog: electronSaveDialog,
      frameEncoder: new SharpFrameEncoder(),
      desktop: electronDesktopActions,
      screens,
      windowSource: createElectronWindowSource(),
      pointerSource: createElectronPointerSource(),
      pointOverlay: pointOverlays,
      regionPicker,
      regionOutline: pointOverlays,
      displayWatch: createElectronDisplayWatch(),
      selectionClipboard: createElectronSelectionClipboard(),
      copyKeys: createUiohookCopyKeySender(hookCheck),
      pushToTalk,
      clock: systemClock,
      logger,
      env: process.env,
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, isHarness: false, systemScreenPicker: screens.usesSystemPicker },
      osLocale: app.getLocale(),
      emit,
      isTrustedSender: (sender) => isOwnTopFrame(sender, trustedOrigins),
    }),
  )
  const { assistant, router, live, keys, managed, settings, state, updates, history: historyService } = services
  knownSecrets = () => [...keys.knownSecrets(), ...managed.knownSecrets()]
  overlayLocale = () => uiLocaleOf(settings.get().uiLanguage, app.getLocale())
  disposables.add(toDisposable(bindIpcRouter(router)))
  const power = disposables.add(new ElectronPowerSource())
  disposables.add(bindPowerEvents(power, assistant, logger, { clock: systemClock }))
  disposables.add(bindHeldKeyReset(power, pushToTalk, logger))
  app.setLoginItemSettings({ openAtLogin: settings.get().startAtLogin })
  disposables.add(
    settings.onChange((next, previous) => {
      if (next.startAtLogin !== previous.startAtLogin) app.setLoginItemSettings({ openAtLogin: next.startAtLogin })
    }),
  )

  const callBarPositions = new JsonFilePreference(app.getPath('userData'), 'call-bar.json', callBarPositionsFileSchema, CALL_BAR_POSITIONS_DEFAULT)
  const callBar = disposables.add(new CallBarWindow(join(import.meta.dirname, '../preload/index.cjs'), windows.pageUrl, callBarPositions, logger))
  disposables.add(
    setUpTrayAndShortcuts({
      assistant,
      state,
      settings,
      windows,
      callBar,
      resourcesDir: resources,
      osLocale: app.getLocale(),
      logger,
      openSettings: () => {
        windows.showMain()
        emit('onUiCommand', { command: 'openSettings' })
      },
      openHistory: () => {
        windows.showMain()
        emit('onUiCommand', { command: 'openHistory' })
      },
      quit: () => app.quit(),
    }),
  )
  windows.showMain()
  updates?.start()
  // Quit waits (briefly) for the conversation to be saved, so a restart resumes from the last state.
  let isQuitting = false
  app.on('before-quit', (event) => {
    windows.allowClose()
    if (isQuitting) return
    isQuitting = true
    event.preventDefault()
    pointOverlays.closeAll()
    const saved = live
      .shutdown()
      .then(() => historyService.flush())
      .catch((error: unknown) => logger.warn('shutdown failed', { error }))
      .finally(() => historyService.close())
    const timeout = new Promise((resolve) => setTimeout(resolve, QUIT_SAVE_TIMEOUT_MS).unref())
    void Promise.race([saved, timeout]).finally(() => {
      disposables.dispose()
      app.quit()
    })
  })
})
