import { describe, expect, it } from 'vitest'
import { DEFAULT_LIVE_LIMITS } from '../../../electron/main/core/live/liveLimits'
import { settle } from '../../support/live/manualClock'
import { NATIVE_AUDIO, seededConversation, sessionHarness } from '../../support/live/sessionHarness'
import { detailWords } from '../../support/live/statusWords'

const STALL_NOTICE = 'Gemini stopped answering, reconnecting…'
const audioChunk = { inlineData: { mimeType: 'audio/pcm;rate=24000', data: Buffer.alloc(480).toString('base64') } }

/** Real-server timing and signals (issue 12, wire samples u05–u14) on a manual clock, with production's 15 s stall timeout. */
function timingHarness(options: Parameters<typeof sessionHarness>[0] = {}) {
  const h = sessionHarness({ ...options, limits: { stallTimeoutMs: DEFAULT_LIVE_LIMITS.stallTimeoutMs, ...options.limits } })
  const stallNotices = () => h.log.of('onStatus').filter((s) => detailWords(s) === STALL_NOTICE).length
  /** Refuses the resume so the next connection is a fresh one seeded from memory; returns what it was seeded with. */
  const seedOfFreshSession = async () => {
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'Session resumption handle is invalid or has expired.') : a.accept('h9'))
    h.transport.last.serverClose(1006)
    await h.clock.advance(0)
    return h.transport.last.sent[0]
  }
  return { ...h, stallNotices, seedOfFreshSession }
}

describe('stall watch under real server timing', () => {
  it('long answer: turnComplete held back until playback ends (u05) is not a stall — a 28 s answer keeps 1 connection and shows 0 stall notices', async () => {
    const h = timingHarness()
    await h.startLive()
    h.session.activityStart()
    h.session.activityEnd()
    // 28 s of audio streamed about 4× faster than real time: one 0.5 s chunk every 125 ms for 7 s.
    for (let i = 0; i < 56; i++) {
      await h.clock.advance(125)
      h.transport.last.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    }
    h.transport.last.emit({ serverContent: { generationComplete: true } })
    await h.clock.advance(21_000)
    h.transport.last.emit({ serverContent: { turnComplete: true }, usageMetadata: { totalTokenCount: 900 } })
    await h.clock.advance(60_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.stallNotices()).toBe(0)
    expect(h.log.of('onTurnEvent').map((e) => e.type)).toEqual(['generationComplete', 'turnComplete'])
  })

  it('answer without a turn end: generationComplete and never a turnComplete (u06) is not a stall', async () => {
    const h = timingHarness()
    await h.startLive()
    h.session.sendText('Tell me a story.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    h.transport.last.emit({ serverContent: { generationComplete: true } })
    await h.clock.advance(10 * 60_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.stallNotices()).toBe(0)
  })

  it('silence since the last server message of any kind: a resumption update mid-answer restarts the wait, silence after it still stalls', async () => {
    const h = timingHarness()
    await h.startLive()
    h.transport.onAttempt = (a) => a.accept('h2')
    h.session.sendText('Are you there?')
    await h.clock.advance(14_000)
    h.transport.last.emit({ sessionResumptionUpdate: {} })
    await h.clock.advance(14_000)
    expect(h.transport.attempts).toHaveLength(1)
    await h.clock.advance(1_000)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.stallNotices()).toBe(1)
  })

  it('tool call waiting on the user: the model speaks, calls open_url and stays silent while the user reads the confirmation (u07, r06) — no stall, and the answer is sent', async () => {
    let confirm!: (isAllowed: boolean) => void
    const h = timingHarness({ confirm: true })
    await h.startLive({ model: NATIVE_AUDIO })
    h.desktop.openInBrowser.mockImplementationOnce(() => new Promise<void>((resolve) => (confirm = () => resolve())))
    h.session.sendText('Open the docs.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'function-call-5831923424298605773', name: 'open_url', args: { url: 'https://example.com' } }] } })
    await h.clock.advance(90_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.stallNotices()).toBe(0)
    confirm(true)
    await settle()
    expect(h.transport.last.sent.filter((f) => f.kind === 'toolResponse')).toHaveLength(1)
    // Once answered, the model owes the rest of its answer: silence from here on is watched again.
    await h.clock.advance(15_000)
    expect(h.stallNotices()).toBe(1)
  })

  it('trailing content after a toolCall (u08): the call pauses the watch, trailing audio and the turn end are handled, nothing stalls', async () => {
    const h = timingHarness()
    await h.startLive()
    let release!: () => void
    h.desktop.writeClipboard.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)))
    const t = h.transport.last
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { inputTranscription: { text: 'My Monster Jam device is not working.', finished: true } } })
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { outputTranscription: { text: 'Please give me just a moment.' } } })
    t.emit({ toolCall: { functionCalls: [{ id: 'c-1', name: 'copy_to_clipboard', args: { text: 'x' } }] } })
    t.emit({ serverContent: { outputTranscription: { finished: true } } })
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { generationComplete: true } })
    await h.clock.advance(40_000)
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { totalTokenCount: '<n>' } as never })
    release()
    await settle()
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.stallNotices()).toBe(0)
    expect(h.log.of('onAudioOut').map((a) => a.turnId)).toEqual([1, 1])
    expect(h.log.of('onUsage').at(-1)!.totalTokens).toBe(0)
  })
})

