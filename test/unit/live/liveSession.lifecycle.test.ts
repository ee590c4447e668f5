import { describe, expect, it } from 'vitest'
import { settle } from '../../support/live/manualClock'
import { chunkNumber, numberedChunk, sessionHarness } from '../../support/live/sessionHarness'
import { errorWords, statusWords } from '../../support/live/statusWords'

describe('starting and stopping', () => {
  it('connects, shows connecting then live, and asks for resumption', async () => {
    const h = sessionHarness()
    await h.startLive()
    expect(h.log.states).toEqual(['connecting', 'live'])
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: false })
    expect(h.transport.last.request).toMatchObject({ apiKey: 'test-key-1234', model: 'gemini-3.8-live', apiVersion: 'v1beta' })
    expect(h.transport.last.request.config.sessionResumption).toEqual({})
  })

  it('without a key ends in error NO_API_KEY and never dials', async () => {
    const h = sessionHarness({ key: null })
    const status = await h.session.start(h.settings())
    expect(status.state).toBe('error')
    expect(h.log.of('onError')).toEqual([{ code: 'NO_API_KEY', message: 'No Gemini API key is set.' }])
    expect(errorWords(h.log.of('onError')[0]!)).toEqual({ code: 'NO_API_KEY', message: 'No Gemini API key is set.', action: 'Add your Gemini API key in Settings.' })
    expect(h.transport.attempts).toHaveLength(0)
  })

  it('a refused key ends in error with the action, and is not retried', async () => {
    const h = sessionHarness()
    h.transport.onAttempt = (a) => a.refuse(1007, 'API key not valid. Please pass a valid API key.')
    const status = await h.session.start(h.settings())
    await h.clock.advance(60_000)
    expect(status.state).toBe('error')
    expect(errorWords(h.log.of('onError')[0]!)).toMatchObject({ code: 'BAD_API_KEY', action: 'Check your API key in Settings.' })
    expect(h.transport.attempts).toHaveLength(1)
  })

  it('stop closes the connection and returns to idle; a late close changes nothing', async () => {
    const h = sessionHarness()
    await h.startLive()
    const first = h.transport.last
    await h.session.stop()
    expect(first.isClosedByClient).toBe(true)
    expect(h.log.states.slice(-2)).toEqual(['closing', 'idle'])
    first.serverClose(1006)
    await h.clock.advance(10_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.session.state).toBe('idle')
  })
})

