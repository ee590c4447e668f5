import { assertNever } from './assertNever'
import type { Translate } from './i18n/translate'
/**
 * Which Live model offers what, as one capability profile per model family. The settings view
 * offers only what the chosen model supports, and the engine never sends a setup field the
 * model would close the connection over. Model ids change faster than releases, so the menu
 * comes from `models.list()` (electron/main/core/models/) and each listed id is matched to a
 * family here; an id that matches no family gets {@link CONSERVATIVE_PROFILE}.
 * Sources: docs/protocol.md §0.1 (itself from the ai.google.dev model pages
 * for gemini-3.8-live and gemini-3.1-flash-live, the deprecations page and the changelog).
 */

export type Modality = 'AUDIO' | 'TEXT'

/** The model families Sightline knows the rules of; `other` is any Live model it does not. */
export type ModelFamily = 'gemini-3.8' | 'gemini-3.8-extended-thinking' | 'gemini-3.1' | 'gemini-2.5-native-audio' | 'other'

/** How a model takes a thinking setting: not at all, `thinkingConfig.thinkingLevel`, or `thinkingConfig.thinkingBudget`. */
export type ThinkingControl = 'none' | 'level' | 'budget'

/** `thinkingConfig.thinkingLevel` values, as the settings hold them (the wire uses the upper-case enum names). */
export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high'

/**
 * How the model runs function calls (docs/protocol.md §0.1 "function calling"):
 * `non-blocking-default`: NON_BLOCKING unless a declaration says `behavior: BLOCKING`;
 * `async-only`: only NON_BLOCKING; `blocking-only`: no `behavior` may be sent; `both`: BLOCKING by
 * default, NON_BLOCKING when declared.
 */
export type FunctionBehavior = 'non-blocking-default' | 'async-only' | 'blocking-only' | 'both'

/**
 * How a fresh session is given the earlier conversation: `client-content` turns with roles after
 * setup; `initial-history` only through `historyConfig.initialHistoryInClientContent` (the first
 * `clientContent`, ended by `turnComplete: true`); `none` when the model takes no history at all.
 */
export type HistorySeeding = 'client-content' | 'initial-history' | 'none'

/** What one model family accepts, with the sources the facts come from. */
export interface ModelProfile {
  family: ModelFamily
  /** Where each fact of this profile comes from (document and section). */
  sources: readonly string[]
  contextWindowTokens: number
  modalities: readonly Modality[]
  voices: readonly string[]
  /** Native-audio models pick the spoken language themselves; a language code is not accepted. */
  isLanguageSelectable: boolean
  thinking: ThinkingControl
  /** The `thinkingLevel` values the model takes (empty unless `thinking` is `level`). */
  thinkingLevels: readonly ThinkingLevel[]
  /** `enableAffectiveDialog` may be sent (v1alpha only). */
  hasAffectiveDialog: boolean
  /** `proactivity.proactiveAudio: true` may be sent (v1alpha only). */
  hasProactiveAudio: boolean
  /** Proactive audio is always on: `proactiveAudio: false` is an error, so the field is never sent. */
  isProactiveAlways: boolean
  functionBehavior: FunctionBehavior
  /** The server closes with 1008 when realtime audio arrives while a BLOCKING tool call is unanswered. */
  refusesAudioDuringToolCall: boolean
  /** Mid-session `clientContent` is accepted; otherwise typed text goes as `realtimeInput.text`. */
  acceptsClientContent: boolean
  historySeeding: HistorySeeding
  /** A seeded history must end with a user turn (2.5 native audio, user-reported). */
  seedEndsWithUserTurn: boolean
  /**
   * `inputAudioTranscription.languageCodes` may be sent, so the transcription of what the user says
   * gets the UI language as a hint ({@link TRANSCRIPTION_HINT_SOURCE}).
   */
  acceptsTranscriptionLanguageCodes: boolean
}

