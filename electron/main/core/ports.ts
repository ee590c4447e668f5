/**
 * The engine's only view of the outside world. Each port has one production adapter in
 * `electron/main/platform/` (one technology each) and fakes for tests; `core/` imports nothing
 * else that touches a device, a socket, a native module or Electron.
 */
import type { HistoryConversation, HistoryConversationSummary, HistoryExchange } from '../../../shared/history'
import type { LiveConfig, LiveServerMessage, RealtimeInput, ClientContent, FunctionResponse } from './live/liveTypes'

/** Structured logging; implementations redact secrets and URLs with query strings. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** What a Live connection needs: the key stays inside the transport and never reaches an event. */
export interface LiveConnectRequest {
  apiKey: string
  model: string
  /** `v1alpha` when affective dialog or proactive audio is on, otherwise `v1beta`. */
  apiVersion: 'v1alpha' | 'v1beta'
  config: LiveConfig
}

export interface LiveTransportCallbacks {
  onMessage(message: LiveServerMessage): void
  onClose(code: number, reason: string): void
  onError(message: string): void
}

/** One open Live connection. Sends after close are dropped by the transport, never thrown. */
export interface LiveConnection {
  sendRealtimeInput(input: RealtimeInput): void
  sendClientContent(content: ClientContent): void
  sendToolResponse(responses: FunctionResponse[]): void
  close(): void
  /**
   * Checks the socket end to end (a WebSocket ping answered by a pong) and resolves false when no
   * answer came within `timeoutMs`: after sleep or a network change a socket can still claim to
   * be open. Optional: without it the engine treats a connection older than the wake as dead.
   */
  isAlive?(timeoutMs: number): Promise<boolean>
}

/**
 * What the engine connects with: the user's API key, or (managed mode) a single-use ephemeral
 * token from the organisation's token service, which needs `apiVersion` v1alpha
 * (live-protocol.md §1.1, §7.3).
 */
export interface Credential {
  kind: 'apiKey' | 'token'
  value: string
  apiVersion?: 'v1alpha'
}

/** Where the engine gets its credential (core/credentials). */
export interface Credentials {
  /**
   * The credential for the next connect: the API key, the same each call, or a fresh token.
   * Resolves null when none is set up; rejects with a `CredentialsError` when a token cannot be had.
   */
  forConnect(): Promise<Credential | null>
  /** The token service's address in managed mode, for error messages; null otherwise. */
  serviceName?(): Promise<string | null>
}

/** Opens Live connections; `connect` settles once the server said `setupComplete`, or rejects. */
export interface LiveTransport {
  connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection>
}

/** Packs files into one archive (a zip in production: platform/fflateArchiveWriter.ts). */
export interface ArchiveWriter {
  zip(entries: readonly { name: string; data: string | Uint8Array }[]): Promise<Uint8Array>
}

/** Asks the user where a file goes and writes it; resolves with the path, or null when they cancelled. */
export interface FileSaver {
  saveAs(defaultName: string, bytes: Uint8Array): Promise<string | null>
}

/** The conversation as kept between app runs: enough to resume it, and never the key. */
export interface StoredConversation {
  /** The model the handle belongs to (a resumed session cannot change the model). */
  modelId: string
  /** The newest handle the server marked resumable, or null when there was none yet. */
  handle: string | null
  /** When the conversation was last known to be connected (ms since the epoch); the handle's lifetime counts from here. */
  lastConnectedAt: number
  /** What was said, oldest first, bounded by the engine. */
  transcript: { role: 'user' | 'model'; text: string }[]
}

/** Where the current conversation is kept across an app restart (a JSON file in production). */
export interface ConversationStore {
  /** Resolves null when nothing usable is stored (missing or unreadable). */
  load(): Promise<StoredConversation | null>
  save(conversation: StoredConversation): Promise<void>
  clear(): Promise<void>
}

/** Where the API key lives (the OS keychain in production). */
export interface SecretStore {
  /** Resolves null when no key is stored; rejects with a {@link SecretStoreUnavailableError} when the store cannot be reached. */
  getKey(): Promise<string | null>
  setKey(key: string): Promise<void>
  deleteKey(): Promise<void>
}

/**
 * Why a keychain could not be used: `absent` (no keychain on this computer, or none this build
 * can reach: nothing can be stored there either), `locked` (it exists but is locked, e.g.
 * "Cannot unlock collection"), `refused` (the user or the system refused access, e.g. "The user
 * dismissed the prompt"), `failed` (anything else).
 */
export type KeychainTrouble = 'absent' | 'locked' | 'refused' | 'failed'

/** Raised by a SecretStore when the keychain itself is missing, locked or refused. */
export class SecretStoreUnavailableError extends Error {
  readonly code = 'KEYCHAIN_UNAVAILABLE'
  readonly trouble: KeychainTrouble
  constructor(message: string, options?: { cause?: unknown; trouble?: KeychainTrouble }) {
    super(message, options)
    this.name = 'SecretStoreUnavailableError'
    this.trouble = options?.trouble ?? 'absent'
  }
}

