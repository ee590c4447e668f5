import { z } from 'zod'
import { CREDENTIAL_CHARACTERS, CREDENTIAL_MAX_LENGTH, CREDENTIAL_MIN_LENGTH } from './credentialShape'
import { MAX_AUDIO_CHUNK_BYTES, MAX_FRAME_PIXELS, MAX_TEXT_CHARS } from './limits'
import { settingsPatchSchema, settingsSchema } from './settings'
import { openWindowSchema } from './privacySettings'
import {
  historyConversationSchema,
  historyDaySchema,
  historyExportRequestSchema,
  historyExportResultSchema,
  historySearchHitSchema,
  historyStatusSchema,
} from './history'
import { voicePreviewRequestSchema, voicePreviewResultSchema } from './voicePreview'
import { errorParamsSchema, noticeSchema } from './notice'
import { sharePauseSchema } from './sharePause'

export { MAX_AUDIO_CHUNK_BYTES, MAX_FRAME_PIXELS, MAX_TEXT_CHARS }

/**
 * The one description of every message between the renderer and main.
 *
 * - `invoke`: renderer → main, answered with an {@link IpcResult}.
 * - `send`: renderer → main, fire and forget (media and playback reports).
 * - `events`: main → renderer.
 *
 * Keys are the intention-named methods the bridge exposes; `channel` is the wire name.
 * The preload bridge, the main-side router and the WebSocket test bridge are all built from this.
 */

/** An error as data: what crosses IPC instead of a thrown exception. */
export const ipcErrorSchema = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
export type IpcError = z.infer<typeof ipcErrorSchema>
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

const noPayload = z.undefined()
const ack = z.object({ done: z.literal(true) })
const historyId = z.object({ id: z.string().min(1).max(100) }).strict()


const bytes = z.instanceof(Uint8Array)

export const sessionStateSchema = z.enum(['idle', 'connecting', 'live', 'reconnecting', 'closing', 'error'])
export type SessionState = z.infer<typeof sessionStateSchema>

/**
 * Why the keychain cannot be used: `absent` (no keychain on this computer, or none this build can
 * reach), `locked` ("Cannot unlock collection"), `refused` ("The user dismissed the prompt"),
 * `failed` (anything else), `unloadable` (the keychain module would not load). Worded from the
 * catalogue's `errors.keychainTrouble.<trouble>`.
 */
export const KEYCHAIN_TROUBLES = ['absent', 'locked', 'refused', 'failed', 'unloadable'] as const
export type KeychainTrouble = (typeof KEYCHAIN_TROUBLES)[number]

export const keyStatusSchema = z.object({
  isSet: z.boolean(),
  /** Only the last four characters ever leave main. */
  lastFour: z.string().max(4).nullable(),
  source: z.enum(['environment', 'keychain', 'memory', 'none']),
  keychainAvailable: z.boolean(),
  /** Why the keychain is not available (worded at the edge); null when it is. */
  keychainTrouble: z.enum(KEYCHAIN_TROUBLES).nullable(),
})
export type KeyStatus = z.infer<typeof keyStatusSchema>

/** Managed mode (an organisation's token service instead of a key); never carries the access code. */
export const managedStatusSchema = z.object({
  isManaged: z.boolean(),
  /** The token service's address. */
  service: z.string().nullable(),
  source: z.enum(['environment', 'keychain', 'none']),
  /** The model the organisation locked, once a token said so. */
  lockedModel: z.string().nullable(),
  /** Live config fields the organisation fixed (LiveConnectConfig names, plus `model`). */
  lockedFields: z.array(z.string()),
  /** The organisation's update policy; null until a token said. */
  autoUpdate: z.boolean().nullable(),
})
export type ManagedStatus = z.infer<typeof managedStatusSchema>

/** Automatic updates: `ready` means downloaded and verified, so "Restart to update" is offered. */
export const updateStateSchema = z.object({
  status: z.enum(['off', 'idle', 'checking', 'downloading', 'ready']),
  channel: z.enum(['stable', 'beta']),
  version: z.string().nullable(),
  /** Why updates are off, as a code the page words (`settings.updates.offReason.<code>`); null when no one turned them off. */
  reason: z.enum(['ORGANISATION_POLICY', 'BUILD_DOES_NOT_UPDATE']).nullable(),
})
export type UpdateStatePayload = z.infer<typeof updateStateSchema>

