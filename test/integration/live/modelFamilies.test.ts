import { afterEach, describe, expect, it } from 'vitest'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import type { LiveConfig } from '../../../electron/main/core/live/liveTypes'
import type { LiveConnectRequest } from '../../../electron/main/core/ports'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import type { SettingsPatch } from '../../../shared/settings'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { EXTENDED_THINKING, FLASH_31, GEMINI_38, NATIVE_AUDIO, liveHarness, waitFor } from '../../support/live/liveHarness'


type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness | null = null
let server: FakeLiveServer | null = null
afterEach(async () => {
  await h?.stop()
  await server?.stop()
  h = null
  server = null
})

/** Every option a user can turn on: each family's setup must keep only its share, and the fake (§0.1 rules) must accept it. */
const EVERYTHING: SettingsPatch = {
  responseModality: 'TEXT',
  languageCode: 'de-DE',
  thinking: { budget: 512, level: 'high', includeThoughts: true },
  affectiveDialog: true,
  proactiveAudio: true,
  tools: { localTools: true, googleSearch: true },
}

describe('each model family’s setup, through the real SDK, accepted by the per-model rules of live-protocol.md §0.1', () => {
  it.each([
    [GEMINI_38, 'v1beta', (setup: Record<string, unknown>) => {
      expect(setup.generationConfig).not.toHaveProperty('thinkingConfig')
      expect(setup.generationConfig).not.toHaveProperty('enableAffectiveDialog')
      expect(setup).not.toHaveProperty('proactivity')
      expect(setup.outputAudioTranscription).toEqual({})
    }],
    [EXTENDED_THINKING, 'v1beta', (setup: Record<string, unknown>) => {
      expect(setup.generationConfig).toMatchObject({ thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } })
      const declarations = (setup.tools as { functionDeclarations?: { behavior?: string }[] }[])[0]!.functionDeclarations!
      expect(declarations.every((d) => d.behavior === 'NON_BLOCKING')).toBe(true)
    }],
    [FLASH_31, 'v1beta', (setup: Record<string, unknown>) => {
      expect(setup.generationConfig).toMatchObject({ thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } })
      expect(setup.generationConfig).not.toHaveProperty('enableAffectiveDialog')
      const declarations = (setup.tools as { functionDeclarations?: { behavior?: string }[] }[])[0]!.functionDeclarations!
      expect(declarations.every((d) => d.behavior === undefined)).toBe(true)
    }],
    [NATIVE_AUDIO, 'v1alpha', (setup: Record<string, unknown>) => {
      expect(setup.generationConfig).toMatchObject({ thinkingConfig: { thinkingBudget: 512, includeThoughts: true }, enableAffectiveDialog: true })
      expect(setup.proactivity).toEqual({ proactiveAudio: true })
    }],
  ])('%s with every option on goes live on %s', async (model, apiVersion, check) => {
    h = await liveHarness()
    await h.session.start(h.settings({ model, ...EVERYTHING }))
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: false })
    expect(h.server.connections[0]!.endpoint.apiVersion).toBe(apiVersion)
    const setup = h.server.received('setup')[0]!.setup as Record<string, unknown>
    expect(setup.model).toBe(`models/${model}`)
    expect(setup.generationConfig).toMatchObject({ responseModalities: ['AUDIO'] })
    expect((setup.tools as object[]).some((t) => 'codeExecution' in t || 'urlContext' in t)).toBe(false)
    check(setup)
  })

  it('3.8 answers a typed question sent as clientContent with an explicit role', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ model: GEMINI_38 }))
    h.session.sendText('Hello 3.8')
    await waitFor(() => h!.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer')
    expect(h.server.received('clientContent')).toEqual([{ clientContent: { turns: [{ role: 'user', parts: [{ text: 'Hello 3.8' }] }], turnComplete: true } }])
    expect(h.log.of('onTranscript').filter((t) => t.role === 'model').map((t) => t.text).join('')).toBe('You said: Hello 3.8')
  })
})