/**
 * Where the transcription language hint comes from: the setup field table of docs/protocol.md §3
 * lists `inputAudioTranscription` as `{}` or `{languageCodes:[…], …}`, a [captured] setup there
 * carries `"inputAudioTranscription":{"languageCodes":["en-US"]}`, and the §0.1 per-family table
 * names no current model that refuses it. A family this release does not know is not sent it.
 */
export const TRANSCRIPTION_HINT_SOURCE =
  'docs/protocol.md §0.1 names no current model that refuses inputAudioTranscription.languageCodes; §3 setup fields list it ({languageCodes:[…]}, in a [captured] setup)'

/** A model the menu can offer: its id, a label, whether it is a preview, and its family's profile. */
export interface LiveModel extends ModelProfile {
  id: string
  label: string
  isPreview: boolean
}

const NATIVE_AUDIO_VOICES = [
  'Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe',
  'Enceladus', 'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi',
  'Laomedeia', 'Achernar', 'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird',
  'Zubenelgenubi', 'Vindemiatrix', 'Sadachbia', 'Sadaltager', 'Sulafat',
] as const

/** BCP-47 codes a language-selectable model accepts as `speechConfig.languageCode` (none of today's Live models is). */
export const LANGUAGES = [
  'ar-EG', 'bn-BD', 'de-DE', 'en-AU', 'en-GB', 'en-IN', 'en-US', 'es-ES', 'es-US', 'fr-CA', 'fr-FR',
  'gu-IN', 'hi-IN', 'id-ID', 'it-IT', 'ja-JP', 'kn-IN', 'ko-KR', 'ml-IN', 'mr-IN', 'nl-NL', 'pl-PL',
  'pt-BR', 'ru-RU', 'ta-IN', 'te-IN', 'th-TH', 'tr-TR', 'vi-VN', 'cmn-CN',
] as const

const TABLE = 'docs/protocol.md §0.1, "What the real service accepts, per model family"'

/** Gemini 3.8 Live: AUDIO only, no thinkingConfig, no affective dialog, proactive audio always on, NON_BLOCKING tools by default. */
export const GEMINI_38_PROFILE: ModelProfile = {
  family: 'gemini-3.8',
  sources: [
    'docs/protocol.md §0.1 model table: gemini-3.8-live, 131,072 input / 65,536 output tokens',
    `${TABLE}, column 3.8`,
    TRANSCRIPTION_HINT_SOURCE,
    'ai.google.dev model page gemini-3.8-live (cited in docs/protocol.md §0.1)',
  ],
  contextWindowTokens: 131_072,
  modalities: ['AUDIO'],
  voices: NATIVE_AUDIO_VOICES,
  isLanguageSelectable: false,
  thinking: 'none',
  thinkingLevels: [],
  hasAffectiveDialog: false,
  hasProactiveAudio: false,
  isProactiveAlways: true,
  functionBehavior: 'non-blocking-default',
  refusesAudioDuringToolCall: false,
  acceptsClientContent: true,
  historySeeding: 'client-content',
  seedEndsWithUserTurn: false,
  acceptsTranscriptionLanguageCodes: true,
}

/** Gemini 3.8 Live extended thinking: `thinkingLevel` low/medium/high, function calling async only. */
export const GEMINI_38_EXTENDED_THINKING_PROFILE: ModelProfile = {
  ...GEMINI_38_PROFILE,
  family: 'gemini-3.8-extended-thinking',
  sources: [
    'docs/protocol.md §0.1 model table: gemini-3.8-live-extended-thinking, "function calling async only"',
    `${TABLE}, column 3.8 extended thinking`,
    TRANSCRIPTION_HINT_SOURCE,
  ],
  thinking: 'level',
  thinkingLevels: ['low', 'medium', 'high'],
  functionBehavior: 'async-only',
}

