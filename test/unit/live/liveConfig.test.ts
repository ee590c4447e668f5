import { describe, expect, it } from 'vitest'
import { buildLiveConfig } from '../../../electron/main/core/live/liveConfig'
import { POINTER_RING_INSTRUCTION } from '../../../electron/main/core/screen/pointerInstruction'
import { findModel, type LiveModel } from '../../../shared/modelCatalogue'
import { DEFAULT_SETTINGS, applySettingsPatch, type SettingsPatch } from '../../../shared/settings'

const nativeAudio = findModel('gemini-2.5-flash-native-audio-preview-09-2025')!
const flash31 = findModel('gemini-3.1-flash-live-preview')!
const halfCascade = findModel('gemini-live-2.5-flash-preview')!

const build = (patch: SettingsPatch, model: LiveModel = halfCascade, handle?: string) =>
  buildLiveConfig(applySettingsPatch(DEFAULT_SETTINGS, { model: model.id, ...patch }), model, handle, {
    functionDeclarations: [{ name: 'get_current_time', description: 'time' }],
  })

describe('settings become the Live setup', () => {
  it('maps every option a half-cascade model offers', () => {
    const { config, apiVersion } = build({
      responseModality: 'AUDIO',
      voice: 'Kore',
      languageCode: 'fr-FR',
      systemInstruction: 'Be brief.',
      inputTranscription: true,
      outputTranscription: true,
      vad: { mode: 'hands-free', startSensitivity: 'low', endSensitivity: 'high', prefixPaddingMs: 40, silenceDurationMs: 800 },
      mediaResolution: 'low',
      tools: { localTools: true, codeExecution: true, googleSearch: true },
      contextCompression: true,
    })
    expect(apiVersion).toBe('v1beta')
    expect(config).toEqual({
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } }, languageCode: 'fr-FR' },
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
      tools: [{ functionDeclarations: [{ name: 'get_current_time', description: 'time' }] }, { codeExecution: {} }, { googleSearch: {} }],
      contextWindowCompression: { triggerTokens: '25600', slidingWindow: { targetTokens: '16000' } },
      sessionResumption: {},
    })
  })

  it('turns automatic VAD off in push-to-talk mode so activityStart/End drive turns', () => {
    expect(build({ vad: { mode: 'push-to-talk' } }).config.realtimeInputConfig).toEqual({ automaticActivityDetection: { disabled: true } })
  })

  it('always asks for resumption, with the handle when resuming', () => {
    expect(build({}).config.sessionResumption).toEqual({})
    expect(build({}, halfCascade, 'h-42').config.sessionResumption).toEqual({ handle: 'h-42' })
  })

  it('leaves compression out only when turned off, and sizes it to the model window', () => {
    expect(build({ contextCompression: false }).config.contextWindowCompression).toBeUndefined()
    expect(build({}, nativeAudio).config.contextWindowCompression).toEqual({ triggerTokens: '102400', slidingWindow: { targetTokens: '64000' } })
  })

  it('asks a text session for text and sends no voice', () => {
    const { config } = build({ responseModality: 'TEXT', outputTranscription: true })
    expect(config.responseModalities).toEqual(['TEXT'])
    expect(config.speechConfig).toBeUndefined()
    expect(config.outputAudioTranscription).toBeUndefined()
  })

  it('never sends what the model cannot do: TEXT, language and unknown voices on native audio', () => {
    const { config } = build({ responseModality: 'TEXT', languageCode: 'de-DE', voice: 'NoSuchVoice' }, nativeAudio)
    expect(config.responseModalities).toEqual(['AUDIO'])
    expect(config.speechConfig).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: nativeAudio.voices[0] } } })
  })

  it('uses v1alpha only for affective dialog or proactive audio, and only on models that have them', () => {
    const affective = build({ affectiveDialog: true }, nativeAudio)
    expect(affective.apiVersion).toBe('v1alpha')
    expect(affective.config.enableAffectiveDialog).toBe(true)
    const proactive = build({ proactiveAudio: true }, nativeAudio)
    expect(proactive.apiVersion).toBe('v1alpha')
    expect(proactive.config.proactivity).toEqual({ proactiveAudio: true })
    const refused = build({ affectiveDialog: true, proactiveAudio: true }, flash31)
    expect(refused.apiVersion).toBe('v1beta')
    expect(refused.config.enableAffectiveDialog).toBeUndefined()
    expect(refused.config.proactivity).toBeUndefined()
  })

  it('sends thinking budget and thought summaries only to thinking models', () => {
    expect(build({ thinking: { budget: 512, includeThoughts: true } }, nativeAudio).config.thinkingConfig).toEqual({ thinkingBudget: 512, includeThoughts: true })
    expect(build({ thinking: { budget: 0 } }, nativeAudio).config.thinkingConfig).toEqual({ thinkingBudget: 0 })
    expect(build({ thinking: { budget: null, includeThoughts: false } }, nativeAudio).config.thinkingConfig).toBeUndefined()
    expect(build({ thinking: { budget: 512, includeThoughts: true } }, halfCascade).config.thinkingConfig).toBeUndefined()
  })

  it('omits tools that are off and the local tools when there are none', () => {
    expect(build({ tools: { localTools: false, codeExecution: false, googleSearch: false } }).config.tools).toBeUndefined()
  })

  it('carries a conversation summary after the system instruction', () => {
    const settings = applySettingsPatch(DEFAULT_SETTINGS, { systemInstruction: 'Base.' })
    const { config } = buildLiveConfig(settings, nativeAudio, undefined, { conversationSummary: 'User: hi' })
    expect(config.systemInstruction).toBe(`Base.\n\n${POINTER_RING_INSTRUCTION}\n\nUser: hi`)
  })

  it('tells the model what the pointer ring means only while the ring is drawn', () => {
    expect(build({ systemInstruction: 'Base.' }).config.systemInstruction).toBe(`Base.\n\n${POINTER_RING_INSTRUCTION}`)
    expect(build({ systemInstruction: 'Base.', point: { pointerRing: false } }).config.systemInstruction).toBe('Base.')
  })
})
