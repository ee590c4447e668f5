import { familyOf, type FakeModel, type FakeModelFamily } from './fakeModels'
import type { LiveEndpoint } from './liveUrl'

/** A close the real server would send instead of `setupComplete`. */
export interface SetupRefusal {
  code: number
  reason: string
}

/** What the fake server knows about the models it serves. */
export interface ModelRules {
  /** The models the server serves, each with its family's rules. */
  models: readonly FakeModel[]
  /** How an unknown model is refused: the 1008 most surfaces send, or one of the 1007 texts others do (wire-samples/u04). */
  unknownModel?: UnknownModelStyle
}

/** The three ways the real service refuses a model it does not serve (wire-samples/u04). */
export type UnknownModelStyle = 'not-found' | 'not-in-live-api' | 'non-existing'

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
const THINKING_LEVELS = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']

/** `Internal error encountered.`: what the real server closes with when a setup it does not take wedges it (wire-samples/u04). */
export const INTERNAL_ERROR: SetupRefusal = { code: 1011, reason: 'Internal error encountered.' }
const INVALID_ARGUMENT: SetupRefusal = { code: 1007, reason: 'Request contains an invalid argument.' }

const unknownField = (name: string, at: string): SetupRefusal => ({
  code: 1007,
  reason: `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`,
})
const invalidValue = (value: unknown, at: string): SetupRefusal => ({
  code: 1007,
  reason: `Invalid value at '${at}' (${typeof value === 'string' ? value : JSON.stringify(value)})`,
})
const notSupported = (what: string, model: string): SetupRefusal => ({ code: 1007, reason: `${what} is not supported for ${model}.` })

/**
 * The close for a model the server does not serve, in the real texts (wire-samples/u04; the 1008
 * one is longer than 123 bytes and arrives cut, which {@link FakeLiveConnection.close} does).
 */
