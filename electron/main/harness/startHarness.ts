import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { composeServices, type MainServices } from '../composeServices'
import type { EmitEvent } from '../core/assistant'
import { SecretStoreUnavailableError, type DesktopActions, type Logger, type SaveDialog, type PointerSource, type ScreenSourceProvider, type SecretStore, type WindowSource } from '../core/ports'
import { systemClock } from '../platform/systemClock'
import { WebSocketIpcServer } from '../ipc/webSocketIpcServer'
import { GenaiLiveTransport } from '../platform/genaiLiveTransport'
import { CONVERSATION_MAC_ACCOUNT, JsonFileConversationStore } from '../platform/jsonFileConversationStore'
import { GenaiModelLister } from '../platform/genaiModelLister'
import { JsonFileModelListCache } from '../platform/jsonFileModelListCache'
import { JsonFileSettingsRepository } from '../platform/jsonFileSettingsRepository'
import { KeytarSecretStore, MANAGED_KEYCHAIN_ACCOUNT } from '../platform/keytarSecretStore'
import { SharpFrameEncoder } from '../platform/sharpFrameEncoder'
import { HISTORY_FILE_NAME, openSqliteHistoryStore } from '../platform/sqliteHistoryStore'
import { fflateArchiveWriter } from '../platform/fflateArchiveWriter'
import { readLastLines } from '../platform/fileLogTail'
import { JsonFilePreference } from '../platform/jsonFilePreference'
import { CRASH_REPORTING_DEFAULT, crashReportingSchema } from '../core/diagnostics/crashReporting'
import { runtimeVersions } from '../platform/runtimeVersions'
import { isSafeExternalUrl } from '../../../shared/safeExternalUrl'
import { startWebHarnessServer, type WebHarnessServer } from './webHarnessServer'
import { StandInWindowSource } from './standInWindowSource'
import { CodedError } from '../../../shared/codedError'
import { WavFileVoiceSampleCache } from '../platform/wavFileVoiceSampleCache'

export interface HarnessOptions {
  /** Where settings live for this harness (never the app's own folder). */
  userDataDir: string
  /** The Live endpoint; defaults to the SDK's own (GOOGLE_GEMINI_BASE_URL, else Google). */
  baseUrl?: string
  /** `keychain` uses the OS keychain like the app; `memory` keeps the key in this process only, and says so. */
  secrets?: 'keychain' | 'memory'
  env?: Readonly<Record<string, string | undefined>>
  port?: number
  token?: string
  logger: Logger
  outDir?: string
  /** The log file the logger writes, if any: "Save diagnostics…" takes its last lines from it. */
  logFile?: string
  /** The privacy gate's window list; a {@link StandInWindowSource} with nothing in front by default. */
  windowSource?: WindowSource
  /** The pointer for the ring in frames (e2e: the page's own pointer on a stand-in screen); without it, no ring. */
  pointerSource?: PointerSource
}

export interface Harness extends WebHarnessServer {
  services: MainServices
  bridge: WebSocketIpcServer
}

/** The harness's default: no keychain at all, so the page offers (and tells the truth about) "this run only". */
const noKeychain: SecretStore = {
  getKey: () => Promise.reject(new SecretStoreUnavailableError('The browser harness does not use the keychain; a key is kept for this run only.')),
  setKey: () => Promise.reject(new SecretStoreUnavailableError('The browser harness does not use the keychain; a key is kept for this run only.')),
  deleteKey: () => Promise.resolve(),
}

/** Without the keychain, a managed setup entered in the page is kept in this process until it exits. */
function forThisRun(): SecretStore {
  let value: string | null = null
  return {
    getKey: async () => value,
    setKey: async (next) => void (value = next),
    deleteKey: async () => void (value = null),
  }
}

/** The harness has no save dialog: files go into this folder, and the path is shown. */
function saveInto(folder: string): SaveDialog {
  return {
    async save({ defaultName, content }) {
      await mkdir(folder, { recursive: true })
      const path = join(folder, defaultName)
      await writeFile(path, content, { mode: 0o600 })
      return { outcome: 'saved', path }
    },
  }
}

const browserPicksScreens: ScreenSourceProvider = {
  async list() {
    return []
  },
  select() {
    throw new CodedError('NOT_IN_HARNESS', "In the browser harness, Share screen uses the browser's own picker.")
  },
}