describe('late interrupted', () => {
  it('interrupted after turnComplete (u09 case 1) belongs to the turn that just ended: the next answer still plays', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { generationComplete: true } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { totalTokenCount: '<n>' } as never })
    t.emit({ serverContent: { interrupted: true } })
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { generationComplete: true } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'generationComplete' },
      { turnId: 1, type: 'turnComplete' },
      { turnId: 1, type: 'interrupted' },
      { turnId: 2, type: 'generationComplete' },
      { turnId: 2, type: 'turnComplete' },
    ])
    expect(h.log.of('onAudioOut').map((a) => a.turnId)).toEqual([1, 2])
  })

  it('interrupted then turnComplete before any output (u09 case 2) stamps nothing on the next answer and is not reported as no answer', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { interrupted: true } })
    t.emit({ serverContent: { turnComplete: true } })
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'turnComplete' },
      { turnId: 2, type: 'turnComplete' },
    ])
    expect(h.log.of('onAudioOut').map((a) => a.turnId)).toEqual([2])
  })

  it('an interrupted that belongs to nothing does not end the watch on the question just asked', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('First?')
    t.emit({ serverContent: { outputTranscription: { text: 'One.' }, turnComplete: true } })
    t.emit({ serverContent: { interrupted: true } })
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { interrupted: true } })
    await h.clock.advance(DEFAULT_LIVE_LIMITS.stallTimeoutMs)
    expect(h.stallNotices()).toBe(1)
    expect(h.log.of('onTurnEvent').filter((e) => e.type === 'interrupted').map((e) => e.turnId)).toEqual([1])
  })

  it('the user talks over an answer whose turnComplete is still held back: interrupted and the late turnComplete go to that answer, the new question keeps its own turn', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('Tell me a story.')
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    t.emit({ serverContent: { generationComplete: true } })
    h.session.activityStart()
    t.emit({ serverContent: { interrupted: true } })
    t.emit({ serverContent: { turnComplete: true } })
    h.session.activityEnd()
    t.emit({ serverContent: { inputTranscription: { text: 'Stop, a shorter one.' } } })
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] } } })
    expect(h.log.of('onTurnEvent').filter((e) => e.type !== 'generationComplete')).toEqual([
      { turnId: 1, type: 'interrupted' },
      { turnId: 1, type: 'turnComplete' },
    ])
    expect(h.log.of('onTranscript').map((d) => [d.turnId, d.text])).toEqual([[1, 'Tell me a story.'], [2, 'Stop, a shorter one.']])
    expect(h.log.of('onAudioOut').map((a) => a.turnId)).toEqual([1, 2])
  })
})

