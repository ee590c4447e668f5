import { afterEach, describe, expect, it } from 'vitest'
import { liveHarness, micChunk, waitFor } from '../../support/live/liveHarness'
import { statusWords, errorWords } from '../../support/live/statusWords'

type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness
afterEach(async () => h?.stop())

const handleOf = (connection: number) =>
  ((h.server.received('setup', connection)[0]!.setup as { sessionResumption?: { handle?: string } }).sessionResumption ?? {}).handle
const audioSequence = () => h.server.receivedAudio().map((a) => a.pcm.readUInt32LE(0))

describe('GoAway rotation against the real SDK', () => {
  it('rotates on a timer before the deadline when the server goes silent mid-answer, closing the old socket first', async () => {
    h = await liveHarness({ limits: { goAwaySafetyMarginMs: 1_000 } })
    await h.session.start(h.settings({ vad: { mode: 'push-to-talk' } }))
    const first = h.server.connections[0]!
    h.server.setScript({ onTurn: async (c) => {
      await c.reply({ outputTranscript: 'Let me think', turnComplete: false, generationComplete: false })
      await c.goAway('2s')
    } })
    const warnedAt = performance.now()
    h.session.sendText('A hard question')
    await waitFor(() => h.server.connections[1], 'second connection', 5_000)
    const second = await h.server.waitForConnection(1)
    const setupAt = h.server.frames.find((f) => f.connection === 1 && f.direction === 'in')!.at
    expect(first.closed).toMatchObject({ by: 'client' })
    expect(first.closed!.at).toBeLessThan(setupAt)
    expect(setupAt - warnedAt).toBeLessThan(2_000)
    expect(handleOf(1)).toBe('fake-handle-s1-1')
    expect(second.sessionId).toBe(first.sessionId)
    await waitFor(() => h.session.status.resumed, 'resumed status')
    expect(h.session.stats.rotations).toBe(1)
  })

  it('loses no input chunk during the swap: the server sees every chunk exactly once, in order', async () => {
    h = await liveHarness({ limits: { goAwaySafetyMarginMs: 1_000 } })
    await h.session.start(h.settings({ vad: { mode: 'push-to-talk' } }))
    h.session.activityStart()
    let sequence = 0
    const pump = setInterval(() => h.session.sendAudio(micChunk(sequence++)), 2)
    try {
      await waitFor(() => sequence > 50, 'audio flowing')
      await h.server.connections[0]!.goAway('1.5s')
      await waitFor(() => h.server.connections[1]?.setup && h.session.state === 'live' && h.server.receivedAudio().some((a) => a.connection === 1), 'rotation', 5_000)
      await waitFor(() => sequence > 400 && h.server.receivedAudio().filter((a) => a.connection === 1).length > 50, 'audio after rotation')
    } finally {
      clearInterval(pump)
    }
    await waitFor(() => audioSequence().length === sequence, 'every chunk on the wire')
    expect(audioSequence()).toEqual(Array.from({ length: sequence }, (_, i) => i))
    expect(h.session.stats.droppedChunks).toBe(0)
    expect(h.session.stats.bufferedChunks).toBeGreaterThan(0)
    expect(new Set(h.server.receivedAudio().map((a) => a.connection))).toEqual(new Set([0, 1]))
  })
})

