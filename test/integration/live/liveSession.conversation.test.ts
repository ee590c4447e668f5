import { afterEach, describe, expect, it } from 'vitest'
import { rmsOfPcm16, speechLikePcm } from '../../support/fakeLive/audio'
import { CURRENT_LIVE_MODELS } from '../../support/fakeLive/fakeLiveServer'
import { FLASH_31, NATIVE_AUDIO, TEXT_TEST_MODEL, liveHarness, micChunk, waitFor, withTextTestModel } from '../../support/live/liveHarness'
import { STREAM_PAUSE_MS } from '../../../electron/main/core/live/input/userInput'
import { POINTER_RING_INSTRUCTION } from '../../../electron/main/core/screen/pointerInstruction'


type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness
afterEach(async () => h?.stop())

const setupOnWire = () => h.server.received('setup').at(-1)!.setup as Record<string, unknown>

describe('every setting reaches the wire through the real SDK', () => {
  it('a gemini-3.8-live session with every option on', async () => {
    h = await liveHarness()
    const status = await h.session.start(
      h.settings({
        responseModality: 'AUDIO', voice: 'Charon', systemInstruction: 'Answer in one sentence.',
        inputTranscription: true, outputTranscription: true, mediaResolution: 'medium',
        vad: { mode: 'hands-free', startSensitivity: 'high', endSensitivity: 'low', prefixPaddingMs: 100, silenceDurationMs: 300 },
        tools: { localTools: true, googleSearch: true }, contextCompression: true,
      }),
    )
    expect(status).toEqual({ state: 'live', detail: null, resumed: false })
    expect(h.server.connections[0]!.endpoint.apiVersion).toBe('v1beta')
    const setup = setupOnWire()
    expect(setup).toMatchObject({
      model: 'models/gemini-3.8-live',
      generationConfig: {
        responseModalities: ['AUDIO'],
        mediaResolution: 'MEDIA_RESOLUTION_MEDIUM',
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Charon' } } },
      },
      systemInstruction: { parts: [{ text: `Answer in one sentence.\n\n${POINTER_RING_INSTRUCTION}` }], role: 'user' },
      sessionResumption: {},
      inputAudioTranscription: {},
      outputAudioTranscription: {},
      realtimeInputConfig: {
        automaticActivityDetection: { disabled: false, startOfSpeechSensitivity: 'START_SENSITIVITY_HIGH', endOfSpeechSensitivity: 'END_SENSITIVITY_LOW', prefixPaddingMs: 100, silenceDurationMs: 300 },
      },
      contextWindowCompression: { triggerTokens: '104857', slidingWindow: { targetTokens: '65536' } },
    })
    const tools = setup.tools as Record<string, unknown>[]
    expect(tools.slice(1)).toEqual([{ googleSearch: {} }])
    expect((tools[0]!.functionDeclarations as { name: string }[]).map((d) => d.name)).toEqual(['get_current_time', 'open_url', 'copy_to_clipboard'])
  })

  it('a native-audio session with thinking, thought summaries, affective dialog and proactive audio goes to v1alpha', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ model: NATIVE_AUDIO, thinking: { budget: 1024, includeThoughts: true }, affectiveDialog: true, proactiveAudio: true, vad: { mode: 'push-to-talk' } }))
    expect(h.session.state).toBe('live')
    expect(h.server.connections[0]!.endpoint.apiVersion).toBe('v1alpha')
    expect(setupOnWire()).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true }, enableAffectiveDialog: true },
      proactivity: { proactiveAudio: true },
      realtimeInputConfig: { automaticActivityDetection: { disabled: true } },
    })
  })
})

describe('the transcription language hint reaches the wire and every served model takes it (live-protocol.md §3)', () => {
  it.each(CURRENT_LIVE_MODELS.map((m) => m.id))('%s: a German UI sends inputAudioTranscription.languageCodes ["de-DE"] and the session goes live', async (model) => {
    h = await liveHarness()
    await h.session.start(h.settings({ model, inputTranscription: true, uiLanguage: 'de' }))
    expect(h.session.state).toBe('live')
    expect(setupOnWire().inputAudioTranscription).toEqual({ languageCodes: ['de-DE'] })
  })
})