/** What a crash report upload address must look like; the page checks it first and words the refusal (notices.CRASH_URL_NOT_HTTPS). */
export const CRASH_UPLOAD_URL_PATTERN = /^https:\/\/[^\s]+$/

export const crashReportingChoiceSchema = z.object({
  // The message is for the log: the page refuses such an address itself, in the UI language.
  uploadUrl: z.string().max(2_048).regex(CRASH_UPLOAD_URL_PATTERN, 'the crash report address must start with https://').nullable(),
})

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** True when running in the browser harness instead of Electron. */
  isHarness: z.boolean(),
  /** True when the OS's own picker chooses what to share (Wayland's portal), so Sightline's picker is skipped. */
  systemScreenPicker: z.boolean().optional(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const screenSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['screen', 'window']),
  thumbnail: z.string().nullable(),
})
export type ScreenSource = z.infer<typeof screenSourceSchema>

export const transcriptDeltaSchema = z.object({
  turnId: z.number().int(),
  role: z.enum(['user', 'model']),
  /** input/output: speech transcription; text: model text; thought: thought summary. */
  kind: z.enum(['input', 'output', 'text', 'thought']),
  text: z.string(),
})
export type TranscriptDelta = z.infer<typeof transcriptDeltaSchema>

export const turnEventSchema = z.object({
  turnId: z.number().int(),
  /** noAnswer: the turn ended with nothing from the model after the user spoke, or the model refused. */
  type: z.enum(['generationComplete', 'turnComplete', 'interrupted', 'noAnswer']),
  /** The server's `turnCompleteReason` (e.g. `NEED_MORE_INPUT`, `RESPONSE_REJECTED`), when it gave one. */
  turnCompleteReason: z.string().max(100).optional(),
  /** The server's `waitingForInput`: the model expects the user to go on. */
  waitingForInput: z.boolean().optional(),
})
export type TurnEvent = z.infer<typeof turnEventSchema>

export const modelContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('executableCode'), turnId: z.number(), language: z.string(), code: z.string() }),
  z.object({ kind: z.literal('codeResult'), turnId: z.number(), outcome: z.string(), output: z.string() }),
  z.object({
    kind: z.literal('grounding'),
    turnId: z.number(),
    queries: z.array(z.string()),
    sources: z.array(z.object({ uri: z.string(), title: z.string() })),
  }),
])
export type ModelContent = z.infer<typeof modelContentSchema>

export const toolActivitySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['called', 'answered', 'failed', 'cancelled']),
  args: z.record(z.string(), z.unknown()).optional(),
  result: z.unknown().optional(),
})
export type ToolActivity = z.infer<typeof toolActivitySchema>

const modalityTokens = z.record(z.string(), z.number())
export const usageSchema = z.object({
  promptTokens: z.number(),
  responseTokens: z.number(),
  totalTokens: z.number(),
  byModality: modalityTokens,
  /** Image tokens actually spent on screen frames, and what sending every captured frame would have cost. */
  imageTokensSpent: z.number(),
  imageTokensIfEveryFrame: z.number(),
})
export type Usage = z.infer<typeof usageSchema>

export { errorParamsSchema, noticeSchema, type ErrorParams, type Notice } from './notice'

/**
 * An error the user sees, as data: the edges word `code` + `params` from the catalogue's
 * `errors` section (shared/i18n/describeError.ts), what to do about it included
 * (`errors.<code>.action`). `message` is English for the log and for developers; the user never
 * reads it.
 */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: errorParamsSchema.optional(),
})
export type AppError = z.infer<typeof appErrorSchema>

