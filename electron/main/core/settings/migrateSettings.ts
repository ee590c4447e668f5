import { z } from 'zod'
import { describeModel, isRetiredModel, RECOMMENDED_MODEL_ID } from '../../../../shared/modelCatalogue'
import { applySettingsPatch, DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from '../../../../shared/settings'
import { fitSettingsToModel } from '../../../../shared/modelOptions'

/**
 * The settings file as version 1 wrote it (before issue 6): one flat object, with or without a
 * `version: 1` key. Version 2 grouped VAD, thinking, tools, capture and devices, renamed the VAD
 * modes (`manual` → `push-to-talk`, `auto` → `hands-free`) and capped capture at 1 frame a
 * second, the most the Live API takes.
 */
export interface SettingsV1 {
  version?: 1
  model?: string
  responseModality?: 'AUDIO' | 'TEXT'
  voice?: string
  languageCode?: string | null
  systemInstruction?: string
  inputTranscription?: boolean
  outputTranscription?: boolean
  vadMode?: 'manual' | 'auto'
  vadStartSensitivity?: 'default' | 'high' | 'low'
  vadEndSensitivity?: 'default' | 'high' | 'low'
  vadPrefixPaddingMs?: number
  vadSilenceDurationMs?: number
  mediaResolution?: 'default' | 'low' | 'medium' | 'high'
  thinkingBudget?: number | null
  includeThoughts?: boolean
  affectiveDialog?: boolean
  proactiveAudio?: boolean
  localTools?: boolean
  codeExecution?: boolean
  googleSearch?: boolean
  contextCompression?: boolean
  hotkey?: string
  /** 0.2 to 2 in version 1. */
  captureFps?: number
  frameLongSide?: number
  jpegQuality?: number
  changeThreshold?: number
  heartbeatSeconds?: number
  inputDeviceId?: string | null
  outputDeviceId?: string | null
  duckMicWhileSpeaking?: boolean
  startAtLogin?: boolean
}

/**
 * Version 3 (issue 12): the saved model moves off ids Google retired (docs/protocol.md §0.1) to
 * the recommended one, dropping the options that model does not take; `tools.codeExecution`
 * goes (no current Live model offers it); `thinking.level` is new (null: the model's default).
 */
export const RETIRED_TOOLS = ['codeExecution', 'urlContext'] as const

/** What {@link migrateSettings} made of a stored object. */
export interface SettingsMigration {
  settings: Settings
  /** The version the object said it was (1 when it had no `version`). */
  fromVersion: number
  /** `older` and `newer` were converted; `current` may still have had bad values (see `resetFields`). */
  kind: 'current' | 'older' | 'newer'
  /** Dotted paths whose stored value could not be used and fell back to the default. */
  resetFields: string[]
  /** The saved model was retired and replaced by the recommended one. */
  replacedModel: { from: string; to: string } | null
  /** Options turned off because the replacement model or no current model takes them, in words. */
  droppedOptions: string[]
}

/** Raised when the stored JSON is not a settings object at all (an array, a number, null). */
export class NotSettingsError extends Error {
  constructor() {
    super('The settings file does not hold a settings object.')
    this.name = 'NotSettingsError'
  }
}

/**
 * Brings a parsed settings file to the current version. Older files are converted step by step;
 * a file from a newer version keeps every field this version understands; any value that does
 * not pass the schema is reset to its default and named in `resetFields`, never the whole file.
 */
export function migrateSettings(raw: unknown, defaults: Settings = DEFAULT_SETTINGS): SettingsMigration {
  if (!isRecord(raw)) throw new NotSettingsError()
  const version = raw.version === undefined ? 1 : raw.version
  if (version === 1) return moveOffRetired(salvage(fromVersion2(fromVersion1(raw as SettingsV1)), defaults), 1, 'older', raw)
  if (version === 2) return moveOffRetired(salvage(fromVersion2(raw), defaults), 2, 'older', raw)
  if (version === SETTINGS_VERSION) {
    const parsed = settingsSchema.safeParse(raw)
    if (parsed.success) return moveOffRetired({ settings: parsed.data, resetFields: [] }, SETTINGS_VERSION, 'current', raw)
    return moveOffRetired(salvage(raw, defaults), SETTINGS_VERSION, 'current', raw)
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_VERSION) {
    return moveOffRetired(salvage(raw, defaults), version, 'newer', raw)
  }
  // A version that no release ever wrote: read it as the current shape, and say the version was reset.
  const salvaged = salvage(raw, defaults)
  return moveOffRetired({ settings: salvaged.settings, resetFields: ['version', ...salvaged.resetFields] }, SETTINGS_VERSION, 'current', raw)
}

/** Version 2 → 3: drops the tools no Live model offers any more; `thinking.level` takes its default. */
function fromVersion2(v2: Record<string, unknown>): Record<string, unknown> {
  const tools = isRecord(v2.tools) ? Object.fromEntries(Object.entries(v2.tools).filter(([k]) => !(RETIRED_TOOLS as readonly string[]).includes(k))) : v2.tools
  return { ...v2, tools }
}

/** A saved retired model moves to the recommended one, and the options it does not take are turned off. */
function moveOffRetired(
  result: { settings: Settings; resetFields: string[] },
  fromVersion: number,
  kind: SettingsMigration['kind'],
  raw: Record<string, unknown>,
): SettingsMigration {
  const storedTools = [raw.tools, raw].filter(isRecord)
  const droppedOptions = storedTools.some((t) => t.codeExecution === true) ? ['code execution (no current Live model offers it)'] : []
  const { settings } = result
  if (!isRetiredModel(settings.model)) return { ...result, fromVersion, kind, replacedModel: null, droppedOptions }
  const to = describeModel(RECOMMENDED_MODEL_ID)
  const moved = { ...settings, model: to.id }
  const fit = fitSettingsToModel(moved, to)
  return {
    settings: applySettingsPatch(moved, fit.patch),
    resetFields: result.resetFields,
    fromVersion,
    kind,
    replacedModel: { from: settings.model, to: to.id },
    droppedOptions: [...droppedOptions, ...fit.dropped],
  }
}

function fromVersion1(v1: SettingsV1): Record<string, unknown> {
  const vadModes: Record<string, string> = { manual: 'push-to-talk', auto: 'hands-free' }
  const fps = typeof v1.captureFps === 'number' ? Math.min(v1.captureFps, 1) : undefined
  return withoutUndefined({
    model: v1.model,
    responseModality: v1.responseModality,
    voice: v1.voice,
    languageCode: v1.languageCode,
    systemInstruction: v1.systemInstruction,
    inputTranscription: v1.inputTranscription,
    outputTranscription: v1.outputTranscription,
    vad: withoutUndefined({
      mode: typeof v1.vadMode === 'string' ? (vadModes[v1.vadMode] ?? v1.vadMode) : undefined,
      startSensitivity: v1.vadStartSensitivity,
      endSensitivity: v1.vadEndSensitivity,
      prefixPaddingMs: v1.vadPrefixPaddingMs,
      silenceDurationMs: v1.vadSilenceDurationMs,
    }),
    mediaResolution: v1.mediaResolution,
    thinking: withoutUndefined({ budget: v1.thinkingBudget, includeThoughts: v1.includeThoughts }),
    affectiveDialog: v1.affectiveDialog,
    proactiveAudio: v1.proactiveAudio,
    tools: withoutUndefined({ localTools: v1.localTools, codeExecution: v1.codeExecution, googleSearch: v1.googleSearch }),
    contextCompression: v1.contextCompression,
    hotkey: v1.hotkey,
    capture: withoutUndefined({
      framesPerSecond: fps,
      longSide: v1.frameLongSide,
      jpegQuality: v1.jpegQuality,
      changeThreshold: v1.changeThreshold,
      // Version 1's heartbeat sent frames while idle; version 2 sends them only when asked (issue 12).
      idleTrickleSeconds: v1.heartbeatSeconds,
    }),
    devices: withoutUndefined({
      inputDeviceId: v1.inputDeviceId,
      outputDeviceId: v1.outputDeviceId,
      duckMicWhileSpeaking: v1.duckMicWhileSpeaking,
    }),
    startAtLogin: v1.startAtLogin,
  })
}

/** Keeps each valid field of a current-shape object, group by group; missing fields take their default. */
function salvage(candidate: Record<string, unknown>, defaults: Settings): { settings: Settings; resetFields: string[] } {
  const out: Record<string, unknown> = structuredClone(defaults)
  const resetFields: string[] = []
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    if (key === 'version' || !(key in candidate)) continue
    const value = candidate[key]
    if (schema instanceof z.ZodObject) {
      if (!isRecord(value)) {
        resetFields.push(key)
        continue
      }
      const group = out[key] as Record<string, unknown>
      for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        if (!(field in value)) continue
        const parsed = fieldSchema.safeParse(value[field])
        if (parsed.success) group[field] = parsed.data
        else resetFields.push(`${key}.${field}`)
      }
      continue
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) out[key] = parsed.data
    else resetFields.push(key)
  }
  return { settings: settingsSchema.parse(out), resetFields }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined))
}
