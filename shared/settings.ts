import { z } from 'zod'
import { historyRetentionSchema } from './history'
import { DEFAULT_MODEL_ID } from './modelCatalogue'
import { DEFAULT_POINT_SETTINGS, pointSettingsSchema } from './pointSettings'
import { DEFAULT_PRIVACY_SETTINGS, privacySettingsSchema } from './privacySettings'
import { UI_LANGUAGE_SETTINGS } from './i18n/catalogue'

/** The settings file's format version; bump it and add a step to `migrateSettings` when the shape changes. */
export const SETTINGS_VERSION = 3

const sensitivity = z.enum(['default', 'high', 'low'])

export const vadSettingsSchema = z.object({
  /** push-to-talk: automatic VAD off, activityStart/End from the hotkey; hands-free: automatic VAD on. */
  mode: z.enum(['push-to-talk', 'hands-free']),
  startSensitivity: sensitivity,
  endSensitivity: sensitivity,
  prefixPaddingMs: z.number().int().min(0).max(2_000),
  silenceDurationMs: z.number().int().min(100).max(5_000),
})

export const thinkingSettingsSchema = z.object({
  /** `thinkingBudget` for models that take one (2.5 native audio); null keeps the model's own default; 0 turns thinking off. */
  budget: z.number().int().min(0).max(24_576).nullable(),
  /** `thinkingLevel` for models that take one (3.1, 3.8 extended thinking); null keeps the model's own default. */
  level: z.enum(['minimal', 'low', 'medium', 'high']).nullable(),
  includeThoughts: z.boolean(),
})

/** No current Live model offers code execution or URL context (docs/protocol.md §0.1), so there is no setting for them. */
export const toolSettingsSchema = z.object({
  localTools: z.boolean(),
  googleSearch: z.boolean(),
})

export const captureSettingsSchema = z.object({
  framesPerSecond: z.number().min(0.2).max(1),
  longSide: z.number().int().min(256).max(3840),
  jpegQuality: z.number().int().min(30).max(95),
  /** Share of thumbnail pixels that must change before a frame is worth sending. */
  changeThreshold: z.number().min(0).max(1),
  /**
   * While sharing and nobody is asking, send a changed screen now and then. Off by default: on
   * 3.x models every frame is billed into the next turn, and each question already gets a fresh frame.
   */
  idleTrickle: z.boolean(),
  /** With the trickle on, at most one idle frame this often (s). */
  idleTrickleSeconds: z.number().int().min(5).max(300),
})

export const deviceSettingsSchema = z.object({
  inputDeviceId: z.string().max(500).nullable(),
  outputDeviceId: z.string().max(500).nullable(),
  duckMicWhileSpeaking: z.boolean(),
})

/**
 * Tools with a side effect ask before every use unless the user chose "always allow" for that
 * tool here. Keyed by the tool's declared name; every such tool must have a field (a test checks).
 */
export const alwaysAllowToolsSchema = z.object({
  open_url: z.boolean(),
  copy_to_clipboard: z.boolean(),
})

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  model: z.string().min(1).max(200),
  responseModality: z.enum(['AUDIO', 'TEXT']),
  voice: z.string().min(1).max(100),
  /** null lets the model choose (the only option on native-audio models). */
  languageCode: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'language must look like en-US').nullable(),
  systemInstruction: z.string().max(20_000),
  inputTranscription: z.boolean(),
  outputTranscription: z.boolean(),
  vad: vadSettingsSchema,
  mediaResolution: z.enum(['default', 'low', 'medium', 'high']),
  thinking: thinkingSettingsSchema,
  affectiveDialog: z.boolean(),
  proactiveAudio: z.boolean(),
  tools: toolSettingsSchema,
  alwaysAllowTools: alwaysAllowToolsSchema,
  contextCompression: z.boolean(),
  hotkey: z.string().min(1).max(100),
  /** "Share screen and ask": starts sharing and listening; pressed again while sharing, stops sharing. */
  shareHotkey: z.string().min(1).max(100),
  capture: captureSettingsSchema,
  devices: deviceSettingsSchema,
  startAtLogin: z.boolean(),
  /** How long conversation history is kept; files written before history existed get the default. */
  historyRetention: historyRetentionSchema.default('forever'),
  /** Excluded and blurred windows while sharing; files written before it existed get the defaults. */
  privacy: privacySettingsSchema.default(DEFAULT_PRIVACY_SETTINGS),
  /** The pointer ring and pointing; files written before it existed get the defaults. */
  point: pointSettingsSchema.default(DEFAULT_POINT_SETTINGS),
  /** The UI language: 'system' follows the OS locale; files written before it existed follow the OS. */
  uiLanguage: z.enum(UI_LANGUAGE_SETTINGS).default('system'),
  /** The call bar: a small always-on-top bar while a session is live (issue 17); files written before it existed get it on. */
  showCallBar: z.boolean().default(true),
})
export type Settings = z.infer<typeof settingsSchema>

