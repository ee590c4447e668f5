import { afterEach, expect, it } from 'vitest'
import type { FakeLiveServerOptions } from '../../../support/fakeLive/fakeLiveServer'
import type { FaultLedger } from '../support/faultLedger'
import { faultRig, pause, waitFor, type FaultRig } from '../support/faultRig'

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
    ['1008 model not available', { server: { models: ['gemini-2.0-flash-live-001'] } }, 'MODEL_UNAVAILABLE', /another model/],
    ['1011 quota', { server: refuse(1011, QUOTA) }, 'QUOTA_EXCEEDED', /billing/],
  ])('close %s at setup: an error with what to do about it, no retry loop', async (name, options, code, action) => {
    r = await faultRig(options)
    const status = await r.session.start(r.settings())
    await pause(300)
    ledger.record(r.outcome(`close ${name} at setup`, false, r.audit()))
    expect(status.state).toBe('error')
    expect(r.log.of('onError')).toEqual([expect.objectContaining({ code, action: expect.stringMatching(action) })])
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

  it.each([
    ['1007 invalid argument', 1007, 'Request contains an invalid argument.', 'BAD_REQUEST'],
    ['1008 model gone', 1008, 'models/gemini-live-2.5-flash-preview is not found for API version v1beta, or is not supported for bidiGenerateContent', 'MODEL_UNAVAILABLE'],
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
    expect(r.log.of('onError')).toEqual([expect.objectContaining({ code, action: expect.any(String) })])
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
    expect(r.log.of('onStatus').map((s) => s.detail)).toContain(detail)
    expect(r.server.connections[1]!.sessionId).toBe(r.server.connections[0]!.sessionId)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, outOfOrder: 0, received: 6 })
  })
}