describe('a conversation, end to end', () => {
  it('a typed question gets a text answer in chunks, generationComplete, turnComplete and usage (on the text test model: no current Live model answers in text)', async () => {
    h = await liveHarness({ server: { models: [...CURRENT_LIVE_MODELS, TEXT_TEST_MODEL] }, models: withTextTestModel() })
    await h.session.start(h.settings({ model: TEXT_TEST_MODEL.id, responseModality: 'TEXT' }))
    h.server.setScript({ onTurn: (c, turn) => void c.reply({ text: ['The answer ', 'is 42.'], usage: { promptTokenCount: 12, responseTokenCount: 4, totalTokenCount: 16, responseTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }] }, inputTranscript: turn.text ? undefined : 'x' }) })
    h.session.sendText('What is the answer?')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    expect(h.server.received('clientContent')).toEqual([{ clientContent: { turns: [{ parts: [{ text: 'What is the answer?' }], role: 'user' }], turnComplete: true } }])
    expect(h.log.of('onTranscript').filter((t) => t.role === 'model').map((t) => t.text)).toEqual(['The answer ', 'is 42.'])
    expect(h.log.of('onTurnEvent').map((e) => e.type)).toEqual(['generationComplete', 'turnComplete'])
    expect(h.log.of('onUsage').at(-1)).toMatchObject({ promptTokens: 12, responseTokens: 4, totalTokens: 16, byModality: { 'response:TEXT': 4 } })
  })

  it('push-to-talk: activityStart, audio, activityEnd on the wire; transcripts and 24 kHz audio back', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ vad: { mode: 'push-to-talk' } }))
    h.server.setScript({ onTurn: (c, turn) => void c.reply({ inputTranscript: `${turn.audioChunks} chunks`, audio: { ms: 300 }, outputTranscript: ['Hello ', 'there.'] }) })
    h.session.activityStart()
    for (let i = 0; i < 10; i++) h.session.sendAudio(micChunk(i, { isVoiced: true }))
    h.session.sendVideoFrame(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))
    h.session.activityEnd()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    const realtime = h.server.received('realtimeInput').map((m) => Object.keys(m.realtimeInput as object)[0])
    expect(realtime).toEqual(['activityStart', ...Array(10).fill('audio'), 'video', 'activityEnd'])
    expect((h.server.received('realtimeInput')[1]!.realtimeInput as { audio: { mimeType: string } }).audio.mimeType).toBe('audio/pcm;rate=16000')
    expect(h.server.received('realtimeInput')[11]).toEqual({ realtimeInput: { video: { data: '/9j/2Q==', mimeType: 'image/jpeg' } } })
    expect(h.log.of('onTranscript').map((t) => [t.role, t.kind, t.text])).toEqual([['user', 'input', '10 chunks'], ['model', 'output', 'Hello '], ['model', 'output', 'there.']])
    const audio = h.log.of('onAudioOut')
    expect(audio.every((a) => a.sampleRate === 24_000)).toBe(true)
    expect(audio.reduce((n, a) => n + a.pcm.byteLength, 0)).toBe(300 * 48)
  })

  it('hands-free: the server finds the end of speech; audioStreamEnd is sent when the mic pauses', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ vad: { mode: 'hands-free', silenceDurationMs: 200 } }))
    const turns: string[] = []
    h.server.setScript({ onTurn: (c, turn) => (turns.push(turn.via), void c.reply({ audio: { ms: 100 } })) })
    for (let i = 0; i < 10; i++) h.session.sendAudio(micChunk(i, { isVoiced: true }))
    for (let i = 10; i < 22; i++) h.session.sendAudio(micChunk(i))
    await waitFor(() => turns.length === 1, 'turn by VAD')
    h.session.sendAudio(micChunk(30, { isVoiced: true }))
    h.session.audioStreamEnd()
    await waitFor(() => turns.length === 2, 'turn by audioStreamEnd')
    expect(turns).toEqual(['vad', 'audioStreamEnd'])
    expect(h.server.received('realtimeInput').at(-1)).toEqual({ realtimeInput: { audioStreamEnd: true } })
  })

  it('hands-free: a mic that stops sending mid-sentence ends the stream by itself a second later, and the server answers', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ vad: { mode: 'hands-free' } }))
    const turns: string[] = []
    h.server.setScript({ onTurn: (c, turn) => (turns.push(turn.via), void c.reply({ audio: { ms: 100 } })) })
    for (let i = 0; i < 10; i++) h.session.sendAudio(micChunk(i, { isVoiced: true }))
    const stoppedAt = performance.now()
    await waitFor(() => turns.length === 1, 'turn by the stream ending itself')
    expect(turns).toEqual(['audioStreamEnd'])
    expect(performance.now() - stoppedAt).toBeGreaterThanOrEqual(STREAM_PAUSE_MS - 50)
    expect(h.server.received('realtimeInput').filter((m) => 'audioStreamEnd' in (m.realtimeInput as object))).toHaveLength(1)
  })

  it('thoughts, executable code, its result and grounding sources become events', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ tools: { googleSearch: true } }))
    h.server.setScript({
      onTurn: (c) =>
        void c.reply({
          thoughts: ['Compute it.'],
          executableCode: { language: 'PYTHON', code: 'print(6*7)' },
          codeResult: { outcome: 'OUTCOME_OK', output: '42\n' },
          text: 'It is 42.',
          grounding: { queries: ['six times seven'], sources: [{ uri: 'https://example.com/math', title: 'Math' }] },
        }),
    })
    h.session.sendText('6*7?')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    expect(h.log.of('onTranscript').filter((t) => t.role === 'model').map((t) => [t.kind, t.text])).toEqual([['thought', 'Compute it.'], ['text', 'It is 42.']])
    expect(h.log.of('onModelContent').map((c) => c.kind)).toEqual(['executableCode', 'codeResult', 'grounding'])
    expect(h.log.of('onModelContent')[2]).toMatchObject({ queries: ['six times seven'], sources: [{ uri: 'https://example.com/math', title: 'Math' }] })
  })

  it('barge-in: speaking during a reply makes the server interrupt it', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ vad: { mode: 'push-to-talk' } }))
    let outcome = ''
    h.server.setScript({ onTurn: async (c, turn) => void (turn.index === 0 && (outcome = await c.reply({ audio: { ms: 3000 }, chunkDelayMs: 20 }))) })
    h.session.sendText('Tell me a long story.')
    await waitFor(() => h.log.of('onAudioOut').length >= 3, 'some reply audio')
    h.session.activityStart()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    expect(outcome).toBe('interrupted')
    expect(h.log.of('onTurnEvent').map((e) => e.type)).toEqual(['interrupted', 'turnComplete'])
    expect(h.log.of('onAudioOut').length).toBeLessThan(30)
  })

  it('a Gemini 3.1 model gets typed text as realtimeInput.text (it closes on mid-session clientContent)', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ model: FLASH_31 }))
    h.server.setScript({ onTurn: (c, turn) => void c.reply({ outputTranscript: `echo ${turn.text}`, audio: { ms: 100 } }) })
    h.session.sendText('hello')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    expect(h.server.received('realtimeInput')).toEqual([{ realtimeInput: { text: 'hello' } }])
    expect(h.session.state).toBe('live')
  })
})