describe('usageMetadata several times in one turn (u14)', () => {
  it('within a turn a later report replaces the earlier one; across turns the reports add up', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('Hi')
    t.emit({ usageMetadata: { promptTokenCount: 50, responseTokenCount: 50, totalTokenCount: 100 } })
    t.emit({ usageMetadata: { promptTokenCount: 25, responseTokenCount: 25, totalTokenCount: 50 } })
    t.emit({ serverContent: { outputTranscription: { text: 'Hello.' } } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 509, responseTokenCount: 11, totalTokenCount: 520, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 509 }] } })
    expect(h.log.of('onUsage').map((u) => u.totalTokens)).toEqual([100, 50, 520])
    h.session.sendText('Again')
    t.emit({ serverContent: { outputTranscription: { text: 'Hello again.' } } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 509, responseTokenCount: 11, totalTokenCount: 520, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 509 }] } })
    expect(h.log.of('onUsage').at(-1)).toMatchObject({ promptTokens: 1018, responseTokens: 22, totalTokens: 1040, byModality: { 'prompt:TEXT': 1018 } })
  })

  it('counts that are not numbers are converted or ignored, never joined as text', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: '515', responseTokenCount: '<n>', totalTokenCount: '<n>', responseTokensDetails: [{ modality: 'AUDIO', tokenCount: '<n>' }] } as never })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { promptTokenCount: 10, responseTokenCount: 5, totalTokenCount: 15 } })
    const last = h.log.of('onUsage').at(-1)!
    expect(last).toMatchObject({ promptTokens: 525, responseTokens: 5, totalTokens: 530, byModality: { 'response:AUDIO': 0 } })
    expect(typeof last.totalTokens).toBe('number')
  })
})

describe('what the answer says is shown once', () => {
  it('text part in an AUDIO session that repeats the output transcription (u12) is shown once', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('Hi')
    t.emit({ serverContent: { modelTurn: { parts: [{ text: "It's five o'clock." }] } } })
    t.emit({ serverContent: { outputTranscription: { text: "It's five " } } })
    t.emit({ serverContent: { outputTranscription: { text: "o'clock." } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTranscript').filter((d) => d.role === 'model').map((d) => [d.kind, d.text])).toEqual([
      ['output', "It's five "],
      ['output', "o'clock."],
    ])
  })

  it('an AUDIO answer with a text part and no audio (u12) still shows the text, once, and is an answer', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('Hi')
    t.emit({ serverContent: { modelTurn: { parts: [{ text: 'Hello there.' }] } } })
    t.emit({ serverContent: { turnComplete: true }, usageMetadata: { responseTokensDetails: [{ modality: 'TEXT', tokenCount: 5 }] } })
    expect(h.log.of('onTranscript').filter((d) => d.role === 'model')).toEqual([{ turnId: 1, role: 'model', kind: 'text', text: 'Hello there.' }])
    expect(h.log.of('onTurnEvent').map((e) => e.type)).toEqual(['turnComplete'])
  })

  it('bundled content and turnComplete in one message (u10, f04): the content first, then the turn end with its reason and waitingForInput', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    h.session.sendText('Book it.')
    t.emit({
      serverContent: { modelTurn: { parts: [{ text: 'Please provide more details.' }] }, turnComplete: true, turnCompleteReason: 'NEED_MORE_INPUT', waitingForInput: true },
    })
    t.emit({ serverContent: { modelTurn: { parts: [audioChunk] }, outputTranscription: { text: 'last words.' }, turnComplete: true }, usageMetadata: { totalTokenCount: '<n>' } as never })
    expect(h.log.all.filter((e) => e.name === 'onTranscript' || e.name === 'onTurnEvent' || e.name === 'onAudioOut').map((e) => e.name)).toEqual([
      'onTranscript', 'onTranscript', 'onTurnEvent', 'onAudioOut', 'onTranscript', 'onTurnEvent',
    ])
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'turnComplete', turnCompleteReason: 'NEED_MORE_INPUT', waitingForInput: true },
      { turnId: 2, type: 'turnComplete' },
    ])
  })
})

