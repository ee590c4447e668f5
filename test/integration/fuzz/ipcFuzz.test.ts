import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type IpcResult } from '../../../shared/ipcContract'
import type { IpcSender } from '../../../electron/main/ipc/ipcRouter'
import { FOREIGN_SENDERS, VALID_INVOKE_PAYLOADS, VALID_SEND_PAYLOADS } from '../../support/routerFixtures'
import { waitFor } from '../../support/live/liveHarness'
import { Junk } from '../../support/fuzz/junk'
import { mainWorld, makeUsable, type MainWorld } from '../../support/fuzz/mainWorld'

const SEED = Number(process.env.FUZZ_SEED ?? 20260707)
const PAYLOADS = 10_000
const BATCH = 25

const invokeRoutes = Object.values(contract.invoke).map((e) => ({ channel: e.channel, schema: e.request }))
const sendRoutes = Object.values(contract.send).map((e) => ({ channel: e.channel, schema: e.payload }))
const foreignSenders = Object.values(FOREIGN_SENDERS)

describe(`every IPC channel fuzzed with ${PAYLOADS} generated payloads (seed ${SEED})`, () => {
  let world: MainWorld
  const crashes: unknown[] = []
  const onCrash = (error: unknown) => void crashes.push(error)
  const tally = {
    invokes: 0, sends: 0, unknown: 0, answeredOk: 0, answeredError: 0, foreign: 0, invalid: 0, delivered: 0, internalErrors: [] as string[],
    /** key:set calls refused because another key check was running (one at a time, from any sender). */
    keyChecksBusy: 0,
  }

  beforeAll(async () => {
    process.on('uncaughtException', onCrash)
    process.on('unhandledRejection', onCrash)
    world = await mainWorld()
  })
  afterAll(async () => {
    process.off('uncaughtException', onCrash)
    process.off('unhandledRejection', onCrash)
    await world?.stop()
    const r = world.services.router.rejections
    console.log(
      `ipc fuzz (seed ${SEED}): ${tally.invokes + tally.sends + tally.unknown} payloads (${tally.invokes} invokes, ${tally.sends} sends, ` +
        `${tally.unknown} to unknown channels; ${world.server.connections.length} Live connections opened on the way); ` +
        `${tally.answeredError} error answers, ${tally.answeredOk} ok answers, ${tally.delivered} sends delivered; refused and counted: ` +
        `${r.foreignSender} wrong sender, ${r.badPayload} bad payload, ${r.unknownChannel} unknown channel, ${r.rateLimited} rate limited, ` +
        `${r.handlerFailed} handler errors (coded); ${crashes.length} crashes`,
    )
  })

  it('main never crashes, every payload gets an error answer or is dropped and counted, and a real turn still round-trips', async () => {
    const { router } = world.services
    const invoke = (channel: string, payload: unknown) => router.invoke(channel, world.ownPage, payload)
    await makeUsable(invoke)
    const junk = new Junk(SEED)
    let senderId = 0
    // A fresh sender id per message keeps the rate limiter out of the counts (it has its own check below).
    const sender = (): { who: IpcSender; isForeign: boolean } => {
      const isForeign = junk.chance(0.15)
      const base = isForeign ? junk.pick(foreignSenders) : world.ownPage
      return { who: { ...base, id: `fuzz-${senderId++}` }, isForeign }
    }

    for (let done = 0; done < PAYLOADS; done += BATCH) {
      const batch: Promise<void>[] = []
      for (let i = 0; i < BATCH; i++) {
        const { who, isForeign } = sender()
        if (junk.chance(0.03)) {
          const channel = junk.pick([junk.string().slice(0, 80), 42, null, 'session:start ', 'media:audio\u0000'] as unknown[])
          const payload = junk.value()
          tally.unknown++
          if (junk.chance(0.5)) batch.push(router.invoke(channel, who, payload).then((r) => expectRefused(r, 'UNKNOWN_CHANNEL')))
          else router.send(channel, who, payload)
          continue
        }
        if (junk.chance(0.55)) {
          const route = junk.pick(invokeRoutes)
          const payload = junk.mutate(VALID_INVOKE_PAYLOADS[route.channel])
          const isValid = route.schema.safeParse(payload).success
          tally.invokes++
          if (isForeign) tally.foreign++
          else if (!isValid) tally.invalid++
          batch.push(
            router.invoke(route.channel, who, payload).then((result) => {
              if (isForeign) return expectRefused(result, 'FORBIDDEN_SENDER')
              if (!isValid) return expectRefused(result, 'BAD_PAYLOAD')
              if (result.ok) tally.answeredOk++
              else if ((result.error.code === 'RATE_LIMITED' || result.error.code === 'REQUEST_RUNNING') && route.channel === 'key:set') tally.keyChecksBusy++
              else {
                tally.answeredError++
                if (result.error.code === 'INTERNAL') tally.internalErrors.push(`${route.channel}: ${result.error.message}`)
              }
            }),
          )
        } else {
          const route = junk.pick(sendRoutes)
          const payload = junk.mutate(VALID_SEND_PAYLOADS[route.channel])
          const isValid = route.schema.safeParse(payload).success
          tally.sends++
          if (isForeign) tally.foreign++
          else if (!isValid) tally.invalid++
          else tally.delivered++
          router.send(route.channel, who, payload)
        }
      }
      await Promise.all(batch)
    }

    const unknownChannelSends = router.rejections.unknownChannel
    expect(crashes).toEqual([])
    expect(router.rejections.foreignSender).toBe(tally.foreign)
    expect(router.rejections.badPayload).toBe(tally.invalid)
    // Fresh sender ids keep per-sender limits out of it; only the global one-key-check-at-a-time limit applies.
    expect(router.rejections.rateLimited).toBe(tally.keyChecksBusy)
    expect(unknownChannelSends).toBe(tally.unknown)
    expect(tally.invokes + tally.sends + tally.unknown).toBe(PAYLOADS)
    expect(tally.internalErrors).toEqual([])
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    // The same page then floods one channel: past the contract's rate, messages are dropped and counted.
    const flood = { ...world.ownPage, id: 'flooder' }
    for (let i = 0; i < 1_000; i++) router.send('media:audio', flood, new Uint8Array(640))
    expect(router.rejections.rateLimited).toBeGreaterThanOrEqual(1_000 - 2 * contract.send.sendAudioChunk.maxPerSecond)

    // Afterwards the app is put right through the contract and a real text turn round-trips through the fake server.
    await makeUsable(invoke)
    const started = await invoke('session:start', undefined)
    expect(started).toMatchObject({ ok: true, value: { state: 'live' } })
    const before = world.events.length
    expect(await invoke('session:send-text', { text: 'hello after the fuzz' })).toEqual({ ok: true, value: { done: true } })
    await waitFor(
      () => world.events.slice(before).some((e) => e.method === 'onTurnEvent' && (e.payload as { type: string }).type === 'turnComplete'),
      'the answer to a real turn',
      10_000,
    )
    const answer = world.events
      .slice(before)
      .filter((e) => e.method === 'onTranscript' && (e.payload as { role: string }).role === 'model')
      .map((e) => (e.payload as { text: string }).text)
      .join('')
    expect(answer).toContain('You said: hello after the fuzz')
    expect(crashes).toEqual([])
  }, 240_000)

  function expectRefused(result: IpcResult<unknown>, code: string): void {
    if (result.ok || result.error.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(result).slice(0, 200)}`)
    tally.answeredError++
  }
})
