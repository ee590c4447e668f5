import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { bindPowerEvents } from '../../../../electron/main/core/bindPowerEvents'
import { DEFAULT_LIVE_LIMITS } from '../../../../electron/main/core/live/liveLimits'
import { JsonFileConversationStore } from '../../../../electron/main/platform/jsonFileConversationStore'
import { systemClock } from '../../../../electron/main/platform/systemClock'
import { InMemorySecretStore } from '../../../support/inMemorySecretStore'
import { FakePowerSource } from '../../../support/faults/fakePowerSource'
import type { FaultLedger } from '../../../support/faults/faultLedger'
import { faultRig, pause, waitFor, type FaultRig } from '../../../support/faults/faultRig'
import { SteppedClock } from '../../../support/faults/steppedClock'
import { detailWords, statusWords, errorWords } from '../../../support/live/statusWords'

const turnsComplete = (r: FaultRig) => r.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length
const handleOffered = (r: FaultRig, connection: number) =>
  ((r.server.received('setup', connection)[0]?.setup as { sessionResumption?: { handle?: string } } | undefined)?.sessionResumption ?? {}).handle

/** Jumps the engine's clock in one-second steps, giving real sockets a moment after each. */
async function playForward(clock: SteppedClock, ms: number, realPauseMs = 3): Promise<void> {
  for (let done = 0; done < ms; done += 1_000) {
    await clock.advance(Math.min(1_000, ms - done))
    await pause(realPauseMs)
  }
}

