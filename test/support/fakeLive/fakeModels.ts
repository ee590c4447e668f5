/**
 * The Live models the fake serves and the family rules each follows, written from
 * ../shared/reference/live-protocol.md §0.1 (not from Sightline's own catalogue, so the fake can
 * disagree with the engine the way Google can).
 */
export type FakeModelFamily = '3.8' | '3.8-extended-thinking' | '3.1' | '2.5-native-audio' | 'text-test'

/** One model the fake serves, with what `GET /v1beta/models` says about it. */
export interface FakeModel {
  id: string
  family: FakeModelFamily
  displayName: string
  inputTokenLimit: number
  outputTokenLimit: number
}

/** The four Live models Google offers today (live-protocol.md §0.1 model table). */
export const CURRENT_LIVE_MODELS: readonly FakeModel[] = [
  { id: 'gemini-3.8-live', family: '3.8', displayName: 'Gemini 3.8 Live', inputTokenLimit: 131_072, outputTokenLimit: 65_536 },
  {
    id: 'gemini-3.8-live-extended-thinking',
    family: '3.8-extended-thinking',
    displayName: 'Gemini 3.8 Live Extended Thinking',
    inputTokenLimit: 131_072,
    outputTokenLimit: 65_536,
  },
  { id: 'gemini-3.1-flash-live-preview', family: '3.1', displayName: 'Gemini 3.1 Flash Live Preview', inputTokenLimit: 131_072, outputTokenLimit: 65_536 },
  {
    id: 'gemini-2.5-flash-native-audio-preview-12-2025',
    family: '2.5-native-audio',
    displayName: 'Gemini 2.5 Flash Native Audio Preview 12-2025',
    inputTokenLimit: 131_072,
    outputTokenLimit: 8_192,
  },
]

/**
 * Not a Google model: one that still answers in TEXT, as the retired half-cascade models did, for
 * replaying the recorded TEXT sessions (wire samples r02–r04) and testing text answers. Never
 * served unless a test asks for it.
 */
export const TEXT_TEST_MODEL: FakeModel = { id: 'gemini-text-test-live', family: 'text-test', displayName: 'Text test model (not a Google model)', inputTokenLimit: 32_768, outputTokenLimit: 8_192 }

/** Models the listing also shows that are not Live models (no `bidiGenerateContent`), as the real list does. */
export const NON_LIVE_MODELS: readonly { id: string; displayName: string; methods: string[] }[] = [
  { id: 'gemini-3.8-flash', displayName: 'Gemini 3.8 Flash', methods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'] },
  { id: 'gemini-embedding-001', displayName: 'Gemini Embedding 001', methods: ['embedContent', 'countTextTokens', 'countTokens'] },
]

/** The family of a model id (with or without `models/`), or null when the fake does not serve it. */
export function familyOf(model: string, served: readonly FakeModel[] = CURRENT_LIVE_MODELS): FakeModel | null {
  const id = model.replace(/^models\//, '')
  return served.find((m) => m.id === id) ?? null
}

/** The REST shape of one entry of `GET /v1beta/models` (Gemini API `Model` resource). */
export function restModel(model: { id: string; displayName: string; inputTokenLimit?: number; outputTokenLimit?: number }, methods: readonly string[]) {
  return {
    name: `models/${model.id}`,
    version: '001',
    displayName: model.displayName,
    description: `${model.displayName} (fake Live server)`,
    inputTokenLimit: model.inputTokenLimit ?? 131_072,
    outputTokenLimit: model.outputTokenLimit ?? 8_192,
    supportedGenerationMethods: [...methods],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  }
}
