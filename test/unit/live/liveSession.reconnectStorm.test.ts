import { describe, expect, it } from 'vitest'
import { DEFAULT_LIVE_LIMITS } from '../../../electron/main/core/live/liveLimits'
import { settle } from '../../support/live/manualClock'
import { chunkNumber, numberedChunk, sessionHarness } from '../../support/live/sessionHarness'
import type { ConnectAttempt } from '../../support/live/fakeLiveTransport'
import { detailWords, errorWords } from '../../support/live/statusWords'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

const INTERNAL = 'Internal error encountered.'
const INVALID = 'Request contains an invalid argument.'

/** A screen frame whose first bytes carry its number. */
const frame = (n: number) => numberedChunk(n)
const framesOn = (attempt: ConnectAttempt) => attempt.realtime('video').map((p) => chunkNumber((p.video as { data: string }).data))
const audioOn = (attempt: ConnectAttempt) => attempt.realtime('audio').map((p) => chunkNumber((p.audio as { data: string }).data))

/** Production limits (the storm is about their real values), on the manual clock. */
function stormHarness() {
  const h = sessionHarness({ limits: DEFAULT_LIVE_LIMITS, random: () => 1 })
  const startedAt = h.clock.now()
  const dials: number[] = []
  // Issue 13.1's input: every connection gets setupComplete and a resumable handle, then closes 50 ms later with 1011.
  h.transport.onAttempt = (a) => {
    dials.push(h.clock.now() - startedAt)
    a.accept(`h${dials.length}`)
    h.clock.setTimeout(() => a.serverClose(1011, INTERNAL), 50)
  }
  return { ...h, dials }
}

describe('reconnect storms: a connection that dies right after setup counts as a failed attempt', () => {
  it('1011 50 ms after every setup: the backoff keeps growing (0, 0.5, 1, 2, 4, 8, 10 s) instead of 601 dials in 30 s', async () => {
    const h = stormHarness()
    await h.session.start(h.settings())
    await h.clock.advance(30_000)
    // Each dial is the previous close (dial + 50 ms) plus the backoff step.
    expect(h.dials).toEqual([0, 550, 1_600, 3_650, 7_700, 15_750, 25_800])
    expect(h.log.of('onError')).toEqual([])
    expect(h.session.state).toBe('reconnecting')
  })

  it('when the budget is spent the user is told once what is wrong and what to do; then quiet retries every 30 s', async () => {
    const h = stormHarness()
    await h.session.start(h.settings())
    await h.clock.advance(60_000)
    expect(h.dials).toEqual([0, 550, 1_600, 3_650, 7_700, 15_750, 25_800, 35_850, 45_900, 55_950])
    expect(h.session.state).toBe('error')
    expect(h.log.of('onError')).toEqual([
      {
        code: 'CONNECTION_UNSTABLE',
        message: 'Gemini keeps closing the connection right after it opens. Gemini had a problem on its side. Gemini said: "Internal error encountered."',
        // What went wrong last and what Gemini said travel as params; the catalogue words them, with what to do.
        params: { cause: 'SERVER_ERROR', reason: 'Internal error encountered.' },
      },
    ])
    expect(describeError(h.log.of('onError')[0]!, wordingFor('en'))).toEqual({
      message: 'Gemini keeps closing the connection right after it opens. Gemini said: “Internal error encountered.”',
      action: 'If your internet connection works, this is a problem on Google’s side: wait a few minutes, or pick another model in Settings.',
    })
    expect(detailWords(h.session.status)).toMatch(/keeps trying every 30 s/)

    await h.clock.advance(90_000)
    // The budget ran out at the close of 55 950 (56 000); quiet retries follow at the network-retry interval.
    expect(h.dials.slice(10)).toEqual([86_000, 116_050, 146_100])
    expect(h.log.of('onError')).toHaveLength(1)
    expect(h.session.state).toBe('error')
  })

  it('a connection that lived past the short-lived limit starts a new series: the next dial is at once', async () => {
    const h = sessionHarness({ limits: DEFAULT_LIVE_LIMITS, random: () => 1 })
    await h.startLive()
    const times: number[] = []
    const t0 = h.clock.now()
    h.transport.onAttempt = (a) => {
      times.push(h.clock.now() - t0)
      a.accept('h2')
    }
    await h.clock.advance(4_900)
    h.transport.last.serverClose(1011, INTERNAL)
    await h.clock.advance(600)
    await h.clock.advance(5_000)
    h.transport.last.serverClose(1011, INTERNAL)
    await settle()
    // 4.9 s after setup is short-lived (the second try of the series, 0.5 s later); 5 s is not (at once).
    expect(times).toEqual([5_400, 10_500])
    expect(h.session.state).toBe('live')
  })

  it('Stop during a storm ends it: no dial after stop', async () => {
    const h = stormHarness()
    await h.session.start(h.settings())
    await h.clock.advance(2_000)
    await h.session.stop()
    const dialled = h.dials.length
    await h.clock.advance(120_000)
    expect(h.dials).toHaveLength(dialled)
    expect(h.session.state).toBe('idle')
  })

  it('a GoAway rotation that is answered by another GoAway at once backs off too', async () => {
    const h = sessionHarness({ limits: DEFAULT_LIVE_LIMITS, random: () => 1 })
    await h.startLive()
    await h.clock.advance(10_000)
    const t0 = h.clock.now()
    const dials: number[] = []
    h.transport.onAttempt = (a) => {
      dials.push(h.clock.now() - t0)
      a.accept(`h${dials.length + 1}`)
      a.emit({ goAway: { timeLeft: '50s' } })
    }
    h.transport.last.emit({ goAway: { timeLeft: '50s' } })
    await h.clock.advance(4_000)
    // Every rotation closes the old socket first (closeWaitMs at most, here at once), then dials.
    expect(dials).toEqual([0, 500, 1_500, 3_500])
  })
})