export interface RgbaFrame {
  width: number
  height: number
  data: Uint8Array
}

export interface EncodedFrame {
  jpeg: Uint8Array
  width: number
  height: number
}

/**
 * How to encode one frame. `crop` (frame pixels, inside the frame) is cut out before the resize,
 * so a region keeps its own resolution; `ring` (frame pixels of the uncropped frame) is where the
 * pointer ring is drawn after the resize, so it has the same size in every frame sent.
 */
export interface EncodeOptions {
  longSide: number
  quality: number
  crop?: Rect
  ring?: Point
}

/** Resizes and encodes screen frames off the event loop (sharp in production). */
export interface FrameEncoder {
  /** Crops to `crop`, fits into `longSide` (never upscaling), draws the pointer ring at `ring` and encodes JPEG at `quality`. */
  encode(frame: RgbaFrame, options: EncodeOptions): Promise<EncodedFrame>
  /** A small grayscale thumbnail (`size`×`size`, one byte a pixel) of the frame, or of `crop` (frame pixels) in it, for change detection. */
  thumbnail(frame: RgbaFrame, size: number, crop?: Rect): Promise<Uint8Array>
  /**
   * The frame with each region (frame pixels, inside the frame) blurred beyond reading. Optional:
   * without it the privacy gate fills those regions instead, so nothing goes out unblurred.
   */
  blurRegions?(frame: RgbaFrame, regions: readonly Rect[]): Promise<RgbaFrame>
}

/** A rectangle: desktop coordinates in device-independent pixels (negative left of or above the primary display), or frame pixels where said. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** A point: desktop coordinates in device-independent pixels, or frame pixels where said. */
export interface Point {
  x: number
  y: number
}

/** Where the mouse pointer is (Electron's `screen.getCursorScreenPoint()`: desktop DIP, negative left of or above the primary display). */
export interface PointerSource {
  cursorScreenPoint(): Point
}

/**
 * Shows where the assistant points (issue 15 `point_at`): a marker and a short label over `point`
 * (desktop DIP) on `display`, for `durationMs`, in a click-through, content-protected,
 * always-on-top overlay. Never clicks, never takes focus.
 */
export interface PointMarkerOverlay {
  showMarker(marker: { display: DesktopDisplay; point: Point; label: string; durationMs: number }): void
}

/**
 * "Share a region": a transparent overlay on `display` where the user drags a rectangle. Resolves
 * the rectangle (desktop DIP, global coordinates), or null when the user pressed Esc.
 */
export interface RegionPicker {
  pick(display: DesktopDisplay): Promise<Rect | null>
}

/** The click-through outline around the shared region (desktop DIP) while sharing; `hide` when it ends. */
export interface RegionOutline {
  show(display: DesktopDisplay, region: Rect): void
  hide(): void
}

/** Tells when displays are added, removed or change size or scale, with the displays as they are now. */
export interface DisplayWatch {
  onChange(listener: (displays: DesktopDisplay[]) => void): () => void
}

/** What the clipboard held, opaque to core: put back with {@link SelectionClipboard.restore}. */
export type ClipboardSnapshot = { readonly kind: 'clipboard-snapshot' }

/** The clipboard as "Ask about the selection" uses it (Electron's `clipboard` in the app). */
export interface SelectionClipboard {
  /** Everything it holds now, every format. */
  snapshot(): Promise<ClipboardSnapshot>
  restore(snapshot: ClipboardSnapshot): Promise<void>
  clear(): void
  /** The plain text on it, '' when there is none. */
  readText(): Promise<string>
  /** True when it holds something that is not text (an image, files). */
  hasNonText(): Promise<boolean>
}

/**
 * Sends the platform's copy keystroke (Ctrl+C, Cmd+C on macOS) to the app in front, through the
 * key-hook library. `canSend` is false where synthetic keystrokes are not allowed (Wayland, no
 * accessibility permission): the user copies first.
 */
export interface CopyKeySender {
  readonly canSend: boolean
  sendCopy(): void
}

/** One window on the desktop, as the window list reports it (bounds in device-independent pixels). */
export interface DesktopWindow {
  /** The native id desktopCapturer uses in `window:<id>:0` (HWND, CGWindowID, X11 window). */
  id: string
  appName: string
  title: string
  bounds: Rect
}

/** One display (Electron's `screen`): `id` is desktopCapturer's `display_id`. */
export interface DesktopDisplay {
  id: string
  bounds: Rect
  scaleFactor: number
}

/** What is on the desktop now, read in one go. */
export interface DesktopSnapshot {
  /** Every visible window, in any order (our own may be among them). */
  windows: DesktopWindow[]
  /** The window in front (keyboard focus), null when none is (the desktop itself). */
  frontmostId: string | null
  displays: DesktopDisplay[]
  /** Sightline's own visible windows (main, mini, overlays). */
  ownWindows: Rect[]
}