/** The harness has no OS browser or clipboard of its own: it says what it would do instead. */
function harnessDesktop(logger: Logger): DesktopActions {
  return {
    async openInBrowser(url) {
      if (!isSafeExternalUrl(url)) throw new CodedError('UNSAFE_URL', 'Only https links can be opened.')
      logger.info('harness: would open in the browser', { url })
    },
    async writeClipboard(text) {
      logger.info('harness: would copy to the clipboard', { characters: text.length })
    },
  }
}

/**
 * The browser harness's composition root: the real main-side router and engine in Node, served
 * to a browser through the WebSocket bridge. Used by `npm run dev:web` and the e2e suite.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const outDir = options.outDir ?? join(import.meta.dirname, '../../../out')
  const env = options.env ?? process.env
  let bridge: WebSocketIpcServer | null = null
  const emit: EmitEvent = (method, payload) => bridge?.emit(method, payload)
  const secretStore: SecretStore = options.secrets === 'keychain' ? new KeytarSecretStore() : noKeychain
  let origin = ''
  const history = openSqliteHistoryStore({ path: join(options.userDataDir, HISTORY_FILE_NAME), logger: options.logger })
  const services = await composeServices({
    transport: new GenaiLiveTransport({ baseUrl: options.baseUrl ?? env.GOOGLE_GEMINI_BASE_URL, logger: options.logger }),
    secretStore,
    managedSecretStore: options.secrets === 'keychain' ? new KeytarSecretStore({ account: MANAGED_KEYCHAIN_ACCOUNT }) : forThisRun(),
    diagnostics: {
      archive: fflateArchiveWriter,
      // The harness has no save dialog: the zip goes into its own folder, and the path is shown.
      saver: saveInto(join(options.userDataDir, 'diagnostics')),
      logLines: async (count) => (options.logFile ? readLastLines(options.logFile, count) : []),
      crashDumps: async () => [],
      versions: runtimeVersions(process.env.npm_package_version ?? '0.0.0'),
      crashReporting: new JsonFilePreference(options.userDataDir, 'crash-reporting.json', crashReportingSchema, CRASH_REPORTING_DEFAULT),
    },
    settingsRepository: new JsonFileSettingsRepository({ directory: options.userDataDir }),
    conversationStore: new JsonFileConversationStore({
      directory: options.userDataDir,
      macSecret: options.secrets === 'keychain' ? new KeytarSecretStore({ account: CONVERSATION_MAC_ACCOUNT }) : forThisRun(),
      logger: options.logger,
    }),
    modelLister: new GenaiModelLister({ baseUrl: options.baseUrl ?? env.GOOGLE_GEMINI_BASE_URL }),
    modelListCache: new JsonFileModelListCache(options.userDataDir),
    // No save dialog: exports come back to the page, which downloads them.
    historyStore: history.store,
    historyOpenError: history.error,
    voiceSamples: new WavFileVoiceSampleCache({ folder: join(options.userDataDir, 'voice-previews'), logger: options.logger }),
    frameEncoder: new SharpFrameEncoder(),
    pointerSource: options.pointerSource,
    desktop: harnessDesktop(options.logger),
    screens: browserPicksScreens,
    windowSource: options.windowSource ?? new StandInWindowSource(),
    clock: systemClock,
    logger: options.logger,
    env,
    appInfo: { name: 'Sightline', version: process.env.npm_package_version ?? '0.0.0', platform: process.platform, isHarness: true },
    emit,
    isTrustedSender: (sender) => sender.isTopFrame && origin !== '' && sender.origin === origin,
  })
  bridge = new WebSocketIpcServer(services.router, options.logger)
  const server = await startWebHarnessServer({
    rendererDir: join(outDir, 'renderer'),
    bridgeScriptFile: join(outDir, 'harness/bridge.js'),
    bridge,
    port: options.port,
    token: options.token,
  })
  origin = server.origin
  return {
    ...server,
    services,
    bridge,
    async close() {
      await services.live.stop().catch(() => undefined)
      await services.history.flush().catch(() => undefined)
      services.history.close()
      services.dispose()
      await server.close()
    },
  }
}
