import { assertNever } from './assertNever'
/**
 * Which Live model offers what. The settings view only offers what the chosen model supports,
 * and the engine refuses to send a setup the model would close with 1007/1011.
 * Sources: ai.google.dev Live API model pages and docs/protocol.md §3, §5.
 */

export type Modality = 'AUDIO' | 'TEXT'

export interface LiveModel {
  id: string
  label: string
  /** native-audio models speak directly; half-cascade models synthesise speech from text. */
  architecture: 'native-audio' | 'half-cascade'
  contextWindowTokens: number
  modalities: readonly Modality[]
  voices: readonly string[]
  /** Native-audio models pick the spoken language themselves; a language code is not accepted. */
  isLanguageSelectable: boolean
  hasAffectiveDialog: boolean
  hasProactiveAudio: boolean
  hasThinking: boolean
  /** Some models close with 1008 when realtime audio arrives while a tool call is unanswered. */
  refusesAudioDuringToolCall: boolean
  /** Gemini 3.1 Live models reject mid-session `clientContent`; typed text goes as `realtimeInput.text`. */
  acceptsClientContent: boolean
  isPreview: boolean
}

const HALF_CASCADE_VOICES = ['Puck', 'Charon', 'Kore', 'Fenrir', 'Aoede', 'Leda', 'Orus', 'Zephyr'] as const

const NATIVE_AUDIO_VOICES = [
  'Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe',
  'Enceladus', 'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi',
  'Laomedeia', 'Achernar', 'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird',
  'Zubenelgenubi', 'Vindemiatrix', 'Sadachbia', 'Sadaltager', 'Sulafat',
] as const

/** BCP-47 codes the half-cascade models accept as `speechConfig.languageCode`. */
export const LANGUAGES = [
  'ar-EG', 'bn-BD', 'de-DE', 'en-AU', 'en-GB', 'en-IN', 'en-US', 'es-ES', 'es-US', 'fr-CA', 'fr-FR',
  'gu-IN', 'hi-IN', 'id-ID', 'it-IT', 'ja-JP', 'kn-IN', 'ko-KR', 'ml-IN', 'mr-IN', 'nl-NL', 'pl-PL',
  'pt-BR', 'ru-RU', 'ta-IN', 'te-IN', 'th-TH', 'tr-TR', 'vi-VN', 'cmn-CN',
] as const

export const MODELS: readonly LiveModel[] = [
  {
    id: 'gemini-2.5-flash-native-audio-preview-09-2025',
    label: 'Gemini 2.5 Flash (native audio)',
    architecture: 'native-audio',
    contextWindowTokens: 128_000,
    modalities: ['AUDIO'],
    voices: NATIVE_AUDIO_VOICES,
    isLanguageSelectable: false,
    hasAffectiveDialog: true,
    hasProactiveAudio: true,
    hasThinking: true,
    refusesAudioDuringToolCall: true,
    acceptsClientContent: true,
    isPreview: true,
  },
  {
    id: 'gemini-3.1-flash-live-preview',
    label: 'Gemini 3.1 Flash Live',
    architecture: 'native-audio',
    contextWindowTokens: 128_000,
    modalities: ['AUDIO'],
    voices: NATIVE_AUDIO_VOICES,
    isLanguageSelectable: false,
    hasAffectiveDialog: false,
    hasProactiveAudio: false,
    hasThinking: true,
    refusesAudioDuringToolCall: true,
    acceptsClientContent: false,
    isPreview: true,
  },
  {
    id: 'gemini-live-2.5-flash-preview',
    label: 'Gemini 2.5 Flash Live (half-cascade)',
    architecture: 'half-cascade',
    contextWindowTokens: 32_000,
    modalities: ['AUDIO', 'TEXT'],
    voices: HALF_CASCADE_VOICES,
    isLanguageSelectable: true,
    hasAffectiveDialog: false,
    hasProactiveAudio: false,
    hasThinking: false,
    refusesAudioDuringToolCall: false,
    acceptsClientContent: true,
    isPreview: true,
  },
  {
    id: 'gemini-2.0-flash-live-001',
    label: 'Gemini 2.0 Flash Live (half-cascade)',
    architecture: 'half-cascade',
    contextWindowTokens: 32_000,
    modalities: ['AUDIO', 'TEXT'],
    voices: HALF_CASCADE_VOICES,
    isLanguageSelectable: true,
    hasAffectiveDialog: false,
    hasProactiveAudio: false,
    hasThinking: false,
    refusesAudioDuringToolCall: false,
    acceptsClientContent: true,
    isPreview: false,
  },
]

export const DEFAULT_MODEL_ID = 'gemini-2.5-flash-native-audio-preview-09-2025'

/** The catalogue entry for an id, or undefined for a model we do not know. */
export function findModel(id: string): LiveModel | undefined {
  return MODELS.find((m) => m.id === id)
}

export type ModelFeature = 'TEXT' | 'AUDIO' | 'language' | 'affectiveDialog' | 'proactiveAudio' | 'thinking'

/** Why a model cannot do a thing, in words for the settings view; null when it can. */
export function unsupportedReason(model: LiveModel, feature: ModelFeature): string | null {
  switch (feature) {
    case 'TEXT':
    case 'AUDIO':
      return model.modalities.includes(feature) ? null : `${model.label} only answers with ${model.modalities.join(' or ').toLowerCase()}.`
    case 'language':
      return model.isLanguageSelectable ? null : `${model.label} picks the spoken language by itself.`
    case 'affectiveDialog':
      return model.hasAffectiveDialog ? null : `${model.label} does not offer affective dialog.`
    case 'proactiveAudio':
      return model.hasProactiveAudio ? null : `${model.label} does not offer proactive audio.`
    case 'thinking':
      return model.hasThinking ? null : `${model.label} does not think before answering.`
    default:
      return assertNever(feature, 'model feature')
  }
}
