import { describe, expect, it } from 'vitest'
import { buildLiveConfig } from '../../../electron/main/core/live/connection/liveConfig'
import { POINTER_RING_INSTRUCTION } from '../../../electron/main/core/screen/pointerInstruction'
import type { FunctionDeclaration } from '../../../electron/main/core/live/liveTypes'
import { describeModel, findModel, type LiveModel } from '../../../shared/modelCatalogue'
import { DEFAULT_SETTINGS, applySettingsPatch, type SettingsPatch } from '../../../shared/settings'

const gemini38 = findModel('gemini-3.8-live')!
const extended = findModel('gemini-3.8-live-extended-thinking')!
const flash31 = findModel('gemini-3.1-flash-live-preview')!
const nativeAudio = findModel('gemini-2.5-flash-native-audio-preview-12-2025')!
const unknownFamily = describeModel('gemini-9.9-live-preview')

const DECLARATIONS: FunctionDeclaration[] = [
  { name: 'get_current_time', description: 'time' },
  { name: 'open_url', description: 'open', behavior: 'NON_BLOCKING' },
]

const build = (patch: SettingsPatch, model: LiveModel = gemini38, handle?: string, extras: { seedsInitialHistory?: boolean } = {}) =>
  buildLiveConfig(applySettingsPatch(DEFAULT_SETTINGS, { model: model.id, ...patch }), model, handle, { functionDeclarations: DECLARATIONS, ...extras })

/** Everything a user can turn on at once: each model must take only its share of it. */
const EVERYTHING: SettingsPatch = {
  responseModality: 'TEXT',
  languageCode: 'fr-FR',
  thinking: { budget: 512, level: 'high', includeThoughts: true },
  affectiveDialog: true,
  proactiveAudio: true,
}