describe('a turn that ends with no answer is not silent', () => {
  it('RESPONSE_REJECTED: the user is told no answer came back, with the reason', async () => {
    const h = timingHarness()
    await h.startLive()
    h.session.sendText('Something the model refuses.')
    h.transport.last.emit({ serverContent: { turnComplete: true, turnCompleteReason: 'RESPONSE_REJECTED' } })
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'turnComplete', turnCompleteReason: 'RESPONSE_REJECTED' },
      { turnId: 1, type: 'noAnswer', turnCompleteReason: 'RESPONSE_REJECTED' },
    ])
  })

  it('a bare turnComplete after the user spoke is reported as no answer; one with an answer is not', async () => {
    const h = timingHarness()
    await h.startLive()
    h.session.activityStart()
    h.session.activityEnd()
    h.transport.last.emit({ serverContent: { turnComplete: true } })
    h.session.activityStart()
    h.session.activityEnd()
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'Yes?' } } })
    h.transport.last.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTurnEvent')).toEqual([
      { turnId: 1, type: 'turnComplete' },
      { turnId: 1, type: 'noAnswer' },
      { turnId: 2, type: 'turnComplete' },
    ])
  })
})

describe('conversation order (issue 13 item 2)', () => {
  it('input transcription after the output transcription (a): the user line comes first in memory and in the seed', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    t.emit({ serverContent: { outputTranscription: { text: "It's five o'clock." } } })
    t.emit({ serverContent: { inputTranscription: { text: 'What time is it?' } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTranscript').map((d) => [d.turnId, d.role, d.text])).toEqual([
      [1, 'model', "It's five o'clock."],
      [1, 'user', 'What time is it?'],
    ])
    expect(await h.seedOfFreshSession()).toEqual(seededConversation('What time is it?', "It's five o'clock."))
  })

  it('late input transcription after turnComplete (b, push-to-talk): it joins the exchange that just ended, never glued to the next question', async () => {
    const h = timingHarness()
    await h.startLive({ vad: { mode: 'push-to-talk' } })
    const t = h.transport.last
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { outputTranscription: { text: "It's five o'clock." } } })
    t.emit({ serverContent: { turnComplete: true } })
    await h.clock.advance(100)
    t.emit({ serverContent: { inputTranscription: { text: 'What time is it?' } } })
    h.session.activityStart()
    h.session.activityEnd()
    t.emit({ serverContent: { inputTranscription: { text: 'And the date?' } } })
    t.emit({ serverContent: { outputTranscription: { text: 'November 30th.' } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTranscript').filter((d) => d.role === 'user').map((d) => [d.turnId, d.text])).toEqual([
      [1, 'What time is it?'],
      [2, 'And the date?'],
    ])
    // The late question is not "no answer" for the next exchange, and it starts no stall watch of its own.
    expect(h.log.of('onTurnEvent').map((e) => e.type)).toEqual(['turnComplete', 'turnComplete'])
    expect((await h.seedOfFreshSession())).toEqual({
      kind: 'clientContent',
      payload: {
        turns: [
          { role: 'user', parts: [{ text: 'What time is it?' }] },
          { role: 'model', parts: [{ text: "It's five o'clock." }] },
          { role: 'user', parts: [{ text: 'And the date?' }] },
          { role: 'model', parts: [{ text: 'November 30th.' }] },
        ],
        turnComplete: false,
      },
    })
  })

  it('late input transcription hands-free: within a moment of turnComplete it joins the exchange that lacked its question', async () => {
    const h = timingHarness()
    await h.startLive({ vad: { mode: 'hands-free' } })
    const t = h.transport.last
    t.emit({ serverContent: { outputTranscription: { text: "It's five o'clock." } } })
    t.emit({ serverContent: { turnComplete: true } })
    await h.clock.advance(100)
    t.emit({ serverContent: { inputTranscription: { text: 'What time is it?' } } })
    await h.clock.advance(30_000)
    t.emit({ serverContent: { inputTranscription: { text: 'And the date?' } } })
    expect(h.log.of('onTranscript').filter((d) => d.role === 'user').map((d) => [d.turnId, d.text])).toEqual([
      [1, 'What time is it?'],
      [2, 'And the date?'],
    ])
    expect(h.stallNotices()).toBe(0)
  })

  it('a seed starts with a user turn even when the kept memory starts with the model speaking first', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    t.emit({ serverContent: { outputTranscription: { text: 'Good morning!' } } })
    t.emit({ serverContent: { turnComplete: true } })
    h.session.sendText('Hi.')
    t.emit({ serverContent: { outputTranscription: { text: 'Hello.' } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(await h.seedOfFreshSession()).toEqual(seededConversation('Hi.', 'Hello.'))
  })
})

describe('repeated transcription (issue 13 item 3)', () => {
  it('the same input transcription delivered twice is shown and remembered once', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    t.emit({ serverContent: { inputTranscription: { text: 'Did you see that? I came second.' } } })
    t.emit({ serverContent: { inputTranscription: { text: 'Did you see that? I came second.' } } })
    t.emit({ serverContent: { outputTranscription: { text: 'Well done!' } } })
    t.emit({ serverContent: { turnComplete: true } })
    expect(h.log.of('onTranscript').filter((d) => d.role === 'user').map((d) => d.text)).toEqual(['Did you see that? I came second.'])
    expect(await h.seedOfFreshSession()).toEqual(seededConversation('Did you see that? I came second.', 'Well done!'))
  })

  it('the same input transcription delivered again in pieces is shown once; words that go on after a repeated start are still shown', async () => {
    const h = timingHarness()
    await h.startLive()
    const t = h.transport.last
    for (const piece of ['Did you see that?', ' I came second.', 'Did you see that?', ' I came second.', 'Did you see that', ' rabbit?']) {
      t.emit({ serverContent: { inputTranscription: { text: piece } } })
    }
    expect(h.log.of('onTranscript').map((d) => d.text).join('')).toBe('Did you see that? I came second.Did you see that rabbit?')
  })

  it('a real repeat in separate utterances ("Yes." … "Yes.") still shows twice', async () => {
    const h = timingHarness()
    await h.startLive({ vad: { mode: 'push-to-talk' } })
    const t = h.transport.last
    for (const answer of ['Shall I go on?', 'Going on.']) {
      h.session.activityStart()
      h.session.activityEnd()
      t.emit({ serverContent: { inputTranscription: { text: 'Yes.' } } })
      t.emit({ serverContent: { outputTranscription: { text: answer } } })
      t.emit({ serverContent: { turnComplete: true } })
    }
    expect(h.log.of('onTranscript').filter((d) => d.role === 'user').map((d) => [d.turnId, d.text])).toEqual([[1, 'Yes.'], [2, 'Yes.']])
  })
})

describe('hands-free silence (issue 13 item 4)', () => {
  it('hands-free: the user is transcribed, then the model sends nothing for 55 s → within the stall timeout the user is told and the session recovers', async () => {
    const h = timingHarness()
    await h.startLive({ vad: { mode: 'hands-free' } })
    h.transport.onAttempt = (a) => a.accept('h2')
    h.transport.last.emit({ serverContent: { inputTranscription: { text: 'What is the weather like?' } } })
    await h.clock.advance(DEFAULT_LIVE_LIMITS.stallTimeoutMs - 1)
    expect(h.stallNotices()).toBe(0)
    await h.clock.advance(1)
    expect(h.stallNotices()).toBe(1)
    await h.clock.advance(55_000 - DEFAULT_LIVE_LIMITS.stallTimeoutMs)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
  })

  it('hands-free with proactive audio: silence after the user spoke is legitimate, not a stall', async () => {
    const h = timingHarness()
    await h.startLive({ model: NATIVE_AUDIO, vad: { mode: 'hands-free' }, proactiveAudio: true })
    h.transport.last.emit({ serverContent: { inputTranscription: { text: 'Just thinking out loud.' } } })
    await h.clock.advance(55_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.stallNotices()).toBe(0)
  })
})