/** Gemini 3.1 Flash Live: `thinkingLevel`, no affective dialog or proactivity, initial history only, BLOCKING tools only. */
export const GEMINI_31_PROFILE: ModelProfile = {
  family: 'gemini-3.1',
  sources: [
    `${TABLE}, column 3.1`,
    TRANSCRIPTION_HINT_SOURCE,
    'wire-samples/u04-close-reasons-real-server-matrix.json (TEXT on 3.1: 1007)',
    'ai.google.dev model page gemini-3.1-flash-live (cited in docs/protocol.md §0.1)',
  ],
  contextWindowTokens: 128_000,
  modalities: ['AUDIO'],
  voices: NATIVE_AUDIO_VOICES,
  isLanguageSelectable: false,
  thinking: 'level',
  thinkingLevels: ['minimal', 'low', 'medium', 'high'],
  hasAffectiveDialog: false,
  hasProactiveAudio: false,
  isProactiveAlways: false,
  functionBehavior: 'blocking-only',
  refusesAudioDuringToolCall: true,
  acceptsClientContent: false,
  historySeeding: 'initial-history',
  seedEndsWithUserTurn: false,
  acceptsTranscriptionLanguageCodes: true,
}

/** Gemini 2.5 Flash native audio: `thinkingBudget`, affective dialog and proactive audio opt-in (v1alpha), both tool behaviours. */
export const GEMINI_25_NATIVE_AUDIO_PROFILE: ModelProfile = {
  family: 'gemini-2.5-native-audio',
  sources: [`${TABLE}, column 2.5 native audio`, 'docs/protocol.md §0.1: "a seeded history must end with a user turn" [user-reported]', TRANSCRIPTION_HINT_SOURCE],
  contextWindowTokens: 128_000,
  modalities: ['AUDIO'],
  voices: NATIVE_AUDIO_VOICES,
  isLanguageSelectable: false,
  thinking: 'budget',
  thinkingLevels: [],
  hasAffectiveDialog: true,
  hasProactiveAudio: true,
  isProactiveAlways: false,
  functionBehavior: 'both',
  refusesAudioDuringToolCall: true,
  acceptsClientContent: true,
  historySeeding: 'client-content',
  seedEndsWithUserTurn: true,
  acceptsTranscriptionLanguageCodes: true,
}

/**
 * A listed Live model that matches no known family: audio out, transcripts, no optional field
 * (no thinking, affective dialog, proactivity, tool behaviour or history), so its setup is the
 * smallest one every Live model in §0.1 accepts.
 */
export const CONSERVATIVE_PROFILE: ModelProfile = {
  family: 'other',
  sources: ['docs/protocol.md §0.1: the fields every current Live model accepts (AUDIO, transcription, Google Search)'],
  contextWindowTokens: 32_768,
  modalities: ['AUDIO'],
  voices: NATIVE_AUDIO_VOICES,
  isLanguageSelectable: false,
  thinking: 'none',
  thinkingLevels: [],
  hasAffectiveDialog: false,
  hasProactiveAudio: false,
  isProactiveAlways: false,
  functionBehavior: 'blocking-only',
  refusesAudioDuringToolCall: true,
  acceptsClientContent: false,
  historySeeding: 'none',
  seedEndsWithUserTurn: false,
  acceptsTranscriptionLanguageCodes: false,
}

/** Families by id prefix, most specific first (an extended-thinking id also starts with `gemini-3.8-live`). */
const FAMILIES: readonly { prefix: RegExp; profile: ModelProfile }[] = [
  { prefix: /^gemini-3\.8-live-extended-thinking(?:$|-)/, profile: GEMINI_38_EXTENDED_THINKING_PROFILE },
  { prefix: /^gemini-3\.8-live(?:$|-)/, profile: GEMINI_38_PROFILE },
  { prefix: /^gemini-3\.1-flash-live(?:$|-)/, profile: GEMINI_31_PROFILE },
  { prefix: /^gemini-2\.5-flash-native-audio(?:$|-)/, profile: GEMINI_25_NATIVE_AUDIO_PROFILE },
]