/** The Live models on offer (from `models.list()`, its cache, or the built-in profiles) and where the list came from. */
export const modelMenuSchema = z.object({
  source: z.enum(['api', 'cache', 'built-in']),
  fetchedAt: z.number().nullable(),
  models: z.array(
    z.object({
      id: z.string().min(1).max(200),
      label: z.string().max(200),
      isPreview: z.boolean(),
      family: z.enum(['gemini-3.8', 'gemini-3.8-extended-thinking', 'gemini-3.1', 'gemini-2.5-native-audio', 'other']),
    }),
  ).max(200),
})
export type ModelMenuPayload = z.infer<typeof modelMenuSchema>

export const sessionStatusSchema = z.object({
  state: sessionStateSchema,
  /** What the status line says besides the state, as notices in reading order; null when nothing. */
  detail: z.array(noticeSchema).max(8).nullable(),
  /** True right after a reconnect that kept the conversation. */
  resumed: z.boolean(),
})
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const talkStateSchema = z.object({
  isTalking: z.boolean(),
  source: z.enum(['button', 'hotkey', 'tray']).nullable(),
  /** Why push-to-talk fell back to press-to-toggle, or why the talk shortcut is not bound, as a notice; null when it works. */
  hotkeyNote: noticeSchema.nullable(),
})
export type TalkState = z.infer<typeof talkStateSchema>

/**
 * What is shared, as a kind the edges word in their UI language (shared/shareStatusLine.ts), with
 * the system's own name for it when there is one (a window's title, a screen's name, at most 200
 * characters); never words in a UI language, which would stay in the language the share began in.
 */
export const shareSourceSchema = z
  .object({ kind: z.enum(['screen', 'window', 'tab']), name: z.string().max(200).nullable() })
  .strict()
export type ShareSource = z.infer<typeof shareSourceSchema>

export const shareStateSchema = z.object({
  isSharing: z.boolean(),
  /** What is shared; null when nothing is. */
  source: shareSourceSchema.nullable(),
  framesSent: z.number().int(),
  framesDropped: z.number().int(),
  /** While sharing but holding every frame back, why (SHARE_PAUSED_IN_FRONT with the window, …), worded at the edge; null otherwise. */
  pause: sharePauseSchema.nullable(),
})
export type ShareState = z.infer<typeof shareStateSchema>

/** What "Share a region" came to: the region shared now (desktop DIP), or why nothing changed (REGION_NOT_CHANGED, REGION_TOO_SMALL…), as a notice the page words. */
export const regionChoiceSchema = z.object({
  region: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).nullable(),
  note: noticeSchema.nullable(),
})
export type RegionChoice = z.infer<typeof regionChoiceSchema>

/** One entry of the current conversation's transcript, as the events that built it (replayed by a late window). */
export const transcriptEntrySchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('onTranscript'), payload: transcriptDeltaSchema }),
  z.object({ event: z.literal('onTurnEvent'), payload: turnEventSchema }),
  z.object({ event: z.literal('onModelContent'), payload: modelContentSchema }),
  z.object({ event: z.literal('onToolActivity'), payload: toolActivitySchema }),
])
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>

/**
 * What the call bar says (issue 17): the first that applies wins, in this order — `off` (no
 * session), `connecting`, `reconnecting`, `listening` / `speaking` (speaking first in hands-free,
 * where the mic stays open), `thinking` (a question was asked, no answer yet), `paused` (muted,
 * or sharing held back by the privacy gate), `looking` (sharing), `ready`.
 */
export const callBarPhaseSchema = z.enum(['off', 'connecting', 'reconnecting', 'listening', 'speaking', 'thinking', 'paused', 'looking', 'ready'])
export type CallBarPhase = z.infer<typeof callBarPhaseSchema>

/** The call bar's state, derived by main from its readable state (electron/main/core/callBar/callBarState.ts). */
export const callBarStateSchema = z.object({
  phase: callBarPhaseSchema,
  isMuted: z.boolean(),
})
export type CallBarState = z.infer<typeof callBarStateSchema>

/** Meter positions 0–1 (dBFS mapped linearly from -60 dB to 0 dB): the microphone and the model's voice. */
export const audioLevelsSchema = z
  .object({
    mic: z.number().min(0).max(1),
    output: z.number().min(0).max(1),
  })
  .strict()
export type AudioLevels = z.infer<typeof audioLevelsSchema>

