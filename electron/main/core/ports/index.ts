/**
 * The engine's only view of the outside world. Each port has one production adapter in
 * `electron/main/platform/` (one technology each) and fakes for tests; `core/` imports nothing
 * else that touches a device, a socket, a native module or Electron (ESLint checks it by path).
 */
export type { ArchiveWriter } from './archiveWriter'
export type { Clock, TimerHandle } from './clock'
export { ConversationRefusedError, type ConversationStore, type StoredConversation } from './conversationStore'
export type { Credential, Credentials } from './credentials'
export type { DesktopActions } from './desktopActions'
export type { EncodeOptions, EncodedFrame, FrameEncoder, RgbaFrame, ValidRgbaFrame } from './frameEncoder'
export type { HistoryExchangeWrite, HistoryOpenNotice, HistorySearchPlan, HistoryStore, HistoryStoreHit } from './historyStore'
export type { LiveConnectRequest, LiveConnection, LiveTransport, LiveTransportCallbacks } from './liveTransport'
export type { Logger } from './logger'
export type { DisplayWatch, PointMarkerOverlay, PointerSource, RegionOutline, RegionPicker } from './pointer'
export type { PowerEvent, PowerSource } from './powerSource'
export type { PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from './pushToTalkSource'
export type { SaveDialog, SaveOutcome, SaveRequest } from './saveDialog'
export type { ScreenSourceProvider } from './screenSourceProvider'
export type { ClipboardSnapshot, CopyKeySender, SelectionClipboard } from './selectionClipboard'
export { SecretStoreUnavailableError, type KeychainTrouble, type SecretStore } from './secretStore'
export type { SettingsRepository } from './settingsRepository'
export type { DesktopDisplay, DesktopSnapshot, DesktopWindow, Point, Rect, WindowSource } from './windowSource'
export type { VoiceSample, VoiceSampleCache } from './voiceSampleCache'