/** The model Google recommends and Sightline starts with (stable since 2026-09-15, docs/protocol.md §0.1). */
export const DEFAULT_MODEL_ID = 'gemini-3.8-live'
/** Where a user whose model was retired is moved to. */
export const RECOMMENDED_MODEL_ID = DEFAULT_MODEL_ID

/**
 * Ids Google shut down or deprecated (docs/protocol.md §0.1: the first two on 2025-12-09, the
 * 09-2025 native-audio preview in March 2026). Never offered; saved settings naming one move to
 * {@link RECOMMENDED_MODEL_ID}.
 */
export const RETIRED_MODEL_IDS: readonly string[] = [
  'gemini-2.5-flash-native-audio-preview-09-2025',
  'gemini-live-2.5-flash-preview',
  'gemini-2.0-flash-live-001',
]

/** The Live models Sightline offers when `models.list()` cannot be reached and nothing is cached. */
export const MODELS: readonly LiveModel[] = [
  { ...GEMINI_38_PROFILE, id: 'gemini-3.8-live', label: 'Gemini 3.8 Live', isPreview: false },
  { ...GEMINI_38_EXTENDED_THINKING_PROFILE, id: 'gemini-3.8-live-extended-thinking', label: 'Gemini 3.8 Live (extended thinking)', isPreview: false },
  { ...GEMINI_31_PROFILE, id: 'gemini-3.1-flash-live-preview', label: 'Gemini 3.1 Flash Live', isPreview: true },
  { ...GEMINI_25_NATIVE_AUDIO_PROFILE, id: 'gemini-2.5-flash-native-audio-preview-12-2025', label: 'Gemini 2.5 Flash (native audio)', isPreview: true },
]

/** True for an id Google retired (see {@link RETIRED_MODEL_IDS}). */
export function isRetiredModel(id: string): boolean {
  return RETIRED_MODEL_IDS.includes(id)
}

/** The family profile for a model id; {@link CONSERVATIVE_PROFILE} when the id matches no family. */
export function profileFor(id: string): ModelProfile {
  return FAMILIES.find((f) => f.prefix.test(id))?.profile ?? CONSERVATIVE_PROFILE
}

/**
 * The model to use for an id: the built-in entry, else the id with its family's profile (a model
 * `models.list()` showed that is newer than this release). `label` defaults to the id; a preview
 * is anything whose id says so.
 */
export function describeModel(id: string, label?: string): LiveModel {
  const builtIn = MODELS.find((m) => m.id === id)
  if (builtIn) return label ? { ...builtIn, label } : builtIn
  return { ...profileFor(id), id, label: label || id, isPreview: /preview|exp/i.test(id) }
}

/** The built-in catalogue entry for an id, or undefined for a model this release does not ship. */
export function findModel(id: string): LiveModel | undefined {
  return MODELS.find((m) => m.id === id)
}

export type ModelFeature = 'TEXT' | 'AUDIO' | 'language' | 'affectiveDialog' | 'proactiveAudio'

/** Why a model cannot do a thing, in the UI language (catalogue `models.*`) for the settings view; null when it can. */
export function unsupportedReason(model: LiveModel, feature: ModelFeature, t: Translate): string | null {
  const named = { model: model.label }
  switch (feature) {
    case 'TEXT':
    case 'AUDIO': {
      if (model.modalities.includes(feature)) return null
      const words = model.modalities.map((m) => t(`controls.modality.${m.toLowerCase()}`))
      const modalities = words.reduce((first, second) => t('models.or', { first, second }))
      return t('models.onlyAnswersWith', { ...named, modalities })
    }
    case 'language':
      return model.isLanguageSelectable ? null : t('models.picksLanguage', named)
    case 'affectiveDialog':
      return model.hasAffectiveDialog ? null : t('models.noAffective', named)
    case 'proactiveAudio':
      if (model.isProactiveAlways) return t('models.proactiveAlways', named)
      return model.hasProactiveAudio ? null : t('models.noProactive', named)
    default:
      return assertNever(feature, 'model feature')
  }
}
