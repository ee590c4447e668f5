import { afterEach, describe, expect, it } from 'vitest'
import { liveHarness, waitFor } from '../../support/live/liveHarness'
import { detailWords } from '../../support/live/statusWords'

// Google's timing and orders (issue 12 "Real server timing and signals", issue 13 items 2–4),
// played by the fake server through the real SDK on a real socket. Times are scaled down so a
// test stays short; each keeps the property its wire sample documents.

type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness
afterEach(async () => h?.stop())

const STALL_NOTICE = 'Gemini stopped answering, reconnecting…'
const stallNotices = () => h.log.of('onStatus').filter((s) => detailWords(s) === STALL_NOTICE).length
const turnEvents = () => h.log.of('onTurnEvent').map((e) => [e.turnId, e.type])
const userLines = () => h.log.of('onTranscript').filter((d) => d.role === 'user').map((d) => [d.turnId, d.text])
const press = () => {
  h.session.activityStart()
  h.session.activityEnd()
}

describe('real server timing through the real SDK', () => {
  it('long answer under real timing (u05): turnComplete held back past the stall timeout — 1 connection, 0 stall notices', async () => {
    h = await liveHarness({ server: { realTiming: true }, limits: { stallTimeoutMs: 1_000 } })
    h.server.setScript({ onTurn: (c) => void c.reply({ audio: { ms: 3_000 }, outputTranscript: 'Once upon a time.' }) })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the turn end', 6_000)
    const out = h.server.frames.filter((f) => f.direction === 'out')
    const at = (key: string) => out.find((f) => JSON.stringify(f.json).includes(key))!.at
    // Audio streams about 4× faster than real time (3 s in about 0.75 s); the turn ends when playback
    // would, 3 s after the first chunk. Both are lower bounds: a loaded machine only makes them later.
    expect(at('"generationComplete"') - at('"inlineData"')).toBeGreaterThan(600)
    expect(at('"turnComplete"') - at('"inlineData"')).toBeGreaterThanOrEqual(2_900)
    expect(at('"turnComplete"')).toBeGreaterThan(at('"generationComplete"'))
    expect(h.server.connections).toHaveLength(1)
    expect(stallNotices()).toBe(0)
    expect(turnEvents()).toEqual([[1, 'generationComplete'], [1, 'turnComplete']])
  })

  it('late interrupted (u09 case 1): the user talks over playback after the answer was sent — the interrupt stays with that answer and the next answer plays', async () => {
    h = await liveHarness({ server: { realTiming: true } })
    let turns = 0
    h.server.setScript({ onTurn: (c) => void c.reply(turns++ === 0 ? { audio: { ms: 3_000 } } : { audio: { ms: 200 } }) })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'generationComplete'), 'the first answer sent')
    h.session.activityStart()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'interrupted'), 'the late interrupted')
    h.session.activityEnd()
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 2, 'the second answer', 6_000)
    const sequence = h.server.frames.filter((f) => f.direction === 'out' && f.connection === 0).map((f) => Object.keys((f.json as { serverContent?: object }).serverContent ?? {})[0])
    expect(sequence.indexOf('interrupted')).toBeGreaterThan(sequence.indexOf('turnComplete'))
    expect(turnEvents().filter(([, type]) => type !== 'generationComplete')).toEqual([[1, 'turnComplete'], [1, 'interrupted'], [2, 'turnComplete']])
    expect(h.log.of('onAudioOut').some((a) => a.turnId === 2)).toBe(true)
  })

  it('late interrupted sent after turnComplete by the script (u09) never lands on the next turn', async () => {
    h = await liveHarness()
    let turns = 0
    h.server.setScript({ onTurn: (c) => void c.reply(turns++ === 0 ? { audio: { ms: 200 }, lateInterrupted: true } : { audio: { ms: 200 } }) })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'interrupted'), 'the late interrupted')
    press()
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 2, 'the second answer')
    expect(h.log.of('onTurnEvent').filter((e) => e.type === 'interrupted').map((e) => e.turnId)).toEqual([1])
    expect(new Set(h.log.of('onAudioOut').map((a) => a.turnId))).toEqual(new Set([1, 2]))
  })

  it('a tool call waiting on the user (u07): the model speaks, calls open_url with no turn end, and stays silent while the confirmation is open — no stall, and the answer is sent', async () => {
    let allow!: (isAllowed: boolean) => void
    h = await liveHarness({ limits: { stallTimeoutMs: 500 }, confirm: () => new Promise<boolean>((resolve) => (allow = resolve)) })
    h.server.setScript({
      onTurn: async (c) => {
        await c.reply({ audio: { ms: 400 }, outputTranscript: 'Opening it.', generationComplete: false, turnComplete: false })
        await c.toolCall([{ name: 'open_url', args: { url: 'https://example.com/docs' } }])
      },
    })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onToolActivity').some((a) => a.status === 'called'), 'the tool call')
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(stallNotices()).toBe(0)
    expect(h.server.connections).toHaveLength(1)
    const id = h.log.of('onToolActivity')[0]!.id
    allow(true)
    await waitFor(() => h.server.received('toolResponse').length > 0, 'the tool response')
    expect((h.server.received('toolResponse')[0]!.toolResponse as { functionResponses: { id: string }[] }).functionResponses[0]!.id).toBe(id)
    expect(h.log.of('onAudioOut').every((a) => a.turnId === 1)).toBe(true)
  })

  it('trailing content after a toolCall (u08): transcription end marker and the last audio of the same turn stay in that turn', async () => {
    h = await liveHarness({ limits: { stallTimeoutMs: 500 } })
    h.server.setScript({
      onTurn: (c) => void c.reply({ audio: { ms: 400 }, outputTranscript: 'One moment.', midTurnToolCall: { name: 'get_current_time' } }),
    })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.server.received('toolResponse').length > 0 && h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the tool answer and the turn end')
    const sent = h.server.frames.filter((f) => f.direction === 'out').map((f) => JSON.stringify(f.json))
    const callAt = sent.findIndex((f) => f.includes('toolCall'))
    expect(sent.slice(callAt + 1, callAt + 3).map((f) => f.includes('"finished": true') || f.includes('"finished":true') || f.includes('inlineData'))).toEqual([true, true])
    expect(new Set(h.log.of('onAudioOut').map((a) => a.turnId))).toEqual(new Set([1]))
    expect(stallNotices()).toBe(0)
  })
})

