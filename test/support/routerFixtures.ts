import { DEFAULT_SETTINGS } from '../../shared/settings'
import { INITIAL_SNAPSHOT } from '../../electron/main/core/state/appState'
import type { IpcHandlers, IpcSender } from '../../electron/main/ipc/ipcRouter'
import type { Logger } from '../../electron/main/core/ports'

/** Our own page, as the router sees it. */
export const OWN_PAGE: IpcSender = { id: 'wc-1', origin: 'app://sightline', isTopFrame: true }

/** Senders that must be refused: another origin, a subframe of ours, an empty origin. */
export const FOREIGN_SENDERS: Record<string, IpcSender> = {
  'another origin': { id: 'wc-2', origin: 'https://evil.example', isTopFrame: true },
  'a subframe of our page': { id: 'wc-1', origin: 'app://sightline', isTopFrame: false },
  'a frame with no origin': { id: 'wc-3', origin: '', isTopFrame: true },
  'a file:// page': { id: 'wc-4', origin: 'file://', isTopFrame: true },
}

export const trustOwnPage = (s: IpcSender) => s.isTopFrame && s.origin === OWN_PAGE.origin

/** A logger that remembers what it was told. */
export function recordingLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields })
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

const status = { state: 'idle' as const, detail: null, resumed: false }
const updateState = { status: 'idle' as const, channel: 'stable' as const, version: null, reason: null }
const managedStatus = { isManaged: false, service: null, source: 'none' as const, lockedModel: null, lockedFields: [], autoUpdate: null }
const keyStatus = { isSet: false, lastFour: null, source: 'none' as const, keychainAvailable: true, keychainTrouble: null }
const done = { done: true as const }

const historyConversation = {
  id: 'c1',
  title: 'How do I restart docker?',
  startedAt: 1_000,
  updatedAt: 2_000,
  exchangeCount: 0,
  modelId: null,
  continuedFrom: null,
  usage: { promptTokens: 0, responseTokens: 0, totalTokens: 0 },
  exchanges: [],
}

/** Handlers that record every call, for router tests. */
export function recordingHandlers(): IpcHandlers & { calls: { method: string; payload: unknown }[] } {
  const calls: { method: string; payload: unknown }[] = []
  const rec = <T>(method: string, value: T) => (payload: unknown) => {
    calls.push({ method, payload })
    return value
  }
  return {
    calls,
    invoke: {
      getAppInfo: rec('getAppInfo', { name: 'Sightline', version: '0.0.0', platform: 'linux', isHarness: true }),
      startSession: rec('startSession', status),
      stopSession: rec('stopSession', done),
      sendText: rec('sendText', done),
      setTalking: rec('setTalking', { isTalking: true, source: 'button' as const, hotkeyNote: null }),
      getSettings: rec('getSettings', DEFAULT_SETTINGS),
      getSnapshot: rec('getSnapshot', INITIAL_SNAPSHOT),
      dismissNotice: rec('dismissNotice', done),
      listModels: rec('listModels', { source: 'built-in' as const, fetchedAt: null, models: [] }),
      updateSettings: rec('updateSettings', DEFAULT_SETTINGS),
      getKeyStatus: rec('getKeyStatus', keyStatus),
      setApiKey: rec('setApiKey', keyStatus),
      removeApiKey: rec('removeApiKey', keyStatus),
      getManagedStatus: rec('getManagedStatus', managedStatus),
      setManaged: rec('setManaged', managedStatus),
      clearManaged: rec('clearManaged', managedStatus),
      saveDiagnostics: rec('saveDiagnostics', { path: null }),
      copyDiagnosticsSummary: rec('copyDiagnosticsSummary', done),
      getCrashReporting: rec('getCrashReporting', { uploadUrl: null }),
      setCrashReporting: rec('setCrashReporting', { uploadUrl: null }),
      getUpdateState: rec('getUpdateState', updateState),
      setUpdateChannel: rec('setUpdateChannel', updateState),
      restartToUpdate: rec('restartToUpdate', done),
      listScreenSources: rec('listScreenSources', []),
      selectScreenSource: rec('selectScreenSource', done),
      setSharing: rec('setSharing', { isSharing: false, source: null, framesSent: 0, framesDropped: 0, pause: null }),
      lookNow: rec('lookNow', done),
      listOpenWindows: rec('listOpenWindows', []),
      selectShareRegion: rec('selectShareRegion', { region: null, note: { code: 'REGION_NOT_CHANGED' } }),
      clearShareRegion: rec('clearShareRegion', done),
      openLink: rec('openLink', done),
      answerToolConfirmation: rec('answerToolConfirmation', done),
      listHistory: rec('listHistory', []),
      searchHistory: rec('searchHistory', []),
      openHistoryConversation: rec('openHistoryConversation', historyConversation),
      deleteHistoryConversation: rec('deleteHistoryConversation', done),
      deleteAllHistory: rec('deleteAllHistory', done),
      exportHistory: rec('exportHistory', { outcome: 'download' as const, fileName: 'sightline-history.md', content: '# History\n' }),
      copyHistoryTranscript: rec('copyHistoryTranscript', done),
      continueHistoryConversation: rec('continueHistoryConversation', status),
      getHistoryStatus: rec('getHistoryStatus', { retention: 'forever' as const, isReadOnly: false, note: null }),
      previewVoice: rec('previewVoice', { ok: false as const, reason: 'NO_KEY' as const, message: 'Add your Gemini API key first.' }),
      setMuted: rec('setMuted', done),
      stopSharing: rec('stopSharing', done),
    },
    send: {
      sendAudioChunk: rec('sendAudioChunk', undefined),
      sendVideoFrame: rec('sendVideoFrame', undefined),
      endAudioStream: rec('endAudioStream', undefined),
      reportPlayback: rec('reportPlayback', undefined),
      hotkeyWindowKeyUp: rec('hotkeyWindowKeyUp', undefined),
      reportAudioLevels: rec('reportAudioLevels', undefined),
    },
  }
}

