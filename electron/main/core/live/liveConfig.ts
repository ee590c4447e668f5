import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import type { FunctionDeclaration, LiveConfig, Tool } from './liveTypes'
import { POINTER_RING_INSTRUCTION } from '../screen/pointerInstruction'

/** Extra inputs the settings alone do not hold. */
export interface LiveConfigExtras {
  /** Our local tools, sent as one `functionDeclarations` tool when local tools are on. */
  functionDeclarations?: readonly FunctionDeclaration[]
  /** Appended to the system instruction when a fresh session must carry the earlier conversation. */
  conversationSummary?: string
}

const SENSITIVITY = {
  start: { high: 'START_SENSITIVITY_HIGH', low: 'START_SENSITIVITY_LOW' },
  end: { high: 'END_SENSITIVITY_HIGH', low: 'END_SENSITIVITY_LOW' },
} as const

const MEDIA_RESOLUTION = { low: 'MEDIA_RESOLUTION_LOW', medium: 'MEDIA_RESOLUTION_MEDIUM', high: 'MEDIA_RESOLUTION_HIGH' } as const

/**
 * Maps settings to the Live setup for one model. Anything the model catalogue says the model
 * cannot do is left out (the server would close with 1007/1011), resumption is always requested
 * and context compression is on unless turned off: without it audio+video sessions end after
 * about two minutes (docs/protocol.md §5). `v1alpha` only when a v1alpha-only field is sent.
 */
export function buildLiveConfig(
  settings: Settings,
  model: LiveModel,
  resumptionHandle?: string,
  extras: LiveConfigExtras = {},
): { config: LiveConfig; apiVersion: 'v1alpha' | 'v1beta' } {
  const modality = model.modalities.includes(settings.responseModality) ? settings.responseModality : model.modalities[0]!
  const config: LiveConfig = { responseModalities: [modality] }

  if (modality === 'AUDIO') {
    const voiceName = model.voices.includes(settings.voice) ? settings.voice : model.voices[0]
    config.speechConfig = { voiceConfig: { prebuiltVoiceConfig: { voiceName } } }
    if (model.isLanguageSelectable && settings.languageCode) config.speechConfig.languageCode = settings.languageCode
  }

  const instruction = [settings.systemInstruction.trim(), settings.point.pointerRing ? POINTER_RING_INSTRUCTION : '', extras.conversationSummary?.trim()]
    .filter(Boolean)
    .join('\n\n')
  if (instruction) config.systemInstruction = instruction

  if (settings.inputTranscription) config.inputAudioTranscription = {}
  if (settings.outputTranscription && modality === 'AUDIO') config.outputAudioTranscription = {}

  config.realtimeInputConfig =
    settings.vad.mode === 'push-to-talk'
      ? { automaticActivityDetection: { disabled: true } }
      : {
          automaticActivityDetection: {
            disabled: false,
            ...(settings.vad.startSensitivity !== 'default' && { startOfSpeechSensitivity: SENSITIVITY.start[settings.vad.startSensitivity] }),
            ...(settings.vad.endSensitivity !== 'default' && { endOfSpeechSensitivity: SENSITIVITY.end[settings.vad.endSensitivity] }),
            prefixPaddingMs: settings.vad.prefixPaddingMs,
            silenceDurationMs: settings.vad.silenceDurationMs,
          },
        }

  if (settings.mediaResolution !== 'default') config.mediaResolution = MEDIA_RESOLUTION[settings.mediaResolution]

  if (model.hasThinking && (settings.thinking.budget !== null || settings.thinking.includeThoughts)) {
    config.thinkingConfig = {
      ...(settings.thinking.budget !== null && { thinkingBudget: settings.thinking.budget }),
      ...(settings.thinking.includeThoughts && { includeThoughts: true }),
    }
  }

  const affective = model.hasAffectiveDialog && settings.affectiveDialog
  const proactive = model.hasProactiveAudio && settings.proactiveAudio
  if (affective) config.enableAffectiveDialog = true
  if (proactive) config.proactivity = { proactiveAudio: true }

  const tools: Tool[] = []
  if (settings.tools.localTools && extras.functionDeclarations?.length) tools.push({ functionDeclarations: [...extras.functionDeclarations] })
  if (settings.tools.codeExecution) tools.push({ codeExecution: {} })
  if (settings.tools.googleSearch) tools.push({ googleSearch: {} })
  if (tools.length) config.tools = tools

  if (settings.contextCompression) {
    // Trigger at 80 % of the model's window and slide back to half of it, leaving room for the reply.
    const window = model.contextWindowTokens
    config.contextWindowCompression = {
      triggerTokens: String(Math.floor(window * 0.8)),
      slidingWindow: { targetTokens: String(Math.floor(window * 0.5)) },
    }
  }

  config.sessionResumption = resumptionHandle ? { handle: resumptionHandle } : {}

  return { config, apiVersion: affective || proactive ? 'v1alpha' : 'v1beta' }
}