/**
 * Main's readable state at one moment: what a window that opens (or reloads) shows at once.
 * Later changes arrive as the usual events; a window subscribes first, then asks for this.
 */
export const appSnapshotSchema = z.object({
  session: sessionStatusSchema,
  talk: talkStateSchema,
  share: shareStateSchema,
  usage: usageSchema.nullable(),
  transcript: z.array(transcriptEntrySchema),
  /** Errors and notices not dismissed yet, oldest first (raised before any window existed too). */
  notices: z.array(appErrorSchema),
  isMuted: z.boolean(),
  /** The model's answer is playing (playback reported within the last moment). */
  isSpeaking: z.boolean(),
  /** Automatic updates, so a late window and the tray offer "Restart to update" at once. */
  update: updateStateSchema,
  /** What the call bar shows. */
  callBar: callBarStateSchema,
})
export type AppSnapshot = z.infer<typeof appSnapshotSchema>

/**
 * What a tool asks before it acts, as data the page words (`toolConfirm.titles.<tool>`).
 * `emphasis` is shown prominently (a link's registrable domain); `detail` in full (the text to
 * copy, cut at `size.moreCharacters`); `size` counts what would be copied, for the page to say.
 */
export const toolQuestionSchema = z.object({
  tool: z.string(),
  emphasis: z.string().nullable(),
  detail: z.string(),
  size: z
    .object({ lines: z.number().int().min(0), characters: z.number().int().min(0), removedCharacters: z.number().int().min(0), moreCharacters: z.number().int().min(0) })
    .nullable(),
})
export type ToolQuestion = z.infer<typeof toolQuestionSchema>
/** The question on screen; `waiting` is how many more are queued behind it. */
export const toolConfirmRequestSchema = toolQuestionSchema.extend({ requestId: z.string(), waiting: z.number().int().min(0) })
export type ToolConfirmRequest = z.infer<typeof toolConfirmRequestSchema>

export const videoFrameSchema = z
  .object({
    width: z.number().int().min(1).max(3840),
    height: z.number().int().min(1).max(3840),
    data: bytes,
  })
  .refine((f) => f.width * f.height <= MAX_FRAME_PIXELS, 'frame is larger than 4K')
  .refine((f) => f.data.byteLength === f.width * f.height * 4, 'frame data is not width × height RGBA')
export type VideoFrame = z.infer<typeof videoFrameSchema>

export const audioChunkSchema = bytes
  .refine((b) => b.byteLength > 0 && b.byteLength % 2 === 0, 'audio must be whole PCM16 samples')
  .refine((b) => b.byteLength <= MAX_AUDIO_CHUNK_BYTES, 'audio chunk longer than one second')

