import { afterEach, expect, it } from 'vitest'
import type { FaultLedger } from '../../../support/faults/faultLedger'
import { faultRig, pause, waitFor, type FaultRig } from '../../../support/faults/faultRig'
import { detailWords, statusWords } from '../../../support/live/statusWords'

const turnsComplete = (r: FaultRig) => r.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length
const handleOffered = (r: FaultRig, connection: number) =>
  ((r.server.received('setup', connection)[0]?.setup as { sessionResumption?: { handle?: string } } | undefined)?.sessionResumption ?? {}).handle

/** Answers every typed turn slowly, in small pieces, so a fault can land in the middle of it. */
const slowAnswers = {
  async onTurn(c: import('../../../support/fakeLive/fakeLiveServer').FakeLiveConnection, turn: { text: string }) {
    await c.reply({ text: `You said: ${turn.text}. `.repeat(3).match(/.{1,12}/g) ?? [], chunkDelayMs: 25 })
  },
}

/** Drops mid-answer and mid-question, GoAway with a silent server or an open tool call, refused resumes. */
export function dropScenarios(ledger: FaultLedger): void {
  let r: FaultRig | null = null
  afterEach(async () => {
    await r?.stop()
    r = null
  })

  it('drop mid-answer: the reply stops, "Connection lost, reconnecting…", then Live (resumed); asking again gets a whole answer', async () => {
    r = await faultRig({ server: { script: slowAnswers } })
    await r.session.start(r.settings())
    r.session.sendText('tell me a story')
    await waitFor(() => r!.log.of('onTranscript').some((d) => d.role === 'model'), 'first words of the answer')
    r.server.connections[0]!.drop()
    await waitFor(() => r!.log.states.includes('reconnecting'), 'the drop noticed')
    r.mic.push(5)
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed, 'resumed')
    expect(r.log.of('onStatus').map((s) => detailWords(s))).toContain('Connection lost, reconnecting…')
    expect(handleOffered(r, 1)).toMatch(/^fake-handle-s1-/)
    r.mic.push(5)
    r.session.sendText('again please')
    await waitFor(() => turnsComplete(r!) === 1, 'the second answer, complete')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('drop mid-answer', true, audit))
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, outOfOrder: 0, received: 10 })
    expect(r.log.of('onError')).toEqual([])
  })

  it('drop mid-question: the user keeps talking through the reconnect; every chunk arrives once, in order (in-flight ones at the cut counted)', async () => {
    r = await faultRig()
    await r.session.start(r.settings())
    r.session.activityStart()
    r.mic.stream(4)
    await waitFor(() => r!.mic.pushed.length > 60, 'talking')
    r.server.connections[0]!.drop()
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed && r!.mic.pushed.length > 160, 'resumed, still talking')
    r.mic.stop()
    r.session.activityEnd()
    await waitFor(() => turnsComplete(r!) === 1, 'the answer to the question')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('drop mid-question', true, audit))
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, outOfOrder: 0 })
    expect(r.session.stats.bufferedChunks).toBeGreaterThan(0)
  })

  it('goAway then silence: "Switching to a fresh connection…" before the deadline, Live (resumed), nothing said in between is lost', async () => {
    r = await faultRig()
    r.server.setScript({
      async onTurn(c) {
        await c.reply({ text: 'Let me think', turnComplete: false, generationComplete: false })
        await c.goAway('2s', { closeAfterMs: null })
        c.stall()
      },
    })
    await r.session.start(r.settings())
    r.session.sendText('a hard question')
    r.mic.stream(5)
    const warnedAt = Date.now()
    await waitFor(() => r!.server.connections[1]?.setup, 'rotation', 4_000)
    const rotatedAfter = Date.now() - warnedAt
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed, 'resumed')
    await pause(100)
    r.mic.stop()
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('goAway then silence', true, audit))
    expect(rotatedAfter).toBeLessThan(2_000)
    expect(r.log.of('onStatus').map((s) => detailWords(s))).toContain('Switching to a fresh connection…')
    expect(r.server.connections[0]!.closed).toMatchObject({ by: 'client' })
    expect(audit).toMatchObject({ lostBeyondBound: 0, lostInFlight: 0, duplicates: 0, outOfOrder: 0 })
  })

  it('goAway during a tool call: the tool is answered once with its id, the answer is shown, then the connection rotates and resumes', async () => {
    r = await faultRig()
    let toolAnswer: Record<string, unknown> | null = null
    r.server.setScript({
      async onTurn(c, turn) {
        if (turn.text !== 'what time is it?') return void (await c.reply({ text: `You said: ${turn.text}` }))
        const [id] = await c.toolCall([{ name: 'get_current_time' }])
        await c.goAway('4s', { closeAfterMs: null })
        toolAnswer = await c.waitForToolResponse(id!)
        await c.reply({ text: 'It is time.' })
      },
    })
    await r.session.start(r.settings())
    r.mic.stream(5)
    r.session.sendText('what time is it?')
    await waitFor(() => r!.session.stats.rotations === 1 && r!.session.state === 'live' && r!.session.status.resumed, 'rotated and resumed', 6_000)
    r.mic.stop()
    r.session.sendText('thanks')
    await waitFor(() => turnsComplete(r!) === 2, 'answer on the new connection')
    const responses = r.server.received('toolResponse')
    expect(responses).toHaveLength(1)
    expect(r.server.received('toolResponse', 1)).toEqual([])
    expect(toolAnswer).toMatchObject({ name: 'get_current_time', id: expect.stringMatching(/^function-call-/) })
    expect(r.log.of('onToolActivity').map((a) => a.status)).toEqual(['called', 'answered'])
    expect(r.log.of('onTranscript').filter((d) => d.role === 'model').map((d) => d.text).join('')).toContain('It is time.')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('goAway during a tool call', true, audit))
    expect(audit).toMatchObject({ lostBeyondBound: 0, lostInFlight: 0, duplicates: 0, outOfOrder: 0 })
  })

  it.each([
    ['a handle the server no longer knows', {}, (r: FaultRig) => r.server.revokeHandles()],
    ['an expired handle', { handleLifetimeMs: 300 }, async () => pause(400)],
  ])('resume refused (%s): a new conversation starts seeded with the old one, and the user is told so', async (kind, serverOptions, spoil) => {
    r = await faultRig({ server: serverOptions })
    await r.session.start(r.settings())
    r.session.sendText('My name is Ada.')
    await waitFor(() => turnsComplete(r!) === 1, 'first answer')
    await spoil(r)
    r.server.connections[0]!.drop()
    await waitFor(() => r!.log.states.includes('reconnecting'), 'the drop noticed')
    r.mic.push(4)
    await waitFor(() => r!.session.state === 'live' && r!.server.connections[2]?.setup, 'fresh session')
    expect(r.server.connections[1]!.closed).toMatchObject({ code: 1008, by: 'server' })
    expect(handleOffered(r, 2)).toBeUndefined()
    await waitFor(() => r!.server.received('clientContent', 2).length, 'seeded history')
    expect(JSON.stringify(r.server.received('clientContent', 2)[0])).toContain('My name is Ada.')
    expect(statusWords(r.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “My name is Ada.”; Gemini said “You said: My name is Ada.”.',
    })
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome(`resume refused: ${kind}`, true, audit))
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 4 })
  })
}