describe('setups each model refuses, with the real close codes and reasons', () => {
  const request = (model: string, config: LiveConfig, apiVersion: 'v1beta' | 'v1alpha' = 'v1beta'): LiveConnectRequest => ({ apiKey: 'test-key-1234', model, apiVersion, config })
  const blockingTool = { functionDeclarations: [{ name: 'get_current_time', behavior: 'BLOCKING' as const }] }
  const asyncTool = { functionDeclarations: [{ name: 'get_current_time', behavior: 'NON_BLOCKING' as const }] }

  it.each([
    ['3.8: TEXT', request(GEMINI_38, { responseModalities: ['TEXT'] }), 1007, 'The requested combination of response modalities (TEXT) is not supported by the model. models/gemini-3.8-live'],
    ['3.8: any thinkingConfig', request(GEMINI_38, { thinkingConfig: { thinkingBudget: 512 } }), 1007, 'thinking_config is not supported for models/gemini-3.8-live.'],
    ['3.8: enableAffectiveDialog', request(GEMINI_38, { enableAffectiveDialog: true }, 'v1alpha'), 1007, 'enable_affective_dialog is not supported for models/gemini-3.8-live.'],
    ['3.8: proactiveAudio false', request(GEMINI_38, { proactivity: { proactiveAudio: false } }, 'v1alpha'), 1007, 'proactive_audio is always on for models/gemini-3.8-live and cannot be set to false.'],
    ['3.8 extended thinking: thinkingLevel minimal', request(EXTENDED_THINKING, { thinkingConfig: { thinkingLevel: 'MINIMAL' } }), 1007, "Invalid value at 'setup.generation_config.thinking_config.thinking_level' (MINIMAL)"],
    ['3.8 extended thinking: a BLOCKING function', request(EXTENDED_THINKING, { tools: [blockingTool] }), 1007, 'BLOCKING function calling is not supported for models/gemini-3.8-live-extended-thinking.'],
    ['3.1: affective dialog wedges the setup', request(FLASH_31, { enableAffectiveDialog: true }, 'v1alpha'), 1011, 'Internal error encountered.'],
    ['3.1: a NON_BLOCKING function', request(FLASH_31, { tools: [asyncTool] }), 1007, 'NON_BLOCKING function calling is not supported for models/gemini-3.1-flash-live-preview.'],
    ['3.1: thinkingBudget', request(FLASH_31, { thinkingConfig: { thinkingBudget: 512 } }), 1007, 'thinking_budget is not supported for models/gemini-3.1-flash-live-preview.'],
    ['2.5 native audio: thinkingLevel', request(NATIVE_AUDIO, { thinkingConfig: { thinkingLevel: 'LOW' } }), 1007, 'thinking_level is not supported for models/gemini-2.5-flash-native-audio-preview-12-2025.'],
    ['2.5 native audio: affective dialog on v1beta', request(NATIVE_AUDIO, { enableAffectiveDialog: true }), 1007, 'Invalid JSON payload received. Unknown name "enableAffectiveDialog" at \'setup.generation_config\': Cannot find field.'],
    ['any model: code execution', request(GEMINI_38, { tools: [{ codeExecution: {} }] }), 1007, 'Code execution is not supported for models/gemini-3.8-live.'],
    ['a retired model', request('gemini-live-2.5-flash-preview', {}), 1008, 'models/gemini-live-2.5-flash-preview is not found for API version v1beta, or is not supported for bidiGenerateContent. Call'],
  ])('%s', async (_name, req, code, reason) => {
    server = new FakeLiveServer()
    const transport = new GenaiLiveTransport({ baseUrl: await server.start() })
    const error = await transport.connect(req, { onMessage: () => {}, onClose: () => {}, onError: () => {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LiveTransportError)
    expect(error).toMatchObject({ closeCode: code, reason })
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123)
  })

  it.each([
    ['not-in-live-api', 1007, 'gemini-0.9-live is not supported in the live api.'],
    ['non-existing', 1007, "Non-existing model: 'gemini-0.9-live' from Model Management Protoconf."],
  ] as const)('an unknown model, the %s way', async (style, code, reason) => {
    server = new FakeLiveServer({ unknownModel: style })
    const transport = new GenaiLiveTransport({ baseUrl: await server.start() })
    const error = await transport.connect(request('gemini-0.9-live', {}), { onMessage: () => {}, onClose: () => {}, onError: () => {} }).catch((e: unknown) => e)
    expect(error).toMatchObject({ closeCode: code, reason })
  })
})