export const contract = {
  invoke: {
    getAppInfo: { channel: 'app:get-info', request: noPayload, response: appInfoSchema },
    startSession: { channel: 'session:start', request: noPayload, response: sessionStatusSchema },
    stopSession: { channel: 'session:stop', request: noPayload, response: ack },
    sendText: {
      channel: 'session:send-text',
      request: z.object({ text: z.string().trim().min(1).max(MAX_TEXT_CHARS) }).strict(),
      response: ack,
    },
    setTalking: {
      channel: 'talk:set',
      request: z.object({ isTalking: z.boolean(), source: z.enum(['button', 'tray']) }).strict(),
      response: talkStateSchema,
    },
    getSettings: { channel: 'settings:get', request: noPayload, response: settingsSchema },
    /** Main's state now (session, talk, share, usage, transcript, pending notices); asked once after subscribing. */
    getSnapshot: { channel: 'app:snapshot', request: noPayload, response: appSnapshotSchema },
    /** The user dismissed a notice; it is no longer pending in any window. */
    dismissNotice: { channel: 'app:dismiss-notice', request: z.object({ code: z.string().min(1).max(100) }).strict(), response: ack },
    updateSettings: { channel: 'settings:update', request: settingsPatchSchema, response: settingsSchema },
    /** The Live models the key can use, for the model menu. */
    listModels: { channel: 'models:list', request: noPayload, response: modelMenuSchema },
    getKeyStatus: { channel: 'key:status', request: noPayload, response: keyStatusSchema },
    setApiKey: {
      channel: 'key:set',
      request: z
        .object({
          key: z.string().trim().min(CREDENTIAL_MIN_LENGTH).max(CREDENTIAL_MAX_LENGTH).regex(CREDENTIAL_CHARACTERS, 'key has characters a key cannot have'),
          keepIn: z.enum(['keychain', 'memory']),
        })
        .strict(),
      response: keyStatusSchema,
    },
    removeApiKey: { channel: 'key:remove', request: noPayload, response: keyStatusSchema },
    getManagedStatus: { channel: 'managed:status', request: noPayload, response: managedStatusSchema },
    /** "My organisation gave me a Sightline address": checked with the service and Gemini, then kept in the keychain. */
    setManaged: {
      channel: 'managed:set',
      request: z
        .object({
          service: z.string().trim().min(8).max(2_048),
          accessCode: z
            .string()
            .trim()
            .min(CREDENTIAL_MIN_LENGTH)
            .max(CREDENTIAL_MAX_LENGTH)
            .regex(CREDENTIAL_CHARACTERS, 'the access code has characters an access code cannot have'),
        })
        .strict(),
      response: managedStatusSchema,
    },
    clearManaged: { channel: 'managed:clear', request: noPayload, response: managedStatusSchema },
    /** "Save diagnostics…": a zip where the user chooses; crash minidumps only when `includeCrashDumps`. */
    saveDiagnostics: {
      channel: 'diagnostics:save',
      request: z.object({ includeCrashDumps: z.boolean() }).strict(),
      response: z.object({ path: z.string().nullable() }),
    },
    copyDiagnosticsSummary: { channel: 'diagnostics:copy-summary', request: noPayload, response: ack },
    /** Crash reports: `uploadUrl` null keeps minidumps local (the default); an https URL sends them there from the next start. */
    getCrashReporting: { channel: 'diagnostics:crash-reporting', request: noPayload, response: crashReportingChoiceSchema },
    setCrashReporting: { channel: 'diagnostics:set-crash-reporting', request: crashReportingChoiceSchema.strict(), response: crashReportingChoiceSchema },
    getUpdateState: { channel: 'update:state', request: noPayload, response: updateStateSchema },
    /** Stable or beta; checks the new channel's feed at once. */
    setUpdateChannel: { channel: 'update:set-channel', request: z.object({ channel: z.enum(['stable', 'beta']) }).strict(), response: updateStateSchema },
    /** "Restart to update": quits and installs the downloaded update (only when the state is `ready`). */
    restartToUpdate: { channel: 'update:restart', request: noPayload, response: ack },
    listScreenSources: { channel: 'screen:list-sources', request: noPayload, response: z.array(screenSourceSchema) },
    selectScreenSource: {
      channel: 'screen:select-source',
      request: z.object({ id: z.string().min(1).max(200) }).strict(),
      response: ack,
    },
    setSharing: {
      channel: 'screen:set-sharing',
      request: z.object({ isSharing: z.boolean(), source: shareSourceSchema.nullable() }).strict(),
      response: shareStateSchema,
    },
    lookNow: { channel: 'screen:look-now', request: noPayload, response: ack },
    /** The windows open now, one per app and title, to pick which to blur or pause for (issue 16). */
    listOpenWindows: { channel: 'privacy:list-windows', request: noPayload, response: z.array(openWindowSchema) },
    /** While a screen is shared: drag a rectangle on it (Esc cancels); frames are cropped to it. Again to redraw. */
    selectShareRegion: { channel: 'screen:select-region', request: noPayload, response: regionChoiceSchema },
    /** Back to the whole screen. */
    clearShareRegion: { channel: 'screen:clear-region', request: noPayload, response: ack },
    openLink: {
      channel: 'app:open-link',
      request: z.object({ url: z.string().max(2_000) }).strict(),
      response: ack,
    },
    answerToolConfirmation: {
      channel: 'tool:confirm',
      /** `allWaiting` with `allow: false` is "Deny all": every queued question is refused too. */
      request: z.object({ requestId: z.string().min(1).max(100), allow: z.boolean(), allWaiting: z.boolean().optional() }).strict(),
      response: ack,
    },
    /** History (issue 14): conversations by local day, newest first. */
    listHistory: { channel: 'history:list', request: noPayload, response: z.array(historyDaySchema) },
    /** Full-text search; any text is searched for literally (FTS syntax is not interpreted). */
    searchHistory: {
      channel: 'history:search',
      request: z.object({ query: z.string().max(500) }).strict(),
      response: z.array(historySearchHitSchema),
    },
    openHistoryConversation: { channel: 'history:open', request: historyId, response: historyConversationSchema },
    deleteHistoryConversation: { channel: 'history:delete', request: historyId, response: ack },
    deleteAllHistory: { channel: 'history:delete-all', request: noPayload, response: ack },
    exportHistory: { channel: 'history:export', request: historyExportRequestSchema, response: historyExportResultSchema },
    copyHistoryTranscript: { channel: 'history:copy', request: historyId, response: ack },
    /** A fresh session seeded with the stored conversation, noted as a continuation. */
    continueHistoryConversation: { channel: 'history:continue', request: historyId, response: sessionStatusSchema },
    getHistoryStatus: { channel: 'history:status', request: noPayload, response: historyStatusSchema },
    /** A voice saying one sentence in the UI language; made once by a short Live session, then cached (issue 17). */
    previewVoice: { channel: 'voice:preview', request: voicePreviewRequestSchema, response: voicePreviewResultSchema },
    /** The call bar's and the tray's Mute: ends talking now and refuses to start until unmuted. */
    setMuted: { channel: 'talk:set-muted', request: z.object({ isMuted: z.boolean() }).strict(), response: ack },
    /** The call bar's Stop sharing: the page that captures is told to stop (only it holds the stream). */
    stopSharing: { channel: 'screen:stop-sharing', request: noPayload, response: ack },
  },
  send: {
    /** Bytes a second too: at most 8 s of 16 kHz audio each second (issue 19). */
    sendAudioChunk: { channel: 'media:audio', payload: audioChunkSchema, maxPerSecond: 200, maxBytesPerSecond: 8 * MAX_AUDIO_CHUNK_BYTES },
    /** At most one 4K RGBA frame's bytes a second: four 4K frames a second kept main busy for 7 s (issue 19). */
    sendVideoFrame: { channel: 'media:frame', payload: videoFrameSchema, maxPerSecond: 4, maxBytesPerSecond: MAX_FRAME_PIXELS * 4 },
    endAudioStream: { channel: 'media:audio-end', payload: noPayload, maxPerSecond: 20 },
    reportPlayback: {
      channel: 'media:played',
      payload: z.object({ turnId: z.number().int(), playedSamples: z.number().int().min(0) }).strict(),
      maxPerSecond: 100,
    },
    /** A key let go in our focused window while the hotkey holds talking (`KeyboardEvent.code`, e.g. 'Space', 'ShiftLeft'). */
    hotkeyWindowKeyUp: {
      channel: 'hotkey:window-key-up',
      payload: z.object({ code: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'not a KeyboardEvent.code') }).strict(),
      maxPerSecond: 50,
    },
    /** The audio host's meter levels for the call bar: 25 a second while they move (issue 17). */
    reportAudioLevels: { channel: 'media:levels', payload: audioLevelsSchema, maxPerSecond: 30 },
  },
  events: {
    onSessionStatus: { channel: 'session:status', payload: sessionStatusSchema },
    onTranscript: { channel: 'session:transcript', payload: transcriptDeltaSchema },
    onTurnEvent: { channel: 'session:turn', payload: turnEventSchema },
    onModelContent: { channel: 'session:content', payload: modelContentSchema },
    onToolActivity: { channel: 'session:tool', payload: toolActivitySchema },
    onToolConfirmRequest: { channel: 'session:tool-confirm', payload: toolConfirmRequestSchema },
    /** A question left the queue (answered, timed out, or its call was cancelled): take its panel down. */
    onToolConfirmClosed: { channel: 'session:tool-confirm-closed', payload: z.object({ requestId: z.string() }) },
    onAudioOut: {
      channel: 'session:audio',
      payload: z.object({ turnId: z.number().int(), pcm: bytes, sampleRate: z.number().int() }),
    },
    onUsage: { channel: 'session:usage', payload: usageSchema },
    onError: { channel: 'app:error', payload: appErrorSchema },
    /** Main's pending notices changed without a new one (one was dismissed in some window): every window shows this list. */
    onNoticesChanged: { channel: 'app:notices', payload: z.array(appErrorSchema) },
    onTalkState: { channel: 'talk:state', payload: talkStateSchema },
    onShareState: { channel: 'screen:state', payload: shareStateSchema },
    onSettingsChanged: { channel: 'settings:changed', payload: settingsSchema },
    onUpdateState: { channel: 'update:changed', payload: updateStateSchema },
    /** A new model list arrived (at start, or after the key changed). */
    onModelsChanged: { channel: 'models:changed', payload: modelMenuSchema },
    /** Something the tray or hotkey asked the page to do (only the page can capture the screen). */
    onUiCommand: { channel: 'ui:command', payload: z.object({ command: z.enum(['shareScreen', 'stopSharing', 'switchShare', 'openSettings', 'openHistory']) }) },
    /** History changed (an exchange kept, a deletion, retention applied): a History view refreshes. */
    onHistoryChanged: { channel: 'history:changed', payload: z.object({ conversationId: z.string().nullable() }) },
    /** The call bar's state changed (also in the snapshot as `callBar`). */
    onCallBarState: { channel: 'callbar:state', payload: callBarStateSchema },
    /** The meter levels, relayed from the audio host while a session is live. */
    onAudioLevels: { channel: 'media:levels-changed', payload: audioLevelsSchema },
  },
} as const