export function unknownModelRefusal(model: string, apiVersion: string, style: UnknownModelStyle = 'not-found'): SetupRefusal {
  const id = model.replace(/^models\//, '')
  switch (style) {
    case 'not-found':
      return {
        code: 1008,
        reason: `${model || 'models/'} is not found for API version ${apiVersion}, or is not supported for bidiGenerateContent. Call ListModels to see the list of available models and their supported methods.`,
      }
    case 'not-in-live-api':
      return { code: 1007, reason: `${id} is not supported in the live api.` }
    case 'non-existing':
      return { code: 1007, reason: `Non-existing model: '${id}' from Model Management Protoconf.` }
  }
}

/**
 * Checks a `setup` the way the real server does, returning the close it would send, or null.
 * Per family (live-protocol.md §0.1): 3.x refuses TEXT with the u04 text; 3.8 takes no
 * `thinkingConfig`, no `enableAffectiveDialog` and never `proactiveAudio: false`; 3.8 extended
 * thinking takes `thinkingLevel` low/medium/high and NON_BLOCKING functions only; 3.1 takes
 * `thinkingLevel`, BLOCKING functions only, and wedges (1011) on affective dialog; 2.5 native
 * audio takes `thinkingBudget`. No Live model offers code execution or URL context.
 */
export function validateSetup(setup: unknown, endpoint: LiveEndpoint, rules: ModelRules): SetupRefusal | null {
  if (typeof setup !== 'object' || setup === null || Array.isArray(setup)) return INVALID_ARGUMENT
  const s = setup as Record<string, unknown>
  const isAlpha = endpoint.apiVersion === 'v1alpha'
  for (const key of Object.keys(s)) {
    if (!SETUP_FIELDS.has(key) && !(isAlpha && ALPHA_SETUP_FIELDS.has(key))) return unknownField(key, 'setup')
  }
  const model = typeof s.model === 'string' ? s.model : ''
  const served = model.startsWith('models/') ? familyOf(model, rules.models) : null
  if (!served) return unknownModelRefusal(model, endpoint.apiVersion, rules.unknownModel)
  const gen = (s.generationConfig ?? {}) as Record<string, unknown>
  for (const key of Object.keys(gen)) {
    if (!GENERATION_FIELDS.has(key) && !(isAlpha && ALPHA_GENERATION_FIELDS.has(key))) return unknownField(key, 'setup.generation_config')
  }
  const modalities = gen.responseModalities
  if (modalities !== undefined) {
    if (!Array.isArray(modalities) || modalities.length !== 1 || !MODALITIES.has(modalities[0] as string)) {
      return invalidValue(modalities, 'setup.generation_config.response_modalities')
    }
    if (modalities[0] === 'TEXT' && served.family !== 'text-test') {
      return served.family === '2.5-native-audio'
        ? { code: 1007, reason: 'Cannot extract voices from a non-audio request.' }
        : { code: 1007, reason: `The requested combination of response modalities (TEXT) is not supported by the model. ${model}` }
    }
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
  return checkFamily(served.family, model, s, gen) ?? checkTools(served.family, model, s.tools)
}

function checkFamily(family: FakeModelFamily, model: string, s: Record<string, unknown>, gen: Record<string, unknown>): SetupRefusal | null {
  const thinking = gen.thinkingConfig as { thinkingBudget?: unknown; thinkingLevel?: unknown } | undefined
  const level = typeof thinking?.thinkingLevel === 'string' ? thinking.thinkingLevel.toUpperCase() : thinking?.thinkingLevel
  const affective = gen.enableAffectiveDialog !== undefined
  const proactivity = s.proactivity as { proactiveAudio?: unknown } | undefined
  const history = s.historyConfig as { initialHistoryInClientContent?: unknown } | undefined
  switch (family) {
    case '3.8':
      if (thinking !== undefined) return notSupported('thinking_config', model)
      if (affective) return notSupported('enable_affective_dialog', model)
      if (proactivity?.proactiveAudio === false) return { code: 1007, reason: `proactive_audio is always on for ${model} and cannot be set to false.` }
      if (history !== undefined) return notSupported('history_config', model)
      return null
    case '3.8-extended-thinking':
      if (thinking?.thinkingBudget !== undefined) return notSupported('thinking_budget', model)
      if (level !== undefined && !['LOW', 'MEDIUM', 'HIGH'].includes(level as string)) return invalidValue(thinking?.thinkingLevel, 'setup.generation_config.thinking_config.thinking_level')
      if (affective) return notSupported('enable_affective_dialog', model)
      if (proactivity !== undefined) return notSupported('proactivity', model)
      if (history !== undefined) return notSupported('history_config', model)
      return null
    case '3.1':
      if (thinking?.thinkingBudget !== undefined) return notSupported('thinking_budget', model)
      if (level !== undefined && !THINKING_LEVELS.includes(level as string)) return invalidValue(thinking?.thinkingLevel, 'setup.generation_config.thinking_config.thinking_level')
      // Users report the setup never completes; the real server's close for it is its generic internal error.
      if (affective) return INTERNAL_ERROR
      if (proactivity !== undefined) return notSupported('proactivity', model)
      return null
    case '2.5-native-audio':
      if (thinking?.thinkingLevel !== undefined) return notSupported('thinking_level', model)
      if (history !== undefined) return notSupported('history_config', model)
      return null
    case 'text-test':
      if (thinking !== undefined || affective || proactivity !== undefined || history !== undefined) return notSupported('this field', model)
      return null
  }
}

function checkTools(family: FakeModelFamily, model: string, tools: unknown): SetupRefusal | null {
  if (tools === undefined) return null
  if (!Array.isArray(tools)) return invalidValue(tools, 'setup.tools')
  for (const tool of tools as Record<string, unknown>[]) {
    if (tool.codeExecution !== undefined) return notSupported('Code execution', model)
    if (tool.urlContext !== undefined) return notSupported('URL context', model)
    for (const declaration of (tool.functionDeclarations ?? []) as { behavior?: unknown }[]) {
      const behavior = declaration.behavior ?? (family === '3.8' ? 'NON_BLOCKING' : 'BLOCKING')
      if (behavior !== 'BLOCKING' && behavior !== 'NON_BLOCKING') return invalidValue(behavior, 'setup.tools.function_declarations.behavior')
      if (family === '3.1' && behavior === 'NON_BLOCKING') return notSupported('NON_BLOCKING function calling', model)
      if (family === '3.8-extended-thinking' && behavior === 'BLOCKING') return notSupported('BLOCKING function calling', model)
    }
  }
  return null
}

/**
 * Whether a `clientContent` may be sent now (live-protocol.md §0.1): 3.1 takes it only as the
 * initial history its setup announced with `historyConfig.initialHistoryInClientContent`, until
 * the `turnComplete: true` that ends it; 3.8 wants an explicit role on every turn. Returns the
 * close to send, `'history'` for a history frame that must not start a model turn, or null.
 */
export function checkClientContent(
  family: FakeModelFamily,
  setup: Record<string, unknown> | null,
  content: { turns?: { role?: string }[]; turnComplete?: boolean },
  state: { isInitialHistoryDone: boolean },
): SetupRefusal | 'history' | null {
  const wantsHistory = (setup?.historyConfig as { initialHistoryInClientContent?: unknown } | undefined)?.initialHistoryInClientContent === true
  if (family === '3.1') {
    if (!wantsHistory || state.isInitialHistoryDone) return INVALID_ARGUMENT
    if (content.turnComplete === true) state.isInitialHistoryDone = true
    return 'history'
  }
  if (family === '3.8' && (content.turns ?? []).some((t) => t.role !== 'user' && t.role !== 'model')) return INVALID_ARGUMENT
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