/**
 * The desktop's windows, for the privacy gate. Rejects when the list cannot be read (no
 * permission, no window manager, Wayland without the extension): the gate then pauses sharing.
 */
export interface WindowSource {
  snapshot(): Promise<DesktopSnapshot>
}

export interface PushToTalkHandlers {
  onPress(): void
  onRelease(): void
}

/** How the hotkey ended up working on this machine, and why when it is not hold-to-talk. */
export interface PushToTalkBinding {
  mode: 'hold' | 'toggle'
  note: string | null
  dispose(): void
}

/** The global hotkey: hold-to-talk where a keyboard hook is available, press-to-toggle otherwise. */
export interface PushToTalkSource {
  bind(accelerator: string, handlers: PushToTalkHandlers): PushToTalkBinding
  /**
   * Forgets which keys are held, releasing a chord that was down. Called on lock, unlock,
   * suspend and resume, whose key-ups never reach a global hook (the Windows lock screen eats
   * Win+L's), so a stale "held" key would block every later press.
   */
  resetHeldKeys(): void
  /**
   * A key-up seen by Sightline's own focused window (`KeyboardEvent.code`). On Windows a global
   * hook hears nothing while our window has focus once getUserMedia ran (a long-standing uiohook
   * report), so a hold started there must end on the window's key-up. Never releases twice.
   */
  windowKeyUp(code: string): void
}

/** `user-active`: a sign of a person at the machine (one of our windows was focused). */
export type PowerEvent = 'suspend' | 'resume' | 'lock' | 'unlock' | 'online' | 'offline' | 'user-active'

/** Sleep, wake, screen lock, network reachability, and signs the user is at the machine. */
export interface PowerSource {
  on(event: PowerEvent, listener: () => void): () => void
  isOnline(): boolean
}

export interface TimerHandle {
  readonly id: unknown
}

/** Time, injectable so reconnect backoff, GoAway deadlines and soak runs can be driven by hand. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** Desktop actions the local tools may take, each only after the user agreed. */
export interface DesktopActions {
  openInBrowser(url: string): Promise<void>
  writeClipboard(text: string): Promise<void>
}

/** One exchange to keep, with the conversation it belongs to (created on its first exchange). */
export interface HistoryExchangeWrite {
  conversation: { id: string; startedAt: number; continuedFrom: string | null }
  exchange: HistoryExchange
}

/**
 * A search as the store runs it (built by core/history/searchQuery.ts): `match` is a complete,
 * safe FTS5 expression or null; every `contains` string must appear too (strings too short for
 * the trigram index, matched with LIKE).
 */
export interface HistorySearchPlan {
  match: string | null
  contains: string[]
  limit: number
}

/** A search hit before snippets: the whole exchange's text, for core to cut and highlight. */
export interface HistoryStoreHit {
  conversation: HistoryConversationSummary
  exchange: HistoryExchange
}

/** What opening the database found, for the user to hear once. */
export interface HistoryOpenNotice {
  kind: 'recovered-corrupt' | 'read-only-newer'
  /** Where the unreadable file was moved (`history.db.corrupt-<time>`). */
  backupPath: string | null
}

/** The local conversation history (SQLite through node:sqlite in production). Methods reject on I/O failure. */
export interface HistoryStore {
  /** True when the database came from a newer app version: reads work, writes reject. */
  readonly isReadOnly: boolean
  /** What opening found (corruption recovered, read-only); told to the user once. */
  readonly notices: readonly HistoryOpenNotice[]
  /** Keeps these exchanges in one transaction (upserts by conversation and seq). */
  saveExchanges(writes: readonly HistoryExchangeWrite[]): Promise<void>
  /** Conversations, most recently active first. */
  listConversations(limit: number): Promise<HistoryConversationSummary[]>
  getConversation(id: string): Promise<HistoryConversation | null>
  search(plan: HistorySearchPlan): Promise<HistoryStoreHit[]>
  deleteConversation(id: string): Promise<void>
  deleteAll(): Promise<void>
  /** Deletes exchanges that ended before `cutoff` (ms since the epoch) and conversations left empty; resolves the exchanges deleted. */
  deleteEndedBefore(cutoff: number): Promise<number>
  /** A small key/value note inside the database (one-time migrations). */
  getMeta(key: string): Promise<string | null>
  setMeta(key: string, value: string): Promise<void>
  close(): void
}

/** Where an export went: a file the user chose, nowhere (cancelled), or back to the page to download (browser harness). */
export type SaveOutcome = 'saved' | 'cancelled' | 'download'

/** Saves a text file where the user says (a save dialog in the app). */
export interface SaveDialog {
  saveText(request: { defaultName: string; content: string; filter: { name: string; extensions: string[] } }): Promise<SaveOutcome>
}