describe('drops, resumes and refusals', () => {
  it('a dropped socket is resumed with the handle and the conversation carries on', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    h.session.sendText('first')
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 1, 'first answer')
    await waitFor(() => h.server.frames.filter((f) => f.direction === 'out' && (f.json as { sessionResumptionUpdate?: unknown }).sessionResumptionUpdate).length === 2, 'handle after the turn')
    h.server.connections[0]!.drop()
    await waitFor(() => h.server.connections[1]?.setup, 'reconnect')
    await waitFor(() => h.session.status.resumed && h.session.state === 'live', 'resumed')
    expect(handleOf(1)).toBe('fake-handle-s1-2')
    h.session.sendText('second')
    await waitFor(() => h.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length === 2, 'second answer')
    expect(h.log.states).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(h.log.of('onError')).toEqual([])
  })

  it('a refused resume starts a fresh session seeded with the conversation, and the user is told', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    h.session.sendText('My name is Ada.')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'answer')
    h.server.revokeHandles()
    h.server.connections[0]!.drop()
    await waitFor(() => h.server.connections[2]?.setup && h.session.state === 'live', 'fresh session')
    expect(h.server.connections[1]!.closed).toMatchObject({ code: 1008, by: 'server' })
    expect(handleOf(2)).toBeUndefined()
    await waitFor(() => h.server.received('clientContent', 2).length, 'seed')
    expect(h.server.received('clientContent', 2)[0]).toEqual({
      clientContent: { turns: [{ parts: [{ text: 'My name is Ada.' }], role: 'user' }, { parts: [{ text: 'You said: My name is Ada.' }], role: 'model' }], turnComplete: false },
    })
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “My name is Ada.”; Gemini said “You said: My name is Ada.”.',
    })
  })

  it('suspend ends the stream cleanly; resume reconnects with the same handle', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    await h.session.suspend()
    expect(h.server.connections[0]!.closed).toMatchObject({ by: 'client' })
    await h.session.resume()
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(handleOf(1)).toBe('fake-handle-s1-1')
  })

  it('a server that goes silent mid-answer is treated as dead and the session resumes elsewhere', async () => {
    h = await liveHarness({ limits: { stallTimeoutMs: 300 } })
    await h.session.start(h.settings())
    h.server.setScript({ onTurn: async (c) => {
      await c.reply({ text: 'Half an ans', turnComplete: false, generationComplete: false })
      c.stall()
    } })
    h.session.sendText('question')
    await waitFor(() => h.server.connections[1]?.setup && h.session.state === 'live', 'resumed after the stall', 3_000)
    expect(h.server.connections[0]!.closed).toMatchObject({ by: 'client' })
    expect(handleOf(1)).toBe('fake-handle-s1-1')
    expect(h.session.status.resumed).toBe(true)
  })

  it('a frame that is not JSON mid-session is logged and the session keeps working', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    await h.server.connections[0]!.sendRaw('{"serverContent": {"modelTurn":', true)
    h.session.sendText('still there?')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'answer')
    expect(h.session.state).toBe('live')
    expect(h.logger.lines.some((l) => l.level === 'warn' && /not JSON/.test(l.message))).toBe(true)
  })
})

describe('close codes through the whole engine', () => {
  it.each([
    ['a bad key', { key: 'bad-key-1234' }, 'BAD_API_KEY', /API key in Settings/],
    ['the recommended model refused as unknown', { server: { models: ['gemini-3.1-flash-live-preview'] } }, 'MODEL_UNAVAILABLE', /another model/],
    ['no quota', { server: { refuseSetup: () => ({ code: 1011, reason: 'Resource has been exhausted (e.g. check quota).' }) } }, 'QUOTA_EXCEEDED', /billing/],
  ])('at setup, %s ends in error with an action and no retry', async (_name, options, code, action) => {
    h = await liveHarness(options)
    const status = await h.session.start(h.settings())
    expect(status.state).toBe('error')
    expect(h.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code, action: expect.stringMatching(action) })])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(h.server.connections).toHaveLength(1)
  })

  it('1011 deadline at setup is retried and recovers', async () => {
    let refusals = 1
    h = await liveHarness({ server: { refuseSetup: () => (refusals-- > 0 ? { code: 1011, reason: 'Deadline expired before operation could complete.' } : null) } })
    await h.session.start(h.settings())
    await waitFor(() => h.session.state === 'live', 'live after a retry')
    expect(h.server.connections).toHaveLength(2)
  })

  it('mid-session, 1008 "model not found" for the recommended model itself ends in one clear error without a reconnect (nothing left to move to)', async () => {
    h = await liveHarness()
    await h.session.start(h.settings())
    await h.server.connections[0]!.close(1008, 'models/gemini-3.8-live is not found for API version v1beta, or is not supported for bidiGenerateContent')
    await waitFor(() => h.session.state === 'error', 'error state')
    expect(h.log.of('onError')).toEqual([
      expect.objectContaining({ code: 'MODEL_UNAVAILABLE', message: 'The model gemini-3.8-live is not available to this key, so Sightline cannot start a conversation.' }),
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(h.server.connections).toHaveLength(1)
  })

  it.each([
    [1007, 'Request contains an invalid argument.', 'BAD_REQUEST'],
    [1011, 'You exceeded your current quota, please check your plan and billing details.', 'QUOTA_EXCEEDED'],
  ])('mid-session, %s ends in error without a reconnect', async (closeCode, reason, code) => {
    h = await liveHarness()
    await h.session.start(h.settings())
    await h.server.connections[0]!.close(closeCode, reason)
    await waitFor(() => h.session.state === 'error', 'error state')
    expect(h.log.of('onError')[0]).toMatchObject({ code, message: expect.stringContaining(reason) })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(h.server.connections).toHaveLength(1)
  })

  it.each([
    [1011, 'Internal error encountered.'],
    [1008, 'The operation was aborted.'],
  ])('mid-session, a transient %s %s is resumed', async (closeCode, reason) => {
    h = await liveHarness()
    await h.session.start(h.settings())
    await h.server.connections[0]!.close(closeCode, reason)
    await waitFor(() => h.server.connections[1]?.setup && h.session.state === 'live', 'resumed')
    expect(h.session.status.resumed).toBe(true)
  })
})
