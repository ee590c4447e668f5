import { afterEach, expect, it } from 'vitest'
import type { FaultLedger } from '../../../support/faults/faultLedger'
import { faultRig, pause, waitFor, type FaultRig } from '../../../support/faults/faultRig'

const turnsComplete = (r: FaultRig) => r.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length
const modelText = (r: FaultRig) => r.log.of('onTranscript').filter((d) => d.role === 'model').map((d) => d.text).join('')

/** JSON the SDK passes through untouched although it fits no message the engine knows. */
const ODD_FRAMES = [
  '{"brandNewMessageKind":{"detail":"from a future API version"}}',
  'null',
  '[1,2,3]',
  '"just a string"',
  '{"serverContent":{"modelTurn":{"parts":42}}}',
  '{"serverContent":{"modelTurn":{"parts":[null,7,{"inlineData":5}]}}}',
  '{"toolCall":{"functionCalls":"nope"}}',
  '{"sessionResumptionUpdate":{"newHandle":7,"resumable":"yes"}}',
  '{"usageMetadata":"lots"}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '{"serverContent":null}',
]

/** Frames the server should never send, slow frames, and duplicate tool-call ids. */
export function badFrameScenarios(ledger: FaultLedger): void {
  let r: FaultRig | null = null
  afterEach(async () => {
    await r?.stop()
    r = null
  })

  it('a non-JSON frame mid-answer: the answer still arrives whole, the frame is logged, no reconnect', async () => {
    r = await faultRig()
    r.server.setScript({
      async onTurn(c, turn) {
        await c.reply({ text: ['You said: ', turn.text], turnComplete: false, generationComplete: false })
        await c.sendRaw('{"serverContent": {"modelTurn": this is not JSON', true)
        await c.reply({ text: ' (all of it)' })
      },
    })
    await r.session.start(r.settings())
    r.mic.push(3)
    r.session.sendText('hello')
    r.mic.push(3)
    await waitFor(() => turnsComplete(r!) === 1, 'the answer')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('non-JSON frame', true, audit))
    expect(modelText(r)).toBe('You said: hello (all of it)')
    expect(r.logger.lines.some((l) => l.level === 'warn' && /not JSON/.test(l.message))).toBe(true)
    expect(r.server.connections).toHaveLength(1)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 6 })
  })

  it('a goAway whose timeLeft cannot be read counts as "soon": the session rotates at once and resumes', async () => {
    r = await faultRig()
    await r.session.start(r.settings())
    await r.server.connections[0]!.sendRaw('{"goAway":{"timeLeft":12}}', true)
    await waitFor(() => r!.log.states.includes('reconnecting'), 'the rotation started')
    r.mic.push(3)
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed, 'resumed')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('goAway with an unreadable timeLeft', true, audit))
    expect(r.session.stats.rotations).toBe(1)
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 3 })
  })

  it('unknown message kinds and odd shapes: each is ignored (and logged when it breaks a rule), the conversation carries on', async () => {
    r = await faultRig()
    await r.session.start(r.settings())
    for (const frame of ODD_FRAMES) {
      await r.server.connections[0]!.sendRaw(frame, true)
      r.mic.push()
    }
    await pause(100)
    r.session.sendText('still there?')
    await waitFor(() => turnsComplete(r!) === 1, 'an answer after the odd frames')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('unknown message kinds and odd shapes', true, audit))
    expect(modelText(r)).toContain('You said: still there?')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(r.session.state).toBe('live')
    expect(r.server.connections).toHaveLength(1)
    expect(r.log.of('onError')).toEqual([])
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: ODD_FRAMES.length })
  })

  it('an oversized frame (past the 100 MiB WebSocket limit): the socket is dropped, then Live (resumed); nothing said is lost', async () => {
    r = await faultRig()
    await r.session.start(r.settings())
    r.mic.push(3)
    await waitFor(() => r!.server.receivedAudio().length === 3, 'audio before')
    void r.server.connections[0]!.sendRaw('x'.repeat(101 * 1024 * 1024), true)
    await waitFor(() => r!.log.states.includes('reconnecting'), 'the drop noticed', 10_000)
    r.mic.push(3)
    await waitFor(() => r!.session.state === 'live' && r!.session.status.resumed, 'resumed', 10_000)
    r.session.sendText('after the big frame')
    await waitFor(() => turnsComplete(r!) === 1, 'an answer')
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('oversized frame', true, audit))
    expect(r.transport.connections[0]!.endedBy).toBe('peer')
    expect(audit).toMatchObject({ lostBeyondBound: 0, duplicates: 0, received: 6 })
  })

  it('duplicate tool-call ids: the user is asked once, the tool runs once, one answer goes back with that id', async () => {
    let allow: (answer: boolean) => void = () => {}
    const asked: number[] = []
    r = await faultRig({
      confirm: () => {
        asked.push(Date.now())
        return new Promise<boolean>((resolve) => (allow = resolve))
      },
    })
    const call = { name: 'open_url', args: { url: 'https://example.com/' }, id: 'function-call-42' }
    r.server.setScript({
      async onTurn(c) {
        await c.send({ toolCall: { functionCalls: [call, call] } })
        await c.send({ toolCall: { functionCalls: [call] } })
        await c.waitForToolResponse(call.id)
        await c.reply({ text: 'Opened it.' })
      },
    })
    await r.session.start(r.settings())
    r.session.sendText('open example.com')
    await waitFor(() => asked.length === 1, 'the confirmation question')
    await pause(150)
    allow(true)
    await waitFor(() => turnsComplete(r!) === 1, 'the answer')
    await pause(100)
    const answers = r.server.received('toolResponse').flatMap((m) => (m.toolResponse as { functionResponses: { id: string }[] }).functionResponses)
    ledger.record(r.outcome('duplicate tool-call ids', true, r.audit()))
    expect(asked).toHaveLength(1)
    expect(answers.map((a) => a.id)).toEqual(['function-call-42'])
    expect(r.log.of('onToolActivity').map((a) => `${a.id}:${a.status}`)).toEqual(['function-call-42:called', 'function-call-42:answered'])
    expect(r.logger.lines.filter((l) => l.message === 'duplicate tool call id ignored')).toHaveLength(2)
  })

  it('300 ms added latency on every server frame: answers come later but whole, no false stall, nothing lost', async () => {
    r = await faultRig({ server: { latencyMs: 300 } })
    await r.session.start(r.settings())
    r.session.activityStart()
    r.mic.stream(10)
    await pause(300)
    r.mic.stop()
    r.session.activityEnd()
    // Spoken answers (every current model answers in audio) would interleave with a second answer streamed at once.
    await waitFor(() => turnsComplete(r!) === 1, 'the spoken answer', 15_000)
    r.session.sendText('slow network')
    await waitFor(() => turnsComplete(r!) === 2, 'both answers', 15_000)
    const audit = await r.settleAndAudit()
    ledger.record(r.outcome('300 ms added latency', true, audit))
    expect(modelText(r)).toContain('You said: slow network')
    expect(r.session.stats.reconnects).toBe(0)
    expect(r.server.connections).toHaveLength(1)
    expect(audit).toMatchObject({ lostBeyondBound: 0, lostInFlight: 0, duplicates: 0, outOfOrder: 0 })
  })
}
