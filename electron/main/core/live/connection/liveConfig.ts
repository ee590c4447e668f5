import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import { TRANSCRIPTION_LANGUAGE_CODE } from '../../../../../shared/i18n/catalogue'
import type { FunctionDeclaration, LiveConfig, Tool } from '../liveTypes'
import { POINTER_RING_INSTRUCTION } from '../../screen/pointerInstruction'

/** Extra inputs the settings alone do not hold. */
export interface LiveConfigExtras {
  /** Our local tools, sent as one `functionDeclarations` tool when local tools are on. */
  functionDeclarations?: readonly FunctionDeclaration[]
  /**
   * A fresh session will be seeded with earlier turns on a model that takes history only at the
   * start (3.1): the setup asks for `historyConfig.initialHistoryInClientContent`. Transcript text
   * itself never goes into the setup (issue 19 item 2): it is sent as structured turns.
   */
  seedsInitialHistory?: boolean
}

const THINKING_LEVEL = { minimal: 'MINIMAL', low: 'LOW', medium: 'MEDIUM', high: 'HIGH' } as const

const SENSITIVITY = {
  start: { high: 'START_SENSITIVITY_HIGH', low: 'START_SENSITIVITY_LOW' },
  end: { high: 'END_SENSITIVITY_HIGH', low: 'END_SENSITIVITY_LOW' },
} as const

const MEDIA_RESOLUTION = { low: 'MEDIA_RESOLUTION_LOW', medium: 'MEDIA_RESOLUTION_MEDIUM', high: 'MEDIA_RESOLUTION_HIGH' } as const

/**
 * Maps settings to the Live setup one model accepts (docs/protocol.md §0.1): anything its profile
 * says it does not take is left out, since the server closes over it (1007/1008/1011). 3.8:
 * AUDIO only, no `thinkingConfig`, no `enableAffectiveDialog`, never `proactivity` (always on;
 * `false` is an error). 3.8 extended thinking and 3.1: `thinkingLevel`. 2.5 native audio:
 * `thinkingBudget`, affective dialog and proactive audio opt-in on `v1alpha`. Tool declarations
 * carry `behavior` only where the profile's function behaviour allows it; code execution and
 * URL context are offered by no current Live model, so they are never sent. Resumption is always
 * requested and context compression is on unless turned off: without it audio+video sessions end
 * after about two minutes (docs/protocol.md §5).
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

  // App-authored text only: the transcript never goes into the system instruction (issue 19 item 2).
  const instruction = [settings.systemInstruction.trim(), settings.point.pointerRing ? POINTER_RING_INSTRUCTION : ''].filter(Boolean).join('\n\n')
  if (instruction) config.systemInstruction = instruction

  if (settings.inputTranscription) config.inputAudioTranscription = inputTranscriptionFor(settings, model)
  // On an AUDIO-only model the transcription is the only text of the answer, so it is always asked for.
  if (modality === 'AUDIO' && (settings.outputTranscription || !model.modalities.includes('TEXT'))) config.outputAudioTranscription = {}

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

  const thinkingConfig = thinkingFor(settings, model)
  if (thinkingConfig) config.thinkingConfig = thinkingConfig

  const affective = model.hasAffectiveDialog && settings.affectiveDialog
  const proactive = model.hasProactiveAudio && settings.proactiveAudio
  if (affective) config.enableAffectiveDialog = true
  if (proactive) config.proactivity = { proactiveAudio: true }

  const tools: Tool[] = []
  if (settings.tools.localTools && extras.functionDeclarations?.length) {
    tools.push({ functionDeclarations: extras.functionDeclarations.map((d) => withBehavior(d, model.functionBehavior)) })
  }
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
  if (extras.seedsInitialHistory && !resumptionHandle && model.historySeeding === 'initial-history') {
    config.historyConfig = { initialHistoryInClientContent: true }
  }

  return { config, apiVersion: affective || proactive ? 'v1alpha' : 'v1beta' }
}

/** `thinkingConfig` in the form the model takes, or undefined to leave the model's default (and always on 3.8). */
function thinkingFor(settings: Settings, model: LiveModel): LiveConfig['thinkingConfig'] {
  const { budget, level, includeThoughts } = settings.thinking
  if (model.thinking === 'budget' && (budget !== null || includeThoughts)) {
    return { ...(budget !== null && { thinkingBudget: budget }), ...(includeThoughts && { includeThoughts: true }) }
  }
  if (model.thinking === 'level') {
    const wire = level !== null && model.thinkingLevels.includes(level) ? THINKING_LEVEL[level] : undefined
    if (wire || includeThoughts) return { ...(wire && { thinkingLevel: wire }), ...(includeThoughts && { includeThoughts: true }) }
  }
  return undefined
}

/**
 * A declaration with the `behavior` the model takes: none on BLOCKING-only models, always
 * NON_BLOCKING on async-only ones, and the tool's own choice where both exist.
 */
function withBehavior(declaration: FunctionDeclaration, behavior: LiveModel['functionBehavior']): FunctionDeclaration {
  const { behavior: wanted, ...rest } = declaration
  switch (behavior) {
    case 'blocking-only':
      return rest
    case 'async-only':
      return { ...rest, behavior: 'NON_BLOCKING' }
    case 'non-blocking-default':
    case 'both':
      return wanted ? { ...rest, behavior: wanted } : rest
  }
}

/**
 * The input transcription setup: the UI language as a `languageCodes` hint (`de` → `de-DE`) where
 * the model takes it (profile `acceptsTranscriptionLanguageCodes`, live-protocol.md §3), else `{}`.
 * `uiLanguage` 'system' means the caller did not resolve the OS language (Assistant does), so no hint.
 */
function inputTranscriptionFor(settings: Settings, model: LiveModel): NonNullable<LiveConfig['inputAudioTranscription']> {
  if (!model.acceptsTranscriptionLanguageCodes || settings.uiLanguage === 'system') return {}
  return { languageCodes: [TRANSCRIPTION_LANGUAGE_CODE[settings.uiLanguage]] }
}
