/**
 * The parts of the Live API wire shapes the engine uses, written structurally so `core/` does
 * not import @google/genai. They mirror `LiveConnectConfig`, `LiveServerMessage` and friends in
 * @google/genai 3.1.0 (see docs/protocol.md §3–§4); the transport adapter
 * checks at compile time that they still fit the SDK's types.
 */

export interface Blob {
  data: string
  mimeType: string
}

export interface Part {
  text?: string
  thought?: boolean
  inlineData?: { data?: string; mimeType?: string }
  executableCode?: { language?: string; code?: string }
  codeExecutionResult?: { outcome?: string; output?: string }
}

export interface Content {
  role?: string
  parts?: Part[]
}

export interface FunctionDeclaration {
  name: string
  description?: string
  behavior?: 'BLOCKING' | 'NON_BLOCKING'
  parametersJsonSchema?: unknown
}

export interface Tool {
  functionDeclarations?: FunctionDeclaration[]
  codeExecution?: Record<string, never>
  googleSearch?: Record<string, never>
}

export interface LiveConfig {
  responseModalities?: ('AUDIO' | 'TEXT')[]
  speechConfig?: { voiceConfig?: { prebuiltVoiceConfig?: { voiceName?: string } }; languageCode?: string }
  systemInstruction?: string
  /** `languageCodes`: BCP-47 hints for the user's speech (live-protocol.md §3 setup fields). */
  inputAudioTranscription?: { languageCodes?: string[] }
  outputAudioTranscription?: Record<string, never>
  realtimeInputConfig?: {
    automaticActivityDetection?: {
      disabled?: boolean
      startOfSpeechSensitivity?: 'START_SENSITIVITY_HIGH' | 'START_SENSITIVITY_LOW'
      endOfSpeechSensitivity?: 'END_SENSITIVITY_HIGH' | 'END_SENSITIVITY_LOW'
      prefixPaddingMs?: number
      silenceDurationMs?: number
    }
    activityHandling?: 'START_OF_ACTIVITY_INTERRUPTS' | 'NO_INTERRUPTION'
  }
  mediaResolution?: 'MEDIA_RESOLUTION_LOW' | 'MEDIA_RESOLUTION_MEDIUM' | 'MEDIA_RESOLUTION_HIGH'
  thinkingConfig?: { thinkingBudget?: number; thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH'; includeThoughts?: boolean }
  enableAffectiveDialog?: boolean
  proactivity?: { proactiveAudio?: boolean }
  tools?: Tool[]
  contextWindowCompression?: { triggerTokens?: string; slidingWindow?: { targetTokens?: string } }
  sessionResumption?: { handle?: string }
  /**
   * `setup.historyConfig` (3.1: the only way to seed history). @google/genai 3.1.0's
   * LiveConnectConfig has no such field, so the transport adds it to the setup frame itself.
   */
  historyConfig?: { initialHistoryInClientContent?: boolean }
}

export interface RealtimeInput {
  audio?: Blob
  video?: Blob
  text?: string
  activityStart?: Record<string, never>
  activityEnd?: Record<string, never>
  audioStreamEnd?: boolean
}

/** A turn we send in `clientContent`: text (or inline media) parts only. */
export interface ClientTurn {
  role?: string
  parts?: { text?: string; inlineData?: Blob }[]
}

export interface ClientContent {
  turns?: ClientTurn[]
  turnComplete?: boolean
}

export interface FunctionCall {
  id?: string
  name?: string
  args?: Record<string, unknown>
}

/** One answer to a function call (docs/protocol.md §3.4); `scheduling` and `willContinue` only for NON_BLOCKING calls. */
export interface FunctionResponse {
  id: string
  name: string
  response: Record<string, unknown>
  scheduling?: 'INTERRUPT' | 'WHEN_IDLE' | 'SILENT'
  willContinue?: boolean
}

export interface Transcription {
  text?: string
  finished?: boolean
}

/** A token count: a JSON number on the wire (r02), but int64 fields may come as strings (f03); read with `tokenCount()`. */
export type WireCount = number | string

export interface ModalityTokenCount {
  modality?: string
  tokenCount?: WireCount
}

export interface UsageMetadata {
  promptTokenCount?: WireCount
  responseTokenCount?: WireCount
  totalTokenCount?: WireCount
  thoughtsTokenCount?: WireCount
  toolUsePromptTokenCount?: WireCount
  promptTokensDetails?: ModalityTokenCount[]
  responseTokensDetails?: ModalityTokenCount[]
}

export interface GroundingMetadata {
  webSearchQueries?: string[]
  groundingChunks?: { web?: { uri?: string; title?: string } }[]
}

export interface ServerContent {
  modelTurn?: Content
  turnComplete?: boolean
  generationComplete?: boolean
  interrupted?: boolean
  inputTranscription?: Transcription
  outputTranscription?: Transcription
  groundingMetadata?: GroundingMetadata
  turnCompleteReason?: string
  waitingForInput?: boolean
}

export interface LiveServerMessage {
  setupComplete?: object
  serverContent?: ServerContent
  toolCall?: { functionCalls?: FunctionCall[] }
  toolCallCancellation?: { ids?: string[] }
  usageMetadata?: UsageMetadata
  goAway?: { timeLeft?: string }
  sessionResumptionUpdate?: { newHandle?: string; resumable?: boolean }
}