/** A change from the settings view: any subset, nested groups partial too; unknown keys are refused. */
export const settingsPatchSchema = z
  .object({
    model: settingsSchema.shape.model,
    responseModality: settingsSchema.shape.responseModality,
    voice: settingsSchema.shape.voice,
    languageCode: settingsSchema.shape.languageCode,
    systemInstruction: settingsSchema.shape.systemInstruction,
    inputTranscription: z.boolean(),
    outputTranscription: z.boolean(),
    vad: vadSettingsSchema.partial().strict(),
    mediaResolution: settingsSchema.shape.mediaResolution,
    thinking: thinkingSettingsSchema.partial().strict(),
    affectiveDialog: z.boolean(),
    proactiveAudio: z.boolean(),
    tools: toolSettingsSchema.partial().strict(),
    alwaysAllowTools: alwaysAllowToolsSchema.partial().strict(),
    contextCompression: z.boolean(),
    hotkey: settingsSchema.shape.hotkey,
    shareHotkey: settingsSchema.shape.shareHotkey,
    capture: captureSettingsSchema.partial().strict(),
    devices: deviceSettingsSchema.partial().strict(),
    startAtLogin: z.boolean(),
    historyRetention: historyRetentionSchema,
    privacy: privacySettingsSchema.partial().strict(),
    point: pointSettingsSchema.partial().strict(),
    uiLanguage: z.enum(UI_LANGUAGE_SETTINGS),
    showCallBar: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  model: DEFAULT_MODEL_ID,
  responseModality: 'AUDIO',
  voice: 'Puck',
  languageCode: null,
  systemInstruction:
    'You are Sightline, a concise desktop voice assistant. Answer briefly and speak naturally. ' +
    'When the user shares their screen, use what you see to answer.',
  inputTranscription: true,
  outputTranscription: true,
  vad: {
    mode: 'push-to-talk',
    startSensitivity: 'default',
    endSensitivity: 'default',
    prefixPaddingMs: 20,
    silenceDurationMs: 500,
  },
  mediaResolution: 'default',
  thinking: { budget: null, level: null, includeThoughts: false },
  affectiveDialog: false,
  proactiveAudio: false,
  tools: { localTools: true, googleSearch: true },
  alwaysAllowTools: { open_url: false, copy_to_clipboard: false },
  contextCompression: true,
  hotkey: 'Control+Shift+Space',
  shareHotkey: 'CommandOrControl+Shift+L',
  capture: { framesPerSecond: 1, longSide: 1024, jpegQuality: 80, changeThreshold: 0.003, idleTrickle: false, idleTrickleSeconds: 30 },
  devices: { inputDeviceId: null, outputDeviceId: null, duckMicWhileSpeaking: false },
  startAtLogin: false,
  historyRetention: 'forever',
  privacy: DEFAULT_PRIVACY_SETTINGS,
  point: DEFAULT_POINT_SETTINGS,
  uiLanguage: 'system',
  showCallBar: true,
}

/**
 * The defaults for one platform. Only the talk hotkey differs: Ctrl+Shift+Space on Windows and
 * Linux, Option+Shift+Space on macOS (Cmd+Shift+Space there belongs to the system).
 */
export function defaultSettingsFor(platform: string): Settings {
  return platform === 'darwin' ? { ...DEFAULT_SETTINGS, hotkey: 'Alt+Shift+Space' } : structuredClone(DEFAULT_SETTINGS)
}

/** Applies a validated patch, group by group, and re-validates the whole. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    ...patch,
    vad: { ...current.vad, ...patch.vad },
    thinking: { ...current.thinking, ...patch.thinking },
    tools: { ...current.tools, ...patch.tools },
    alwaysAllowTools: { ...current.alwaysAllowTools, ...patch.alwaysAllowTools },
    capture: { ...current.capture, ...patch.capture },
    devices: { ...current.devices, ...patch.devices },
    privacy: { ...current.privacy, ...patch.privacy },
    point: { ...current.point, ...patch.point },
  })
}
