import { describe, expect, it } from 'vitest'
import { settle } from '../../support/live/manualClock'
import { STREAM_PAUSE_MS } from '../../../electron/main/core/live/input/userInput'
import { SEED_CLOSING_USER_TURN } from '../../../electron/main/core/live/connection/seedTurns'
import { FLASH_31, NATIVE_AUDIO, numberedChunk, seededConversation, sessionHarness } from '../../support/live/sessionHarness'
import { statusWords } from '../../support/live/statusWords'

describe('GoAway rotation', () => {
  it('while the model is answering, rotates on a timer before the deadline even if the server goes silent', async () => {
    const h = sessionHarness({ limits: { goAwaySafetyMarginMs: 2_000 } })
    await h.startLive()
    const first = h.transport.last
    first.emit({ serverContent: { outputTranscription: { text: 'Let me' } } })
    first.emit({ sessionResumptionUpdate: { newHandle: 'h2', resumable: true } })
    first.emit({ goAway: { timeLeft: '10s' } })
    await h.clock.advance(7_900)
    expect(h.transport.attempts).toHaveLength(1)
    await h.clock.advance(100)
    expect(first.isClosedByClient).toBe(true)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h2' })
    h.transport.last.accept('h3')
    await settle()
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.session.stats.rotations).toBe(1)
  })

  it('when nothing is in flight, rotates at once; the old socket is closed before the new one is dialled', async () => {
    const h = sessionHarness()
    await h.startLive()
    const first = h.transport.last
    let wasClosedFirst = false
    h.transport.onAttempt = (a) => {
      wasClosedFirst = first.isClosedByClient
      a.accept('h2')
    }
    first.emit({ goAway: { timeLeft: '50s' } })
    await h.clock.advance(0)
    expect(h.transport.attempts).toHaveLength(2)
    expect(wasClosedFirst).toBe(true)
  })

  it('waits for the end of the turn when that comes before the deadline', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Hi' }] } } })
    h.transport.last.emit({ goAway: { timeLeft: '50s' } })
    await h.clock.advance(1_000)
    expect(h.transport.attempts).toHaveLength(1)
    h.transport.last.emit({ serverContent: { turnComplete: true } })
    await h.clock.advance(0)
    expect(h.transport.attempts).toHaveLength(2)
  })

  it('loses no input during the swap', async () => {
    const h = sessionHarness()
    await h.startLive()
    const first = h.transport.last
    h.session.sendAudio(numberedChunk(1))
    first.emit({ goAway: { timeLeft: '5s' } })
    h.session.sendAudio(numberedChunk(2))
    await h.clock.advance(0)
    h.session.sendAudio(numberedChunk(3))
    h.transport.last.accept('h2')
    await settle()
    h.session.sendAudio(numberedChunk(4))
    const all = h.transport.attempts.flatMap((a) => a.realtime('audio'))
    expect(all.map((p) => Buffer.from((p.audio as { data: string }).data, 'base64').readUInt32LE(0))).toEqual([1, 2, 3, 4])
  })
})

describe('refused resume', () => {
  it('starts a fresh session seeded with the conversation and tells the user', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.session.sendText('Remember the number 42.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Noted: 42.' }] }, turnComplete: true } })
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'Session resumption handle is invalid or has expired.') : a.accept('h5'))
    h.transport.attempts[0]!.serverClose(1006)
    await h.clock.advance(0)
    expect(h.transport.attempts).toHaveLength(3)
    expect(h.transport.last.request.config.sessionResumption).toEqual({})
    expect(h.transport.last.sent[0]).toEqual(seededConversation('Remember the number 42.', 'Noted: 42.'))
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “Remember the number 42.”; Gemini said “Noted: 42.”.',
    })
  })

  it('on 2.5 native audio, a seed that ends with the model gets a closing user turn', async () => {
    const h = sessionHarness()
    await h.startLive({ model: NATIVE_AUDIO })
    h.session.sendText('Remember 42.')
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'Noted.' }, turnComplete: true } })
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'bad handle') : a.accept('h5'))
    h.transport.attempts[0]!.serverClose(1006)
    await h.clock.advance(0)
    expect(h.transport.last.sent[0]).toEqual({
      kind: 'clientContent',
      payload: {
        turns: [
          { role: 'user', parts: [{ text: 'Remember 42.' }] },
          { role: 'model', parts: [{ text: 'Noted.' }] },
          { role: 'user', parts: [{ text: SEED_CLOSING_USER_TURN }] },
        ],
        turnComplete: false,
      },
    })
  })

  it('on 3.1, seeds the earlier turns as initial history announced in historyConfig, never into the system instruction', async () => {
    const h = sessionHarness()
    // Ring off: the instruction is then exactly the user's plus the seed.
    await h.startLive({ model: FLASH_31, systemInstruction: 'Be brief.', point: { pointerRing: false } })
    h.session.sendText('Call me Ada.')
    expect(h.transport.last.sent.at(-1)).toEqual({ kind: 'realtimeInput', payload: { text: 'Call me Ada.' } })
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'Hello Ada.' }, turnComplete: true } })
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'bad handle') : a.accept('h5'))
    h.transport.attempts[0]!.serverClose(1006)
    await h.clock.advance(0)
    expect(h.transport.last.request.config.systemInstruction).toBe('Be brief.')
    expect(h.transport.last.request.config.historyConfig).toEqual({ initialHistoryInClientContent: true })
    expect(h.transport.last.sent[0]).toEqual({
      kind: 'clientContent',
      payload: {
        turns: [
          { role: 'user', parts: [{ text: 'Call me Ada.' }] },
          { role: 'model', parts: [{ text: 'Hello Ada.' }] },
        ],
        turnComplete: true,
      },
    })
    h.session.sendText('And now?')
    expect(h.transport.last.sent.at(-1)).toEqual({ kind: 'realtimeInput', payload: { text: 'And now?' } })
  })
})

