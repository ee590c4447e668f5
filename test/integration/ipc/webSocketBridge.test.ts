import { afterEach, describe, expect, it } from 'vitest'
import { BridgeClient, startBridgeOnly } from '../../support/bridgeClient'
import { recordingHandlers, recordingLogger } from '../../support/routerFixtures'
import { request } from 'node:http'
import { CALL_BAR_PAGE_PROTOCOL } from '../../../shared/harnessBridge'
import { contract } from '../../../shared/ipcContract'

/** A GET with a chosen Host header (fetch will not send one that differs from the URL). */
function rawGet(origin: string, path: string, host: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(origin + path, { headers: { host } }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0 })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the contract over the harness WebSocket bridge', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c()
  })

  async function setUp() {
    const handlers = recordingHandlers()
    const started = await startBridgeOnly(handlers, recordingLogger())
    cleanups.push(() => started.server.close())
    return { handlers, ...started }
  }

  it('answers an invoke from our page and delivers media bytes intact', async () => {
    const { server, handlers } = await setUp()
    const client = await BridgeClient.connect(server)
    expect(await client.invoke('session:send-text', { text: 'hello' })).toEqual({ ok: true, value: { done: true } })
    const pcm = new Uint8Array(1280).map((_, i) => i & 0xff)
    client.send('media:audio', pcm)
    await expect.poll(() => handlers.calls.length).toBe(2)
    expect(handlers.calls[1]).toEqual({ method: 'sendAudioChunk', payload: pcm })
    client.close()
  })

  it('answers a malformed payload with an error, counts it, and keeps serving', async () => {
    const { server, router } = await setUp()
    const client = await BridgeClient.connect(server)
    const bad = await client.invoke('settings:update', { voice: 7, nope: true })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } })
    expect(router.rejections.badPayload).toBe(1)
    expect((await client.invoke('app:get-info', undefined)).ok).toBe(true)
    client.close()
  })

  it('counts garbage frames and text frames without answering or crashing', async () => {
    const { server, bridge } = await setUp()
    const client = await BridgeClient.connect(server)
    client.raw(new Uint8Array([1, 2, 3]))
    client.raw('{"type":"invoke"}')
    client.raw(new Uint8Array(64).fill(0xff))
    await expect.poll(() => bridge.stats.badFrames).toBe(3)
    expect((await client.invoke('app:get-info', undefined)).ok).toBe(true)
    client.close()
  })

  it('log flood: 500 garbage frames are counted, and logged as one line per kind (a summary follows), not 500 lines', async () => {
    const logger = recordingLogger()
    const started = await startBridgeOnly(recordingHandlers(), logger)
    cleanups.push(() => started.server.close())
    const client = await BridgeClient.connect(started.server)
    for (let i = 0; i < 500; i++) client.raw(new Uint8Array([1, 2, 3]))
    await expect.poll(() => started.bridge.stats.badFrames).toBe(500)
    expect(logger.lines.filter((l) => l.message === 'bridge frame refused')).toHaveLength(1)
    client.close()
  })

  it('the call bar\'s page gets only the call bar\'s events; every other page gets them all', async () => {
    const { server, bridge } = await setUp()
    const page = await BridgeClient.connect(server)
    const bar = await BridgeClient.connect(server, { extraProtocols: [CALL_BAR_PAGE_PROTOCOL] })
    bridge.emit('onAudioOut', { turnId: 1, pcm: new Uint8Array(480), sampleRate: 24_000 })
    bridge.emit('onTranscript', { turnId: 1, role: 'model', kind: 'output', text: 'Hello' })
    bridge.emit('onAudioLevels', { mic: 0, output: 0.5 })
    bridge.emit('onCallBarState', { phase: 'speaking', isMuted: false })
    const channels = (client: BridgeClient) => client.events.map((e) => (e as { channel: string }).channel)
    await expect.poll(() => channels(page)).toHaveLength(4)
    await expect.poll(() => channels(bar)).toEqual([contract.events.onAudioLevels.channel, contract.events.onCallBarState.channel])
    page.close()
    bar.close()
  })

  it('refuses a socket from another origin or without the token', async () => {
    const { server } = await setUp()
    await expect(BridgeClient.connect(server, { origin: 'http://127.0.0.1:1' })).rejects.toThrow(/403/)
    await expect(BridgeClient.connect(server, { token: 'guess' })).rejects.toThrow(/403/)
    await expect(BridgeClient.connect(server, { token: null })).rejects.toThrow(/403/)
  })

  it('a cookie carrying the token opens nothing: the token is accepted only as a WebSocket subprotocol', async () => {
    const { server } = await setUp()
    await expect(
      BridgeClient.connect(server, { token: null, headers: { cookie: `sightline_harness=${server.token}` } }),
    ).rejects.toThrow(/403/)
    const client = await BridgeClient.connect(server)
    // The server selects the bridge protocol, never echoing the one that carries the token.
    expect(client.ws.protocol).toBe('sightline-bridge')
    client.close()
  })

  it('a DNS-rebound Host gets neither the page nor the bridge, even with our Origin and token', async () => {
    const { server } = await setUp()
    const port = new URL(server.origin).port
    const rebound = await rawGet(server.origin, '/', `evil.example:${port}`)
    expect(rebound.status).toBe(421)
    await expect(BridgeClient.connect(server, { host: `evil.example:${port}` })).rejects.toThrow(/403/)
    await expect(BridgeClient.connect(server, { host: `localhost:${port}` })).rejects.toThrow(/403/)
  })

  it('the browser’s own favicon request gets an empty answer, not a 404 the page’s console would show as an error', async () => {
    const { server } = await setUp()
    const favicon = await rawGet(server.origin, '/favicon.ico', new URL(server.origin).host)
    expect(favicon.status).toBe(204)
    expect((await rawGet(server.origin, '/no-such-file.png', new URL(server.origin).host)).status).toBe(404)
  })

  it('never sets a cookie, serves the page with the bridge first, and forbids framing', async () => {
    const { server } = await setUp()
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`)
    for (const path of ['/', `/?token=${server.token}`]) {
      const page = await fetch(server.origin + path, { redirect: 'manual' })
      expect(page.status).toBe(200)
      expect(page.headers.get('set-cookie')).toBeNull()
      expect(page.headers.get('x-frame-options')).toBe('DENY')
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(page.headers.get('referrer-policy')).toBe('no-referrer')
      const html = await page.text()
      expect(html.indexOf('/__harness/bridge.js')).toBeLessThan(html.indexOf('/x.js'))
    }
  })

  it('binds to loopback only', async () => {
    const { server } = await setUp()
    expect(new URL(server.origin).hostname).toBe('127.0.0.1')
  })
})