describe('conversation order and repeats through the real SDK (issue 13 items 2, 3)', () => {
  it('conversation order (b): the question transcribed 100 ms after turnComplete joins its exchange, not the next question', async () => {
    h = await liveHarness()
    const questions = ['What time is it?', 'And the date?']
    let turns = 0
    h.server.setScript({
      onTurn: (c) => {
        const n = turns++
        void c.reply({ inputTranscript: questions[n], inputTranscriptAt: n === 0 ? 'afterTurnComplete' : 'first', outputTranscript: n === 0 ? "It's five o'clock." : 'November 30th.', audio: { ms: 200 } })
      },
    })
    await h.session.start(h.settings({ vad: { mode: 'push-to-talk' } }))
    press()
    await waitFor(() => userLines().length === 1, 'the late question')
    press()
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 2, 'the second answer')
    expect(userLines()).toEqual([[1, 'What time is it?'], [2, 'And the date?']])
  })

  it('conversation order (a): input transcription after the output transcription stays in the same exchange', async () => {
    h = await liveHarness()
    h.server.setScript({ onTurn: (c) => void c.reply({ inputTranscript: 'What time is it?', inputTranscriptAt: 'afterOutput', outputTranscript: "It's five o'clock.", audio: { ms: 200 } }) })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer')
    expect(h.log.of('onTranscript').map((d) => [d.turnId, d.role])).toEqual([[1, 'model'], [1, 'user']])
  })

  it('repeated transcription: the same words delivered twice are shown once', async () => {
    h = await liveHarness()
    h.server.setScript({
      onTurn: async (c) => {
        await c.send({ serverContent: { inputTranscription: { text: 'Did you see that? I came second.' } } })
        await c.reply({ inputTranscript: 'Did you see that? I came second.', outputTranscript: 'Well done!', audio: { ms: 200 } })
      },
    })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer')
    expect(userLines()).toEqual([[1, 'Did you see that? I came second.']])
  })
})

describe('usage, handles and hands-free silence through the real SDK', () => {
  it('several usage reports per turn (u14): the turn counts once, with its last report', async () => {
    h = await liveHarness()
    h.server.setScript({
      onTurn: (c) =>
        void c.reply({
          audio: { ms: 300 },
          interimUsage: [{ promptTokenCount: 50, responseTokenCount: 50, totalTokenCount: 100 }, { promptTokenCount: 25, responseTokenCount: 25, totalTokenCount: 50 }],
          usage: { promptTokenCount: 509, responseTokenCount: 11, totalTokenCount: 520 },
        }),
    })
    await h.session.start(h.settings())
    press()
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer')
    press()
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 2, 'the second answer')
    expect(h.log.of('onUsage').at(-1)).toMatchObject({ promptTokens: 1018, responseTokens: 22, totalTokens: 1040 })
  })

  it('no resumable handle before the first turn (u13): the session stays live on `{}` and resumes with the handle of the first turn', async () => {
    h = await liveHarness({ server: { handlesAfterFirstTurn: true } })
    await h.session.start(h.settings())
    const firstUpdate = await h.server.waitForFrame((f) => f.direction === 'out' && JSON.stringify(f.json).includes('sessionResumptionUpdate'))
    expect(firstUpdate.json).toEqual({ sessionResumptionUpdate: {} })
    press()
    await waitFor(() => h.server.frames.some((f) => f.direction === 'out' && JSON.stringify(f.json).includes('newHandle')), 'the first handle')
    h.server.connections[0]!.drop()
    await waitFor(() => h.server.connections[1]?.setup && h.session.state === 'live', 'resumed')
    expect(h.server.connections[1]!.resumedFrom).toBe('fake-handle-s1-1')
  })

  it('hands-free silence: the user is transcribed, then nothing comes — within the stall timeout the user is told and the session resumes', async () => {
    h = await liveHarness({ limits: { stallTimeoutMs: 400 } })
    h.server.setScript({
      onOpen: async (c) => {
        if (c.index > 0) return
        await c.send({ serverContent: { inputTranscription: { text: 'What is the weather like?' } } })
        c.stall()
      },
    })
    await h.session.start(h.settings({ vad: { mode: 'hands-free' } }))
    await waitFor(() => stallNotices() === 1, 'the stall notice', 3_000)
    await waitFor(() => h.server.connections[1]?.setup && h.session.state === 'live', 'resumed', 3_000)
    expect(h.session.status.resumed).toBe(true)
  })
})