describe('settings become the setup each model accepts (live-protocol.md §0.1)', () => {
  it('maps every common option on gemini-3.8-live', () => {
    const { config, apiVersion } = build({
      voice: 'Kore',
      systemInstruction: 'Be brief.',
      inputTranscription: true,
      outputTranscription: true,
      vad: { mode: 'hands-free', startSensitivity: 'low', endSensitivity: 'high', prefixPaddingMs: 40, silenceDurationMs: 800 },
      mediaResolution: 'low',
      tools: { localTools: true, googleSearch: true },
      contextCompression: true,
    })
    expect(apiVersion).toBe('v1beta')
    expect(config).toEqual({
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
      systemInstruction: `Be brief.\n\n${POINTER_RING_INSTRUCTION}`,
      inputAudioTranscription: {},
      outputAudioTranscription: {},
      realtimeInputConfig: {
        automaticActivityDetection: {
          disabled: false,
          startOfSpeechSensitivity: 'START_SENSITIVITY_LOW',
          endOfSpeechSensitivity: 'END_SENSITIVITY_HIGH',
          prefixPaddingMs: 40,
          silenceDurationMs: 800,
        },
      },
      mediaResolution: 'MEDIA_RESOLUTION_LOW',
      tools: [{ functionDeclarations: DECLARATIONS }, { googleSearch: {} }],
      contextWindowCompression: { triggerTokens: '104857', slidingWindow: { targetTokens: '65536' } },
      sessionResumption: {},
    })
  })

  it('3.8: audio only with the transcript as its text; no thinkingConfig, no affective dialog, never proactiveAudio', () => {
    const { config, apiVersion } = build({ ...EVERYTHING, outputTranscription: false }, gemini38)
    expect(config.responseModalities).toEqual(['AUDIO'])
    expect(config.outputAudioTranscription).toEqual({})
    expect(config).not.toHaveProperty('thinkingConfig')
    expect(config).not.toHaveProperty('enableAffectiveDialog')
    expect(config).not.toHaveProperty('proactivity')
    expect(config.speechConfig).not.toHaveProperty('languageCode')
    expect(apiVersion).toBe('v1beta')
  })

  it('3.8 extended thinking: thinkingLevel low/medium/high only, every function NON_BLOCKING', () => {
    expect(build({ thinking: { level: 'medium' } }, extended).config.thinkingConfig).toEqual({ thinkingLevel: 'MEDIUM' })
    expect(build({ thinking: { level: 'minimal' } }, extended).config).not.toHaveProperty('thinkingConfig')
    const { config } = build(EVERYTHING, extended)
    expect(config.thinkingConfig).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true })
    expect(config).not.toHaveProperty('enableAffectiveDialog')
    expect(config).not.toHaveProperty('proactivity')
    expect(config.tools![0]!.functionDeclarations!.map((d) => d.behavior)).toEqual(['NON_BLOCKING', 'NON_BLOCKING'])
  })

  it('3.1: thinkingLevel (minimal too), no affective dialog or proactivity, BLOCKING functions only', () => {
    expect(build({ thinking: { level: 'minimal' } }, flash31).config.thinkingConfig).toEqual({ thinkingLevel: 'MINIMAL' })
    const { config, apiVersion } = build(EVERYTHING, flash31)
    expect(config.responseModalities).toEqual(['AUDIO'])
    expect(config.thinkingConfig).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true })
    expect(config).not.toHaveProperty('enableAffectiveDialog')
    expect(config).not.toHaveProperty('proactivity')
    expect(apiVersion).toBe('v1beta')
    expect(config.tools![0]!.functionDeclarations!.every((d) => d.behavior === undefined)).toBe(true)
  })

  it('3.1: asks for initial history in clientContent only when a fresh session will be seeded', () => {
    expect(build({}, flash31).config).not.toHaveProperty('historyConfig')
    expect(build({}, flash31, undefined, { seedsInitialHistory: true }).config.historyConfig).toEqual({ initialHistoryInClientContent: true })
    expect(build({}, flash31, 'h-1', { seedsInitialHistory: true }).config).not.toHaveProperty('historyConfig')
    expect(build({}, gemini38, undefined, { seedsInitialHistory: true }).config).not.toHaveProperty('historyConfig')
  })

  it('2.5 native audio: thinkingBudget, affective dialog and proactive audio opt-in on v1alpha, both tool behaviours', () => {
    const { config, apiVersion } = build(EVERYTHING, nativeAudio)
    expect(config.thinkingConfig).toEqual({ thinkingBudget: 512, includeThoughts: true })
    expect(config.enableAffectiveDialog).toBe(true)
    expect(config.proactivity).toEqual({ proactiveAudio: true })
    expect(apiVersion).toBe('v1alpha')
    expect(config.tools![0]!.functionDeclarations!.map((d) => d.behavior)).toEqual([undefined, 'NON_BLOCKING'])
    expect(build({ thinking: { budget: 0 } }, nativeAudio).config.thinkingConfig).toEqual({ thinkingBudget: 0 })
    expect(build({}, nativeAudio).config).not.toHaveProperty('thinkingConfig')
    expect(build({}, nativeAudio).apiVersion).toBe('v1beta')
  })

  it('a listed model of no known family gets the conservative setup: audio, transcripts, no optional field', () => {
    const { config, apiVersion } = build(EVERYTHING, unknownFamily)
    expect(config.responseModalities).toEqual(['AUDIO'])
    expect(config.outputAudioTranscription).toEqual({})
    for (const field of ['thinkingConfig', 'enableAffectiveDialog', 'proactivity', 'historyConfig']) expect(config).not.toHaveProperty(field)
    expect(config.tools![0]!.functionDeclarations!.every((d) => d.behavior === undefined)).toBe(true)
    expect(apiVersion).toBe('v1beta')
  })

  it('never sends code execution or URL context: no current Live model offers them', () => {
    for (const model of [gemini38, extended, flash31, nativeAudio, unknownFamily]) {
      const tools = build({ tools: { localTools: true, googleSearch: true } }, model).config.tools ?? []
      expect(tools.some((t) => 'codeExecution' in t || 'urlContext' in t)).toBe(false)
    }
  })

  it('turns automatic VAD off in push-to-talk mode so activityStart/End drive turns', () => {
    expect(build({ vad: { mode: 'push-to-talk' } }).config.realtimeInputConfig).toEqual({ automaticActivityDetection: { disabled: true } })
  })

  it('always asks for resumption, with the handle when resuming', () => {
    expect(build({}).config.sessionResumption).toEqual({})
    expect(build({}, gemini38, 'h-42').config.sessionResumption).toEqual({ handle: 'h-42' })
  })

  it('leaves compression out only when turned off, and sizes it to the model window', () => {
    expect(build({ contextCompression: false }).config.contextWindowCompression).toBeUndefined()
    expect(build({}, nativeAudio).config.contextWindowCompression).toEqual({ triggerTokens: '102400', slidingWindow: { targetTokens: '64000' } })
  })

  it('never sends an unknown voice', () => {
    const { config } = build({ voice: 'NoSuchVoice' }, nativeAudio)
    expect(config.speechConfig).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: nativeAudio.voices[0] } } })
  })

  it('omits tools that are off and the local tools when there are none', () => {
    expect(build({ tools: { localTools: false, googleSearch: false } }).config.tools).toBeUndefined()
  })

  it('puts only the user’s own instruction into systemInstruction: the transcript never goes there', () => {
    const settings = applySettingsPatch(DEFAULT_SETTINGS, { systemInstruction: 'Base.' })
    for (const model of [gemini38, flash31, nativeAudio]) {
      expect(buildLiveConfig(settings, model, undefined, { seedsInitialHistory: true }).config.systemInstruction).toBe(`Base.\n\n${POINTER_RING_INSTRUCTION}`)
    }
  })

  it('tells the model what the pointer ring means only while the ring is drawn', () => {
    expect(build({ systemInstruction: 'Base.' }).config.systemInstruction).toBe(`Base.\n\n${POINTER_RING_INSTRUCTION}`)
    expect(build({ systemInstruction: 'Base.', point: { pointerRing: false } }).config.systemInstruction).toBe('Base.')
  })
})

describe('the input transcription language hint follows the UI language where the model takes it (live-protocol.md §3)', () => {
  it.each([
    [gemini38.id, 'de', ['de-DE']],
    [extended.id, 'ja', ['ja-JP']],
    [flash31.id, 'es', ['es-ES']],
    [nativeAudio.id, 'en', ['en-US']],
  ] as const)('%s with the UI in %s asks for %j', (id, uiLanguage, languageCodes) => {
    expect(build({ inputTranscription: true, uiLanguage }, findModel(id)!).config.inputAudioTranscription).toEqual({ languageCodes: [...languageCodes] })
  })

  it('a model of no known family is sent no hint: only what every Live model takes', () => {
    expect(build({ inputTranscription: true, uiLanguage: 'de' }, unknownFamily).config.inputAudioTranscription).toEqual({})
  })

  it('an unresolved "system" language (the caller resolves the OS language first) sends no hint', () => {
    expect(build({ inputTranscription: true, uiLanguage: 'system' }).config.inputAudioTranscription).toEqual({})
  })

  it('no input transcription, no hint', () => {
    expect(build({ inputTranscription: false, uiLanguage: 'de' }).config).not.toHaveProperty('inputAudioTranscription')
  })
})