type Contract = typeof contract
export type InvokeMethod = keyof Contract['invoke']
export type SendMethod = keyof Contract['send']
export type EventMethod = keyof Contract['events']

export type InvokeRequest<M extends InvokeMethod> = z.input<Contract['invoke'][M]['request']>
export type InvokeResponse<M extends InvokeMethod> = z.output<Contract['invoke'][M]['response']>
export type SendPayload<M extends SendMethod> = z.input<Contract['send'][M]['payload']>
export type EventPayload<M extends EventMethod> = z.output<Contract['events'][M]['payload']>

type ArgsFor<T> = [T] extends [undefined] ? [] : [T]

/** What the page sees on `window.sightline`: one intention-named function per contract entry. */
export type SightlineApi = {
  [M in InvokeMethod]: (...args: ArgsFor<InvokeRequest<M>>) => Promise<IpcResult<InvokeResponse<M>>>
} & {
  [M in SendMethod]: (...args: ArgsFor<SendPayload<M>>) => void
} & {
  [M in EventMethod]: (listener: (payload: EventPayload<M>) => void) => () => void
}

/** The low-level carrier a bridge is built on: ipcRenderer in the preload, a WebSocket in the harness. */
export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>
  send(channel: string, payload: unknown): void
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/** Builds the page-facing API from the contract over any transport; listeners never see a transport event object. */
export function createBridge(transport: BridgeTransport): SightlineApi {
  const api: Record<string, unknown> = {}
  for (const [method, entry] of Object.entries(contract.invoke)) {
    api[method] = (payload?: unknown) => transport.invoke(entry.channel, payload)
  }
  for (const [method, entry] of Object.entries(contract.send)) {
    api[method] = (payload?: unknown) => transport.send(entry.channel, payload)
  }
  for (const [method, entry] of Object.entries(contract.events)) {
    api[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function`)
      return transport.subscribe(entry.channel, (payload) => listener(payload))
    }
  }
  return Object.freeze(api) as SightlineApi
}

/** Every wire channel name, by direction: what the router binds and what the tests fuzz. */
export const channels = {
  invoke: Object.values(contract.invoke).map((e) => e.channel),
  send: Object.values(contract.send).map((e) => e.channel),
  events: Object.values(contract.events).map((e) => e.channel),
}