describe('a 1007 right after a GoAway rotation', () => {
  async function rotated() {
    const h = sessionHarness({ limits: { shortLivedConnectionMs: 5_000 } })
    await h.startLive()
    await h.clock.advance(10_000)
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h-before-rotation', resumable: true } })
    h.transport.last.emit({ goAway: { timeLeft: '50s' } })
    await h.clock.advance(0)
    // While the swap runs, the screen keeps sending frames and the user keeps talking.
    for (let n = 1; n <= 3; n++) h.session.sendVideoFrame(frame(n))
    h.session.sendAudio(numberedChunk(101))
    return h
  }

  it('gets one more attempt, and sends no held-back frame but the newest; today it ended the session', async () => {
    const h = await rotated()
    expect(h.transport.attempts).toHaveLength(2)
    const rotation = h.transport.last
    rotation.accept('h-rotated')
    await settle()
    expect(framesOn(rotation)).toEqual([3])
    expect(audioOn(rotation)).toEqual([101])
    h.transport.onAttempt = null
    await h.clock.advance(50)
    rotation.serverClose(1007, INVALID)
    await settle()
    for (let n = 4; n <= 6; n++) h.session.sendVideoFrame(frame(n))
    h.session.sendAudio(numberedChunk(102))
    await h.clock.advance(1_000)
    expect(h.transport.attempts).toHaveLength(3)
    const retry = h.transport.last
    expect(retry.request.config.sessionResumption).toEqual({ handle: 'h-rotated' })
    retry.accept('h-retry')
    await settle()
    expect(framesOn(retry)).toEqual([6])
    expect(audioOn(retry)).toEqual([102])
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.log.of('onError')).toEqual([])
  })

  it('a second 1007 on that attempt is fatal: the error says what to do', async () => {
    const h = await rotated()
    h.transport.last.accept('h-rotated')
    await settle()
    await h.clock.advance(50)
    h.transport.last.serverClose(1007, INVALID)
    await h.clock.advance(1_000)
    h.transport.last.accept('h-retry')
    await settle()
    await h.clock.advance(50)
    h.transport.last.serverClose(1007, INVALID)
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(3)
    expect(h.session.state).toBe('error')
    expect(h.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code: 'BAD_REQUEST', action: expect.stringMatching(/Settings/) })])
  })

  it('a 1007 long after a rotation is fatal at once, as before', async () => {
    const h = await rotated()
    h.transport.last.accept('h-rotated')
    await h.clock.advance(6_000)
    h.transport.last.serverClose(1007, INVALID)
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.log.of('onError')).toEqual([expect.objectContaining({ code: 'BAD_REQUEST' })])
  })
})
