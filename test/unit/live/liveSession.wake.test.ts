import { describe, expect, it } from 'vitest'
import { settle } from '../../support/live/manualClock'
import { chunkNumber, numberedChunk, sessionHarness } from '../../support/live/sessionHarness'
import { detailWords, errorWords } from '../../support/live/statusWords'

const audioOn = (attempt: { realtime(kind: string): Record<string, unknown>[] }) =>
  attempt.realtime('audio').map((p) => chunkNumber((p.audio as { data: string }).data))

describe('waking up with a socket that still claims to be open', () => {
  it('a socket that answers the ping is kept, and audio captured during the check follows in order', async () => {
    const h = sessionHarness()
    h.transport.probe = 'answers'
    await h.startLive()
    h.session.sendAudio(numberedChunk(1))
    const woke = h.session.resume()
    h.session.sendAudio(numberedChunk(2))
    await woke
    h.session.sendAudio(numberedChunk(3))
    expect(h.transport.last.pings).toBe(1)
    expect(h.transport.attempts).toHaveLength(1)
    expect(audioOn(h.transport.last)).toEqual([1, 2, 3])
    expect(h.log.states).toEqual(['connecting', 'live'])
  })

  it('a socket that stays silent after a missed suspend is replaced: reconnecting, then live and resumed with the handle', async () => {
    const h = sessionHarness()
    h.transport.probe = 'silent'
    await h.startLive()
    const stale = h.transport.last
    h.transport.onAttempt = (a) => a.accept('h2')
    h.session.sendAudio(numberedChunk(1))
    const woke = h.session.resume()
    h.session.sendAudio(numberedChunk(2))
    await woke
    await settle()
    expect(stale.isClosedByClient).toBe(true)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.log.states).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(audioOn(stale)).toEqual([1])
    expect(audioOn(h.transport.last)).toEqual([2])
  })

  it('without a way to ping, a connection older than the wake is treated as dead and resumed', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.session.resume()
    await settle()
    expect(h.transport.attempts[0]!.isClosedByClient).toBe(true)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.session.status.resumed).toBe(true)
  })

  it('unlocking right after the wake keeps the fresh connection (it answers its ping)', async () => {
    const h = sessionHarness()
    h.transport.probe = 'answers'
    await h.startLive()
    await h.session.suspend()
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.session.resume()
    await h.session.resume()
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.pings).toBe(1)
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
  })

  it('lock and sleep together, then wake and unlock: one reconnect, and a late "paused" never overwrites live', async () => {
    const h = sessionHarness()
    h.transport.probe = 'answers'
    await h.startLive()
    h.transport.onAttempt = (a) => a.accept('h2')
    const lock = h.session.suspend()
    const sleep = h.session.suspend()
    const wake = h.session.resume()
    await Promise.all([lock, sleep, wake])
    await h.clock.advance(1_000)
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.transport.attempts).toHaveLength(2)
  })
})

describe('the network going away and coming back', () => {
  it('back online during a backoff wait tries again at once instead of waiting it out', async () => {
    const h = sessionHarness({ random: () => 1, limits: { firstRetryDelayMs: 4_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.fail()
    h.transport.last.serverClose(1006)
    await settle()
    expect(h.transport.attempts).toHaveLength(2)
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.clock.advance(100)
    await h.session.resume()
    await settle()
    expect(h.transport.attempts).toHaveLength(3)
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
  })

  it('after the budget the user is told once, then quiet retries bring the same conversation back by itself', async () => {
    const h = sessionHarness({ random: () => 1, limits: { retryBudgetMs: 5_000, networkRetryMs: 30_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.fail()
    h.transport.last.serverClose(1006)
    await h.clock.advance(5 * 60_000 - 1)
    expect(h.session.state).toBe('error')
    expect(h.log.of('onError')).toHaveLength(1)
    expect(errorWords(h.log.of('onError')[0]!)).toMatchObject({ code: 'CONNECTION_LOST', action: expect.stringMatching(/internet/) })
    expect(detailWords(h.session.status)).toMatch(/keeps trying/)
    const attemptsWhileDown = h.transport.attempts.length
    expect(attemptsWhileDown).toBe(1 + 4 + 9)
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.clock.advance(30_000)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.log.of('onError')).toHaveLength(1)
    await h.clock.advance(10 * 60_000)
    expect(h.transport.attempts).toHaveLength(attemptsWhileDown + 1)
  })

  it('"back online" while waiting for the network reconnects at once and shows reconnecting', async () => {
    const h = sessionHarness({ random: () => 1, limits: { retryBudgetMs: 5_000, networkRetryMs: 30_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.fail()
    h.transport.last.serverClose(1006)
    await h.clock.advance(10_000)
    expect(h.session.state).toBe('error')
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.session.resume()
    expect(h.log.states.slice(-2)).toEqual(['reconnecting', 'live'])
    expect(h.session.status.resumed).toBe(true)
    const attempts = h.transport.attempts.length
    await h.clock.advance(60_000)
    expect(h.transport.attempts).toHaveLength(attempts)
  })

  it('pressing Start while waiting for the network carries on the same conversation', async () => {
    const h = sessionHarness({ random: () => 1, limits: { retryBudgetMs: 5_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.fail()
    h.transport.last.serverClose(1006)
    await h.clock.advance(10_000)
    h.transport.onAttempt = (a) => a.accept('h2')
    const status = await h.session.start(h.settings())
    expect(status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
  })

  it('stop while waiting for the network ends the quiet retries', async () => {
    const h = sessionHarness({ random: () => 1, limits: { retryBudgetMs: 5_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.fail()
    h.transport.last.serverClose(1006)
    await h.clock.advance(10_000)
    await h.session.stop()
    const attempts = h.transport.attempts.length
    await h.clock.advance(10 * 60_000)
    expect(h.transport.attempts).toHaveLength(attempts)
    expect(h.clock.pending).toBe(0)
  })
})

describe('the stall detector', () => {
  it('uses the configured timeout: silence for 19.9 s is tolerated, 20 s during a turn means a dead connection', async () => {
    const h = sessionHarness({ limits: { stallTimeoutMs: 20_000 } })
    await h.startLive()
    h.transport.onAttempt = (a) => a.accept('h2')
    h.session.sendText('Are you there?')
    await h.clock.advance(19_900)
    expect(h.transport.attempts).toHaveLength(1)
    await h.clock.advance(100)
    expect(h.transport.attempts[0]!.isClosedByClient).toBe(true)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.session.status.resumed).toBe(true)
    expect(h.log.of('onStatus').map((s) => detailWords(s))).toContain('Gemini stopped answering, reconnecting…')
  })

  it('a quiet server between turns is not a stall, however long', async () => {
    const h = sessionHarness({ limits: { stallTimeoutMs: 20_000 } })
    await h.startLive()
    h.session.sendText('Hello')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Hi.' }] } } })
    h.transport.last.emit({ serverContent: { turnComplete: true } })
    await h.clock.advance(3 * 60 * 60_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.session.state).toBe('live')
  })
})