describe('dropped connections', () => {
  it('reconnect at once with the newest resumable handle and say resumed', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h2', resumable: true } })
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h3', resumable: false } })
    h.transport.last.emit({ sessionResumptionUpdate: {} })
    h.transport.last.serverClose(1006, '')
    await settle()
    expect(h.session.state).toBe('reconnecting')
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h2' })
    h.transport.last.accept('h4')
    await settle()
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.session.stats.reconnects).toBe(1)
  })

  it('back off with jitter after the quick first try, then give up with an error when the budget is spent', async () => {
    const h = sessionHarness({ random: () => 1, limits: { retryBudgetMs: 5_000 } })
    await h.startLive()
    const dropAt = h.clock.now()
    const attemptTimes: number[] = []
    h.transport.onAttempt = (a) => {
      attemptTimes.push(h.clock.now() - dropAt)
      a.fail()
    }
    h.transport.last.serverClose(1006)
    await h.clock.advance(30_000)
    expect(attemptTimes).toEqual([0, 500, 1500, 3500])
    expect(h.session.state).toBe('error')
    expect(errorWords(h.log.of('onError').at(-1)!)).toMatchObject({ code: 'CONNECTION_LOST', action: expect.stringMatching(/internet/) })
  })

  it('jitter spreads the delays: a low random draw retries sooner', async () => {
    const h = sessionHarness({ random: () => 0 })
    await h.startLive()
    const dropAt = h.clock.now()
    const attemptTimes: number[] = []
    h.transport.onAttempt = (a) => {
      attemptTimes.push(h.clock.now() - dropAt)
      if (attemptTimes.length < 3) a.fail()
      else a.accept('h9')
    }
    h.transport.last.serverClose(1011, 'Internal error encountered.')
    await h.clock.advance(10_000)
    expect(attemptTimes).toEqual([0, 250, 750])
    expect(h.session.state).toBe('live')
  })

  it('a fatal close mid-session (quota) ends in error without retrying', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.serverClose(1011, 'You exceeded your current quota, please check your plan and billing details.')
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.session.status.state).toBe('error')
    expect(h.log.of('onError')[0]!.code).toBe('QUOTA_EXCEEDED')
  })

  it('hold input captured while reconnecting and send it afterwards, in order', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.serverClose(1006)
    await settle()
    for (let n = 1; n <= 5; n++) h.session.sendAudio(numberedChunk(n))
    h.session.activityStart()
    expect(h.session.stats.pendingChunks).toBe(5)
    h.transport.last.accept('h2')
    await settle()
    const wire = h.transport.last.sent.map((f) => (f.kind === 'realtimeInput' && f.payload.audio ? chunkNumber((f.payload.audio as { data: string }).data) : Object.keys(f.payload)[0]))
    expect(wire).toEqual([1, 2, 3, 4, 5, 'activityStart'])
    expect(h.session.stats).toMatchObject({ bufferedChunks: 5, droppedChunks: 0, pendingChunks: 0 })
  })

  it('drop the oldest chunks beyond the bound and count them', async () => {
    const h = sessionHarness({ limits: { maxBufferedAudioChunks: 10 } })
    await h.startLive()
    h.transport.last.serverClose(1006)
    await settle()
    for (let n = 1; n <= 25; n++) h.session.sendAudio(numberedChunk(n))
    h.transport.last.accept('h2')
    await settle()
    const numbers = h.transport.last.realtime('audio').map((p) => chunkNumber((p.audio as { data: string }).data))
    expect(numbers).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
    expect(h.session.stats.droppedChunks).toBe(15)
  })

  it('a connect that never reaches setupComplete times out and is retried', async () => {
    const h = sessionHarness({ limits: { connectTimeoutMs: 3_000 } })
    const started = h.session.start(h.settings())
    await h.clock.advance(3_000)
    await started
    expect(h.session.state).toBe('reconnecting')
    await h.clock.advance(500)
    expect(h.transport.attempts).toHaveLength(2)
    h.transport.attempts[0]!.accept()
    await settle()
    expect(h.transport.attempts[0]!.isClosedByClient).toBe(true)
    h.transport.last.accept()
    await settle()
    expect(h.session.state).toBe('live')
  })

  it('treat a silent server during an answer as a dead connection', async () => {
    const h = sessionHarness({ limits: { stallTimeoutMs: 10_000 } })
    await h.startLive()
    h.session.activityStart()
    h.session.activityEnd()
    await h.clock.advance(9_000)
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'Hel' } } })
    await h.clock.advance(9_000)
    expect(h.transport.attempts).toHaveLength(1)
    await h.clock.advance(1_500)
    expect(h.transport.attempts[0]!.isClosedByClient).toBe(true)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
  })
})

describe('suspend and resume', () => {
  it('suspend ends the stream and keeps the handle; resume reconnects with it', async () => {
    const h = sessionHarness()
    await h.startLive()
    await h.session.suspend()
    expect(h.transport.last.isClosedByClient).toBe(true)
    expect(h.session.status.state).toBe('idle')
    h.session.sendAudio(numberedChunk(1))
    await h.clock.advance(30 * 60_000)
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.session.resume()
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.transport.last.realtime('audio')).toHaveLength(1)
  })

  it('after the handle expired, resume starts fresh with a summary and says so', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ serverContent: { inputTranscription: { text: 'What is on my screen?' } } })
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'A spreadsheet.' }, turnComplete: true } })
    await h.session.suspend()
    await h.clock.advance(3 * 60 * 60_000)
    h.transport.onAttempt = (a) => a.accept('h9')
    await h.session.resume()
    expect(h.transport.last.request.config.sessionResumption).toEqual({})
    expect(h.transport.last.sent[0]).toEqual({
      kind: 'clientContent',
      payload: {
        turns: [
          { role: 'user', parts: [{ text: 'What is on my screen?' }] },
          { role: 'model', parts: [{ text: 'A spreadsheet.' }] },
        ],
        turnComplete: false,
      },
    })
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The earlier conversation had expired, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “What is on my screen?”; Gemini said “A spreadsheet.”.',
    })
  })
})