describe('tool calls', () => {
  it('answers with the matching id and shows the call and its result (NON_BLOCKING on gemini-3.8-live, so with its scheduling)', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'function-call-7', name: 'copy_to_clipboard', args: { text: 'hi' } }] } })
    await settle()
    expect(h.transport.last.sent.at(-1)).toEqual({
      kind: 'toolResponse',
      payload: [{ id: 'function-call-7', name: 'copy_to_clipboard', response: { output: { copied: 'hi', copiedCharacters: 2, removedCharacters: 0 } }, scheduling: 'SILENT' }],
    })
    expect(h.log.of('onToolActivity').map((a) => a.status)).toEqual(['called', 'answered'])
    expect(h.desktop.writeClipboard).toHaveBeenCalledWith('hi')
  })

  it('on models that refuse it (BLOCKING calls on 3.1), holds realtime audio until every call is answered', async () => {
    const h = sessionHarness()
    await h.startLive({ model: FLASH_31 })
    let release!: () => void
    h.desktop.writeClipboard.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)))
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-1', name: 'copy_to_clipboard', args: { text: 'x' } }] } })
    h.session.sendAudio(numberedChunk(1))
    h.session.sendAudio(numberedChunk(2))
    await settle()
    expect(h.transport.last.realtime('audio')).toHaveLength(0)
    release()
    await settle()
    expect(h.transport.last.sent.map((f) => f.kind)).toEqual(['toolResponse', 'realtimeInput', 'realtimeInput'])
  })

  it('honours a cancellation: the run is abandoned and no answer is sent', async () => {
    const h = sessionHarness({ confirm: true })
    await h.startLive()
    h.desktop.openInBrowser.mockImplementationOnce(() => new Promise<void>(() => {}))
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-2', name: 'open_url', args: { url: 'https://example.com' } }] } })
    await settle()
    h.transport.last.emit({ toolCallCancellation: { ids: ['fc-2'] } })
    await settle()
    expect(h.transport.last.sent.filter((f) => f.kind === 'toolResponse')).toEqual([])
    expect(h.log.of('onToolActivity').map((a) => a.status)).toEqual(['called', 'cancelled'])
  })

  it('answers an unknown function with an error rather than leaving the model waiting', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-3', name: 'launch_rocket', args: {} }] } })
    await settle()
    expect(h.transport.last.sent.at(-1)).toMatchObject({ kind: 'toolResponse', payload: [{ id: 'fc-3', response: { error: 'There is no tool called "launch_rocket".' } }] })
  })
})