describe('tool calls, end to end', () => {
  it('a full round trip: toolCall, our answer with the same id, and the reply that uses it', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    let answer: Record<string, unknown> = {}
    h.server.setScript({
      onTurn: async (c) => {
        const [id] = await c.toolCall([{ name: 'get_current_time', args: { timeZone: 'UTC' } }])
        answer = await c.waitForToolResponse(id!)
        await c.reply({ text: 'It is morning.' })
      },
    })
    h.session.sendText('What time is it?')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'turnComplete')
    const call = h.server.frames.find((f) => f.direction === 'out' && (f.json as { toolCall?: unknown }).toolCall)!.json as { toolCall: { functionCalls: { id: string }[] } }
    expect(answer).toMatchObject({ id: call.toolCall.functionCalls[0]!.id, name: 'get_current_time', response: { output: { timeZone: 'UTC' } } })
    expect(h.log.of('onToolActivity').map((a) => a.status)).toEqual(['called', 'answered'])
    expect(h.log.of('onTranscript').at(-1)!.text).toBe('It is morning.')
  })

  it('on a BLOCKING-only model (3.1), mic audio waits until the call is answered (the server would close 1008)', async () => {
    let confirmDone!: (allow: boolean) => void
    h = await liveHarness({ confirm: () => new Promise((resolve) => (confirmDone = resolve)) })
    await h.session.start(h.settings({ model: FLASH_31, vad: { mode: 'push-to-talk' } }))
    h.server.setScript({ onTurn: async (c) => void (await c.toolCall([{ name: 'open_url', args: { url: 'https://example.com' } }])) })
    h.session.sendText('Open example.com')
    await waitFor(() => h.log.of('onToolActivity').length, 'tool call')
    for (let i = 0; i < 5; i++) h.session.sendAudio(micChunk(i))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(h.server.receivedAudio()).toHaveLength(0)
    confirmDone(true)
    await waitFor(() => h.server.receivedAudio().length === 5, 'held audio')
    // On 3.1 the typed question itself is realtimeInput.text: the audio is what must come after the answer.
    const kinds = h.server.frames.filter((f) => f.direction === 'in').map((f) => ((f.json as { realtimeInput?: { audio?: unknown } }).realtimeInput?.audio ? 'audio' : Object.keys(f.json as object)[0]))
    expect(kinds.indexOf('toolResponse')).toBeLessThan(kinds.indexOf('audio'))
    expect(h.server.connections[0]!.closed).toBeNull()
    expect(h.desktop.openInBrowser).toHaveBeenCalledWith('https://example.com/')
  })

  it('honours toolCallCancellation: no answer goes out', async () => {
    h = await liveHarness({ confirm: () => new Promise(() => {}) })
    await h.session.start(h.settings())
    h.server.setScript({ onTurn: async (c) => {
      const ids = await c.toolCall([{ name: 'open_url', args: { url: 'https://example.com' } }])
      await c.cancelToolCalls(ids)
    } })
    h.session.sendText('Open it')
    await waitFor(() => h.log.of('onToolActivity').some((a) => a.status === 'cancelled'), 'cancellation')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(h.server.received('toolResponse')).toEqual([])
  })
})

it('the fake server\'s generated speech is loud enough for its own speech detector', () => {
  expect(rmsOfPcm16(speechLikePcm(100))).toBeGreaterThan(0.02)
})