/** One valid payload per channel, so each can be shown to pass before it is shown to be refused. */
export const VALID_INVOKE_PAYLOADS: Record<string, unknown> = {
  'app:get-info': undefined,
  'session:start': undefined,
  'session:stop': undefined,
  'session:send-text': { text: 'hello' },
  'talk:set': { isTalking: true, source: 'button' },
  'settings:get': undefined,
  'app:snapshot': undefined,
  'app:dismiss-notice': { code: 'SETTINGS_CORRUPT' },
  'models:list': undefined,
  'settings:update': { voice: 'Kore' },
  'key:status': undefined,
  'key:set': { key: 'test-key-1234', keepIn: 'memory' },
  'key:remove': undefined,
  'managed:status': undefined,
  'managed:set': { service: 'https://tokens.example.org', accessCode: 'team-code-alpha-7f3k' },
  'managed:clear': undefined,
  'diagnostics:save': { includeCrashDumps: false },
  'diagnostics:copy-summary': undefined,
  'diagnostics:crash-reporting': undefined,
  'diagnostics:set-crash-reporting': { uploadUrl: 'https://crashes.example.org/submit' },
  'update:state': undefined,
  'update:set-channel': { channel: 'beta' },
  'update:restart': undefined,
  'screen:list-sources': undefined,
  'screen:select-source': { id: 'screen:1:0' },
  'screen:set-sharing': { isSharing: true, source: { kind: 'screen', name: 'Screen 1' } },
  'screen:look-now': undefined,
  'privacy:list-windows': undefined,
  'screen:select-region': undefined,
  'screen:clear-region': undefined,
  'tool:confirm': { requestId: 'r1', allow: true },
  'app:open-link': { url: 'https://example.com/docs' },
  'history:list': undefined,
  'history:search': { query: 'docker "compose file" NEAR(' },
  'history:open': { id: 'c1' },
  'history:delete': { id: 'c1' },
  'history:delete-all': undefined,
  'history:export': { id: 'c1', format: 'markdown' },
  'history:copy': { id: 'c1' },
  'history:continue': { id: 'c1' },
  'history:status': undefined,
  'voice:preview': { voice: 'Kore', locale: 'de-DE' },
  'talk:set-muted': { isMuted: true },
  'screen:stop-sharing': undefined,
}

export const VALID_SEND_PAYLOADS: Record<string, unknown> = {
  'media:audio': new Uint8Array(1280),
  'media:frame': { width: 4, height: 2, data: new Uint8Array(32) },
  'media:audio-end': undefined,
  'media:played': { turnId: 1, playedSamples: 2400 },
  'hotkey:window-key-up': { code: 'Space' },
  'media:levels': { mic: 0.5, output: 0.25 },
}
