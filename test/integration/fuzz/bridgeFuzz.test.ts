import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeWire, type WireMessage } from '../../../shared/wireCodec'
import { createIpcHandlers } from '../../../electron/main/ipc/ipcHandlers'
import { BridgeClient, startBridgeOnly } from '../../support/bridgeClient'
import { waitFor } from '../../support/live/liveHarness'
import { Junk } from '../../support/fuzz/junk'
import { mainWorld, makeUsable, type MainWorld } from '../../support/fuzz/mainWorld'

const SEED = Number(process.env.FUZZ_SEED ?? 20260707) + 1
const FRAMES = 3_000

/** One malformed (or merely hostile) bridge frame. */
function badFrame(junk: Junk): Uint8Array | string {
  const valid = encodeWire({ type: 'invoke', id: junk.int(1, 1e6), channel: 'session:send-text', payload: { text: 'hi', pcm: junk.bytes(8) } })
  const header = (text: string, length = Buffer.byteLength(text)) => {
    const body = Buffer.from(text)
    const out = new Uint8Array(4 + body.byteLength + junk.int(0, 16))
    new DataView(out.buffer).setUint32(0, length >>> 0, true)
    out.set(body, 4)
    return out
  }
  switch (junk.int(0, 11)) {
    case 0:
      return junk.bytes(junk.int(0, 4096))
    case 1:
      return valid.subarray(0, junk.int(0, valid.byteLength - 1))
    case 2:
      return header('{"sizes":[],"message":{"type":"invoke"', junk.pick([0, 0xffffffff, 2 ** 31, 7]))
    case 3:
      return header(`{"sizes":${junk.pick(['[-1]', '[1.5]', '["8"]', '[99999999]', 'null', '{}'])},"message":{"type":"send","channel":"media:audio","payload":{"$bytes":0}}}`)
    case 4:
      return header(`{"sizes":[2],"message":{"type":"send","channel":"media:audio","payload":{"$bytes":${junk.pick(['5', '-1', '"0"', 'null', '1e9'])}}}}`)
    case 5:
      return header(`{"sizes":[],"message":${'['.repeat(junk.int(1_000, 20_000))}${']'.repeat(junk.int(0, 20_000))}}`)
    case 6:
      return header(`{"sizes":[],"message":{"type":${JSON.stringify(junk.pick(['result', 'event', 'hello', 7, null]))},"id":${JSON.stringify(junk.value())},"channel":"app:get-info"}}`)
    case 7:
      return junk.chance(0.5) ? junk.string().slice(0, 100_000) : JSON.stringify({ type: 'invoke', id: 1, channel: 'session:start' })
    case 8:
      return encodeWire({ type: 'invoke', id: junk.int(1, 1e6), channel: junk.pick(['session:stop', 'key:remove', 'settings:update', 'nope']), payload: junk.value() } as WireMessage)
    case 9:
      return encodeWire({ type: 'send', channel: junk.pick(['media:audio', 'media:frame', 'media:played']), payload: junk.value() })
    case 10:
      return header('{"sizes":[],"message":{"__proto__":{"polluted":true},"type":"send","channel":"media:audio-end","constructor":{"prototype":{"polluted":true}}}}')
    default: {
      const bytes = new Uint8Array(valid)
      for (let i = junk.int(1, 8); i > 0; i--) bytes[junk.int(0, bytes.length - 1)] = junk.int(0, 255)
      return bytes
    }
  }
}

describe(`the harness WebSocket bridge fed ${FRAMES} malformed frames (seed ${SEED})`, () => {
  let world: MainWorld
  let bridge: Awaited<ReturnType<typeof startBridgeOnly>>
  const crashes: unknown[] = []
  const onCrash = (error: unknown) => void crashes.push(error)

  beforeAll(async () => {
    process.on('uncaughtException', onCrash)
    process.on('unhandledRejection', onCrash)
    world = await mainWorld()
    bridge = await startBridgeOnly(createIpcHandlers(world.services.assistant, world.services.history, world.services.voices), world.logger)
    world.forwardEvents((method, payload) => bridge.bridge.emit(method, payload))
  })
  afterAll(async () => {
    process.off('uncaughtException', onCrash)
    process.off('unhandledRejection', onCrash)
    await bridge?.server.close()
    await world?.stop()
  })

  it('every frame is read and counted (refused, or answered through the router), nothing crashes, and the bridge still carries a real turn', async () => {
    const junk = new Junk(SEED)
    let client = await BridgeClient.connect(bridge.server)
    for (let i = 0; i < FRAMES; i++) {
      client.raw(badFrame(junk))
      if (i % 100 === 99) await waitFor(() => bridge.bridge.stats.framesIn >= i + 1, 'frames read', 10_000)
    }
    await waitFor(() => bridge.bridge.stats.framesIn >= FRAMES, 'every frame read', 10_000)
    const { framesIn, badFrames } = bridge.bridge.stats
    const routed = framesIn - badFrames
    console.log(
      `bridge fuzz (seed ${SEED}): ${framesIn} frames read, ${badFrames} refused as malformed, ${routed} decoded and routed ` +
        `(router refusals so far: ${JSON.stringify(bridge.router.rejections)}); ${crashes.length} crashes`,
    )
    expect(framesIn).toBe(FRAMES)
    expect(badFrames).toBeGreaterThan(FRAMES / 2)
    expect(crashes).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    // The same socket (or a new one, had the fuzz closed it) still serves the app.
    if (client.ws.readyState !== client.ws.OPEN) client = await BridgeClient.connect(bridge.server)
    await makeUsable((channel, payload) => client.invoke(channel, payload))
    expect(await client.invoke('session:start', undefined)).toMatchObject({ ok: true, value: { state: 'live' } })
    const before = client.events.length
    expect(await client.invoke('session:send-text', { text: 'hello over the bridge' })).toEqual({ ok: true, value: { done: true } })
    await waitFor(() => client.events.slice(before).some((e) => e.type === 'event' && e.channel === 'session:turn'), 'a turn event over the bridge', 10_000)
    const words = client.events
      .slice(before)
      .flatMap((e) => (e.type === 'event' && e.channel === 'session:transcript' ? [e.payload as { role: string; text: string }] : []))
      .filter((d) => d.role === 'model')
      .map((d) => d.text)
      .join('')
    expect(words).toContain('You said: hello over the bridge')
    client.close()
  }, 120_000)
})
