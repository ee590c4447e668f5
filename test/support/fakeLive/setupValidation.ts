import type { LiveEndpoint } from './liveUrl'

/** A close the real server would send instead of `setupComplete`. */
export interface SetupRefusal {
  code: number
  reason: string
}

/** What the fake server knows about the models it serves. */
export interface ModelRules {
  /** Model ids (without `models/`) the server serves. */
  models: readonly string[]
  /** Models that only answer with audio: a TEXT setup is refused. */
  audioOnlyModels: readonly string[]
}

const SETUP_FIELDS = new Set([
  'model', 'generationConfig', 'systemInstruction', 'tools', 'sessionResumption', 'inputAudioTranscription',
  'outputAudioTranscription', 'realtimeInputConfig', 'contextWindowCompression', 'historyConfig', 'avatarConfig',
  'safetySettings', 'labels',
])
/** Fields only the v1alpha surface knows (live-protocol.md §5: `proactivity` on v1beta is "Unknown name"). */
const ALPHA_SETUP_FIELDS = new Set(['proactivity'])
const GENERATION_FIELDS = new Set([
  'responseModalities', 'temperature', 'topP', 'topK', 'maxOutputTokens', 'seed', 'mediaResolution', 'speechConfig',
  'thinkingConfig', 'candidateCount', 'presencePenalty', 'frequencyPenalty', 'translationConfig',
])
const ALPHA_GENERATION_FIELDS = new Set(['enableAffectiveDialog'])
const MODALITIES = new Set(['TEXT', 'AUDIO'])
const MEDIA_RESOLUTIONS = new Set(['MEDIA_RESOLUTION_UNSPECIFIED', 'MEDIA_RESOLUTION_LOW', 'MEDIA_RESOLUTION_MEDIUM', 'MEDIA_RESOLUTION_HIGH'])
const START_SENSITIVITY = new Set(['START_SENSITIVITY_UNSPECIFIED', 'START_SENSITIVITY_HIGH', 'START_SENSITIVITY_LOW'])
const END_SENSITIVITY = new Set(['END_SENSITIVITY_UNSPECIFIED', 'END_SENSITIVITY_HIGH', 'END_SENSITIVITY_LOW'])

const unknownField = (name: string, at: string): SetupRefusal => ({
  code: 1007,
  reason: `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`,
})
const invalidValue = (value: unknown, at: string): SetupRefusal => ({
  code: 1007,
  reason: `Invalid value at '${at}' (${typeof value === 'string' ? value : JSON.stringify(value)})`,
})

/** Checks a `setup` the way the real server does, returning the close it would send, or null. */
export function validateSetup(setup: unknown, endpoint: LiveEndpoint, rules: ModelRules): SetupRefusal | null {
  if (typeof setup !== 'object' || setup === null || Array.isArray(setup)) return { code: 1007, reason: 'Request contains an invalid argument.' }
  const s = setup as Record<string, unknown>
  const isAlpha = endpoint.apiVersion === 'v1alpha'
  for (const key of Object.keys(s)) {
    if (!SETUP_FIELDS.has(key) && !(isAlpha && ALPHA_SETUP_FIELDS.has(key))) return unknownField(key, 'setup')
  }
  const model = typeof s.model === 'string' ? s.model : ''
  const id = model.replace(/^models\//, '')
  if (!model.startsWith('models/') || !rules.models.includes(id)) {
    return { code: 1008, reason: `${model || 'models/'} is not found for API version ${endpoint.apiVersion}, or is not supported for bidiGenerateContent` }
  }
  const gen = (s.generationConfig ?? {}) as Record<string, unknown>
  for (const key of Object.keys(gen)) {
    if (!GENERATION_FIELDS.has(key) && !(isAlpha && ALPHA_GENERATION_FIELDS.has(key))) return unknownField(key, 'setup.generation_config')
  }
  const modalities = gen.responseModalities
  if (modalities !== undefined) {
    if (!Array.isArray(modalities) || modalities.length !== 1 || !MODALITIES.has(modalities[0] as string)) {
      return invalidValue(modalities, 'setup.generation_config.response_modalities')
    }
    if (modalities[0] === 'TEXT' && rules.audioOnlyModels.includes(id)) return { code: 1007, reason: 'Request contains an invalid argument.' }
  }
  if (gen.mediaResolution !== undefined && !MEDIA_RESOLUTIONS.has(gen.mediaResolution as string)) {
    return invalidValue(gen.mediaResolution, 'setup.generation_config.media_resolution')
  }
  const vad = ((s.realtimeInputConfig ?? {}) as Record<string, unknown>).automaticActivityDetection as Record<string, unknown> | undefined
  if (vad?.startOfSpeechSensitivity !== undefined && !START_SENSITIVITY.has(vad.startOfSpeechSensitivity as string)) {
    return invalidValue(vad.startOfSpeechSensitivity, 'setup.realtime_input_config.automatic_activity_detection.start_of_speech_sensitivity')
  }
  if (vad?.endOfSpeechSensitivity !== undefined && !END_SENSITIVITY.has(vad.endOfSpeechSensitivity as string)) {
    return invalidValue(vad.endOfSpeechSensitivity, 'setup.realtime_input_config.automatic_activity_detection.end_of_speech_sensitivity')
  }
  const resumption = s.sessionResumption as Record<string, unknown> | undefined
  if (resumption !== undefined && (typeof resumption !== 'object' || resumption === null || ('handle' in resumption && typeof resumption.handle !== 'string'))) {
    return invalidValue(resumption, 'setup.session_resumption.handle')
  }
  return null
}

/** Subtrees whose keys are user data (function schemas, arguments, results), never renamed. */
const OPAQUE_KEYS = new Set(['tools', 'args', 'response', 'parameters', 'parametersJsonSchema', 'labels'])

/** Turns Python-style `snake_case` keys into the `camelCase` the JS SDK sends, at every level but user data. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const key = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
      return [key, OPAQUE_KEYS.has(key) ? v : camelKeys(v)]
    }),
  )
}
