import { afterEach, expect, it } from 'vitest'
import type { FakeLiveServerOptions } from '../../../support/fakeLive/fakeLiveServer'
import type { FaultLedger } from '../../../support/faults/faultLedger'
import { faultRig, pause, waitFor, type FaultRig } from '../../../support/faults/faultRig'
import { detailWords, errorWords } from '../../../support/live/statusWords'

const QUOTA = 'You exceeded your current quota, please check your plan and billing details.'
const refuse = (code: number, reason: string): FakeLiveServerOptions => ({ refuseSetup: () => ({ code, reason }) })

/** The server's close codes (live-protocol.md §5), at setup and mid-session. */
export function closeCodeScenarios(ledger: FaultLedger): void {
  let r: FaultRig | null = null
  afterEach(async () => {
    await r?.stop()
    r = null
  })

  it.each([
    ['1007 bad key', { key: 'bad-key-1234' }, 'BAD_API_KEY', /API key in Settings/],
    ['1007 unknown setup field', { server: refuse(1007, 'Invalid JSON payload received. Unknown name "foo" at \'setup\': Cannot find field.') }, 'BAD_REQUEST', /Undo the last change/],
    ['1008 recommended model not available', { server: { models: ['gemini-3.1-flash-live-preview'] } }, 'MODEL_UNAVAILABLE', /another model/],
    ['1011 quota', { server: refuse(1011, QUOTA) }, 'QUOTA_EXCEEDED', /billing/],
  ])('close %s at setup: an error with what to do about it, no retry loop', async (name, options, code, action) => {
    r = await faultRig(options)
    const status = await r.session.start(r.settings())
    await pause(300)
    ledger.record(r.outcome(`close ${name} at setup`, false, r.audit()))
    expect(status.state).toBe('error')
    expect(r.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code, action: expect.stringMatching(action) })])
    expect(r.server.connections).toHaveLength(1)
  })

  it('close 1011 "Internal error" at setup: retried at once and the session goes live', async () => {
    let refusals = 1
    r = await faultRig({ server: { refuseSetup: () => (refusals-- > 0 ? { code: 1011, reason: 'Internal error encountered.' } : null) } })
    await r.session.start(r.settings())
    r.mic.push(3)
    await waitFor(() => r!.session.state === 'live', 'live after one retry')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('close 1011 internal at setup', true, audit))
    expect(r.server.connections).toHaveLength(2)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 3 })
  })

  it('reconnect storm: every connection closes 1011 "Internal error encountered." 50 ms after setup; the backoff grows, the user is told once, then quiet retries', async () => {
    const limits = { firstRetryDelayMs: 100, maxRetryDelayMs: 800, retryBudgetMs: 2_500, networkRetryMs: 1_500, shortLivedConnectionMs: 1_000 }
    r = await faultRig({
      limits,
      server: {
        script: {
          onOpen: (c) => void setTimeout(() => void c.close(1011, 'Internal error encountered.'), 50),
        },
      },
    })
    await r.session.start(r.settings())
    await waitFor(() => r!.log.of('onError').length > 0, 'the user told', 8_000)
    const toldAt = r.server.connections.length
    await pause(1_800)
    ledger.record(r.outcome('reconnect storm: 1011 right after every setup', false, r.audit()))
    const setups = r.server.frames.filter((f) => f.direction === 'in' && (f.json as { setup?: unknown } | undefined)?.setup).map((f) => f.at)
    const gaps = setups.slice(1).map((t, i) => t - setups[i]!)
    // Before the fix: 331 connections in 20 s. Each gap is the previous connection's 50 ms, plus
    // a backoff step that doubles (equal jitter: at least half of 100, 200, 400, 800 ms).
    expect(toldAt).toBeLessThanOrEqual(8)
    gaps.slice(0, toldAt - 1).forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 + Math.min(400, 50 * 2 ** i)))
    expect(r.server.connections.length - toldAt).toBeLessThanOrEqual(2)
    expect(r.server.connections.slice(1).every((c) => c.resumedFrom !== null)).toBe(true)
    expect(r.log.of('onError').map(errorWords)).toEqual([
      expect.objectContaining({ code: 'CONNECTION_UNSTABLE', message: expect.stringContaining('Internal error encountered.'), action: expect.stringMatching(/Google’s side/) }),
    ])
  })

  it('1007 right after a GoAway rotation: one more attempt, which gets only the newest held frame, and the session goes on', async () => {
    let refusals = 1
    r = await faultRig({
      server: {
        script: {
          onOpen: (c) => {
            if (c.resumedFrom && refusals-- > 0) setTimeout(() => void c.close(1007, 'Request contains an invalid argument.'), 50)
          },
        },
      },
    })
    await r.session.start(r.settings())
    await pause(600)
    const frame = (n: number) => new Uint8Array([0xff, 0xd8, n])
    const framesOn = (connection: number) => r!.server.received('realtimeInput', connection).flatMap((m) => {
      const video = (m.realtimeInput as { video?: { data: string } }).video
      return video ? [Buffer.from(video.data, 'base64')[2]!] : []
    })
    await r.server.connections[0]!.goAway('30s', { closeAfterMs: null })
    for (let n = 1; n <= 3; n++) r.session.sendVideoFrame(frame(n))
    await waitFor(() => r!.log.of('onStatus').some((st) => detailWords(st) === 'Connection lost, reconnecting…'), 'the refusal noticed')
    for (let n = 4; n <= 6; n++) r.session.sendVideoFrame(frame(n))
    await waitFor(() => r!.session.state === 'live' && r!.server.connections.length === 3, 'live on the extra attempt')
    await pause(200)
    ledger.record(r.outcome('1007 right after a GoAway rotation', true, r.audit()))
    expect(r.server.connections[1]!.closed).toMatchObject({ code: 1007, by: 'server' })
    expect(r.server.connections[2]!.resumedFrom).not.toBeNull()
    expect(framesOn(2)).toEqual([6])
    expect(r.log.of('onError')).toEqual([])
  })

  it.each([
    ['1007 invalid argument', 1007, 'Request contains an invalid argument.', 'BAD_REQUEST'],
    ['1008 model gone', 1008, 'models/gemini-3.8-live is not found for API version v1beta, or is not supported for bidiGenerateContent', 'MODEL_UNAVAILABLE'],
    ['1011 quota', 1011, QUOTA, 'QUOTA_EXCEEDED'],
  ])('close %s mid-session: the session ends with an error saying what to do; what was said before arrived', async (name, closeCode, reason, code) => {
    r = await faultRig()
    await r.session.start(r.settings())
    r.mic.push(5)
    await waitFor(() => r!.server.receivedAudio().length === 5, 'audio before the close')
    await r.server.connections[0]!.close(closeCode, reason)
    await waitFor(() => r!.session.state === 'error', 'error shown')
    await pause(200)
    const audit = r.audit()
    ledger.record(r.outcome(`close ${name} mid-session`, false, audit))
    expect(r.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code, action: expect.any(String) })])
    expect(r.server.connections).toHaveLength(1)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 5 })
  })

  it.each([
    ['1008 "operation aborted"', 1008, 'The operation was aborted.', 'Connection lost, reconnecting…'],
    ['1011 "Internal error"', 1011, 'Internal error encountered.', 'Connection lost, reconnecting…'],
    ['1011 "Deadline expired"', 1011, 'Deadline expired before operation could complete.', 'Refreshing the connection…'],
  ])('close %s mid-session: reconnecting, then Live (resumed) with the same conversation', async (name, closeCode, reason, detail) => {
    r = await faultRig()
    await r.session.start(r.settings())
    r.mic.push(3)
    await waitFor(() => r!.server.receivedAudio().length === 3, 'audio before the close')
    await r.server.connections[0]!.close(closeCode, reason)
    await waitFor(() => r!.log.states.includes('reconnecting'), 'the close noticed')
    r.mic.push(3)
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed, 'resumed')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome(`close ${name} mid-session`, true, audit))
    expect(r.log.of('onStatus').map((s) => detailWords(s))).toContain(detail)
    expect(r.server.connections[1]!.sessionId).toBe(r.server.connections[0]!.sessionId)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, outOfOrder: 0, received: 6 })
  })
}