/** Stalls, long outages, sleep and wake, zombie sockets and app restarts: minutes and hours played on a stepped clock. */
export function timeScenarios(ledger: FaultLedger): void {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const rig = async (options: Parameters<typeof faultRig>[0]) => {
    const r = await faultRig(options)
    cleanups.push(() => r.stop())
    return r
  }

  it('a 20 s stall mid-answer (no server traffic for the 15 s stall timeout): "Gemini stopped answering, reconnecting…", then Live (resumed)', async () => {
    const clock = new SteppedClock()
    const r = await rig({ clock, limits: { stallTimeoutMs: DEFAULT_LIVE_LIMITS.stallTimeoutMs } })
    r.server.setScript({
      async onTurn(c) {
        // Every current model answers in audio: the first half shows as its transcript.
        await c.reply({ audio: { ms: 100 }, outputTranscript: 'Half an ans', turnComplete: false, generationComplete: false })
        c.stall()
      },
    })
    await r.session.start(r.settings())
    r.session.sendText('question')
    await waitFor(() => r.log.of('onTranscript').some((d) => d.role === 'model'), 'the first half of the answer')
    r.mic.push(3)
    await playForward(clock, 14_000)
    expect(r.server.connections).toHaveLength(1)
    r.server.setScript(null)
    await playForward(clock, 6_000)
    await waitFor(() => r.session.state === 'live' && r.session.status.resumed, 'resumed after the stall')
    r.mic.push(3)
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('20 s stall', true, audit))
    expect(r.log.of('onStatus').map((s) => detailWords(s))).toContain('Gemini stopped answering, reconnecting…')
    expect(r.server.connections[0]!.closed).toMatchObject({ by: 'client' })
    expect(handleOffered(r, 1)).toBe('fake-handle-s1-1')
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 6 })
  })

  it('the network gone for 5 minutes and back: reconnecting, then "Could not reach Gemini… keeps trying", then Live (resumed) by itself', async () => {
    const clock = new SteppedClock()
    const { firstRetryDelayMs, maxRetryDelayMs, retryBudgetMs, networkRetryMs } = DEFAULT_LIVE_LIMITS
    const r = await rig({ clock, viaNetwork: true, limits: { firstRetryDelayMs, maxRetryDelayMs, retryBudgetMs, networkRetryMs } })
    await r.session.start(r.settings())
    r.session.sendText('remember 42')
    await waitFor(() => turnsComplete(r) === 1, 'first answer')
    r.network!.down()
    await waitFor(() => r.log.states.includes('reconnecting'), 'the cut noticed')
    r.mic.push(10)
    await playForward(clock, 5 * 60_000)
    expect(r.session.state).toBe('error')
    expect(r.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code: 'CONNECTION_LOST', action: expect.stringMatching(/internet/) })])
    expect(detailWords(r.session.status)).toMatch(/keeps trying/)
    expect(r.network!.refused).toBeGreaterThan(10)
    r.network!.up()
    await playForward(clock, networkRetryMs)
    await waitFor(() => r.session.state === 'live', 'back by itself')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('network gone for 5 minutes and back', true, audit))
    expect(r.session.status.resumed).toBe(true)
    expect(r.server.connections.at(-1)!.sessionId).toBe(r.server.connections[0]!.sessionId)
    expect(r.log.of('onError')).toHaveLength(1)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 10 })
  })

  it('100 suspend/resume cycles in a row: ends Live (resumed) on one socket, the same conversation, every chunk once and in order', async () => {
    const r = await rig({})
    const power = new FakePowerSource()
    const unbind = bindPowerEvents(power, r.session, r.logger, { clock: systemClock })
    await r.session.start(r.settings())
    r.mic.push()
    for (let cycle = 0; cycle < 100; cycle++) {
      power.emit(cycle % 2 ? 'lock' : 'suspend')
      r.mic.push()
      power.emit(cycle % 2 ? 'unlock' : 'resume')
      r.mic.push()
      if (cycle % 10 === 0) await pause(5)
    }
    await waitFor(() => r.session.state === 'live' && r.session.status.resumed, 'live after the last wake', 10_000)
    r.session.sendText('still with me?')
    await waitFor(() => turnsComplete(r) === 1, 'an answer after the cycles', 10_000)
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('100 suspend/resume cycles', true, audit))
    unbind.dispose()
    expect(power.listenerCount).toBe(0)
    expect(r.server.connections.filter((c) => c.isOpen)).toHaveLength(1)
    expect(new Set(r.server.connections.filter((c) => c.setup && c.sessionId).map((c) => c.sessionId))).toEqual(new Set(['s1']))
    expect(audit).toMatchObject({ pushed: 201, lostBeyondBound: 0, lostInFlight: 0, duplicates: 0, outOfOrder: 0, received: 201 })
  })

  it('waking with a zombie socket (the suspend was missed): the ping goes unanswered, reconnecting, then Live (resumed); what is said meanwhile arrives', async () => {
    const r = await rig({ viaNetwork: true })
    const power = new FakePowerSource()
    const unbind = bindPowerEvents(power, r.session, r.logger, { clock: systemClock })
    cleanups.push(async () => unbind.dispose())
    await r.session.start(r.settings())
    r.mic.push(3)
    await waitFor(() => r.server.receivedAudio().length === 3, 'audio before the sleep')
    r.network!.zombify()
    await pause(100)
    expect(r.session.state).toBe('live')
    power.emit('resume')
    r.mic.push(3)
    await waitFor(() => r.session.state === 'live' && r.session.status.resumed, 'resumed after the wake')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('zombie socket after a missed suspend', true, audit))
    expect(r.log.states).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(r.logger.lines.some((l) => /did not answer after a wake/.test(l.message))).toBe(true)
    expect(handleOffered(r, 1)).toMatch(/^fake-handle-s1-/)
    expect(audit).toMatchObject({ lostBeyondBound: 0, lostInFlight: 0, duplicates: 0, received: 6 })
  })

  it('quit and reopen within the handle lifetime: Start continues the same conversation, says so, and the kept file holds no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-conversation-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    const keychain = new InMemorySecretStore()
    const store = () => new JsonFileConversationStore({ directory: dir, macSecret: keychain })
    const before = await rig({ store: store() })
    await before.session.start(before.settings())
    before.session.sendText('My name is Ada and my key is test-key-1234.')
    await waitFor(() => turnsComplete(before) === 1, 'first answer')
    await before.session.shutdown()
    const kept = readFileSync(join(dir, 'conversation.json'), 'utf8')
    expect(kept).not.toContain('test-key-1234')
    expect(kept).toContain('My name is Ada')

    const after = await rig({ store: store(), existingServer: before.server })
    await after.session.start(after.settings())
    expect(statusWords(after.session.status)).toEqual({ state: 'live', resumed: true, detail: 'Continued the conversation from before Sightline restarted.' })
    const resumedOn = before.server.connections.length - 1
    expect(handleOffered(after, resumedOn)).toMatch(/^fake-handle-s1-/)
    expect(before.server.connections[resumedOn]!.sessionId).toBe(before.server.connections[0]!.sessionId)
    after.mic.push(3)
    const audit = await after.settleAndAudit()
    ledger.record(after.outcome('app restart within the handle lifetime', true, audit))
    expect(audit).toMatchObject({ lostBeyondBound: 0, received: 3 })
  })
}