describe('what the server says becomes events', () => {
  it('text, thoughts, audio, transcripts, code, grounding and turn events carry the turn id', async () => {
    const h = sessionHarness()
    await h.startLive()
    const pcm = Buffer.from([1, 0, 2, 0])
    const t = h.transport.last
    t.emit({ serverContent: { inputTranscription: { text: 'hello?' } } })
    t.emit({ serverContent: { modelTurn: { parts: [{ text: 'thinking…', thought: true }, { text: 'See the code.' }] } } })
    t.emit({ serverContent: { modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: pcm.toString('base64') } }] } } })
    t.emit({ serverContent: { outputTranscription: { text: 'Hi there' } } })
    t.emit({ serverContent: { modelTurn: { parts: [{ executableCode: { language: 'PYTHON', code: 'print(1)' } }] } } })
    t.emit({ serverContent: { modelTurn: { parts: [{ codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1' } }] } } })
    t.emit({ serverContent: { groundingMetadata: { webSearchQueries: ['q'], groundingChunks: [{ web: { uri: 'https://a.example', title: 'A' } }] } } })
    t.emit({ serverContent: { generationComplete: true } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 10, responseTokenCount: 5, totalTokenCount: 15, promptTokensDetails: [{ modality: 'AUDIO', tokenCount: 10 }] } })
    t.emit({ serverContent: { outputTranscription: { text: 'Next' } } })
    t.emit({ serverContent: { interrupted: true } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 20, responseTokenCount: 1, totalTokenCount: 21, promptTokensDetails: [{ modality: 'AUDIO', tokenCount: 20 }] } })
    expect(h.log.of('onTranscript')).toEqual([
      { turnId: 1, role: 'user', kind: 'input', text: 'hello?' },
      { turnId: 1, role: 'model', kind: 'thought', text: 'thinking…' },
      { turnId: 1, role: 'model', kind: 'output', text: 'Hi there' },
      // An AUDIO session's text part waits for the end of the answer, in case the transcription says the same (u12).
      { turnId: 1, role: 'model', kind: 'text', text: 'See the code.' },
      { turnId: 2, role: 'model', kind: 'output', text: 'Next' },
    ])
    expect(h.log.of('onAudioOut')).toEqual([{ turnId: 1, pcm: new Uint8Array([1, 0, 2, 0]), sampleRate: 24_000 }])
    expect(h.log.of('onModelContent')).toEqual([
      { kind: 'executableCode', turnId: 1, language: 'PYTHON', code: 'print(1)' },
      { kind: 'codeResult', turnId: 1, outcome: 'OUTCOME_OK', output: '1' },
      { kind: 'grounding', turnId: 1, queries: ['q'], sources: [{ uri: 'https://a.example', title: 'A' }] },
    ])
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'generationComplete' },
      { turnId: 1, type: 'turnComplete' },
      { turnId: 2, type: 'interrupted' },
      { turnId: 2, type: 'turnComplete' },
    ])
    expect(h.log.of('onUsage').at(-1)).toEqual({
      promptTokens: 30, responseTokens: 6, totalTokens: 36, byModality: { 'prompt:AUDIO': 30 }, imageTokensSpent: 0, imageTokensIfEveryFrame: 0,
    })
  })

  it('survives messages of unexpected shapes and unknown kinds', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ serverContent: { modelTurn: { parts: 'nope' } } } as never)
    h.transport.last.emit({ somethingNew: { x: 1 } } as never)
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'still here' } } })
    expect(h.session.state).toBe('live')
    expect(h.log.of('onTranscript').at(-1)!.text).toBe('still here')
  })

  it('hands-free: a mic stream that stops coming ends itself after a second, once, without the user stopping', async () => {
    const h = sessionHarness()
    await h.startLive({ vad: { mode: 'hands-free' } })
    const streamEnds = () => h.transport.last.sent.filter((f) => 'audioStreamEnd' in f.payload).length
    for (let n = 0; n < 5; n++) {
      h.session.sendAudio(numberedChunk(n))
      await h.clock.advance(20)
    }
    await h.clock.advance(STREAM_PAUSE_MS - 21)
    expect(streamEnds()).toBe(0)
    await h.clock.advance(1)
    expect(streamEnds()).toBe(1)
    // The user then stops talking (the assistant and the page both say so): still once.
    h.session.audioStreamEnd()
    h.session.audioStreamEnd()
    await h.clock.advance(5_000)
    expect(streamEnds()).toBe(1)
    // Streaming again, then stopping: one more, and no watch is left running.
    h.session.sendAudio(numberedChunk(6))
    h.session.audioStreamEnd()
    await h.clock.advance(5_000)
    expect(streamEnds()).toBe(2)
  })

  it('push-to-talk never ends the stream on a pause, and a stopped session leaves no pause watch behind', async () => {
    const ptt = sessionHarness()
    await ptt.startLive({ vad: { mode: 'push-to-talk' } })
    ptt.session.sendAudio(numberedChunk(1))
    await ptt.clock.advance(5_000)
    expect(ptt.transport.last.sent.some((f) => 'audioStreamEnd' in f.payload)).toBe(false)

    const free = sessionHarness()
    await free.startLive({ vad: { mode: 'hands-free' } })
    const pendingBefore = free.clock.pending
    free.session.sendAudio(numberedChunk(1))
    expect(free.clock.pending).toBe(pendingBefore + 1)
    await free.session.stop()
    expect(free.clock.pending).toBeLessThanOrEqual(pendingBefore)
  })

  it('sends activity signals only in push-to-talk mode and audioStreamEnd only hands-free', async () => {
    const ptt = sessionHarness()
    await ptt.startLive({ vad: { mode: 'push-to-talk' } })
    ptt.session.activityStart()
    ptt.session.audioStreamEnd()
    ptt.session.activityEnd()
    expect(ptt.transport.last.sent.map((f) => Object.keys(f.payload)[0])).toEqual(['activityStart', 'activityEnd'])
    const free = sessionHarness()
    await free.startLive({ vad: { mode: 'hands-free' } })
    free.session.activityStart()
    free.session.audioStreamEnd()
    expect(free.transport.last.sent.map((f) => f.payload)).toEqual([{ audioStreamEnd: true }])
  })
})
