import { afterEach, describe, expect, it } from 'vitest'
import { BridgeClient, startBridgeOnly } from '../../support/bridgeClient'
import { recordingHandlers, recordingLogger } from '../../support/routerFixtures'

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

  it('refuses a socket from another origin or without the token', async () => {
    const { server } = await setUp()
    await expect(BridgeClient.connect(server, { origin: 'http://127.0.0.1:1' })).rejects.toThrow(/403/)
    await expect(BridgeClient.connect(server, { token: 'guess' })).rejects.toThrow(/403/)
  })

  it('serves the page only with the per-run token, then by cookie', async () => {
    const { server } = await setUp()
    expect((await fetch(server.origin + '/')).status).toBe(403)
    const first = await fetch(server.url, { redirect: 'manual' })
    expect(first.status).toBe(303)
    const cookie = first.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await fetch(server.origin + '/', { headers: { cookie: cookie.split(';')[0]! } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.indexOf('/__harness/bridge.js')).toBeLessThan(html.indexOf('/x.js'))
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('binds to loopback only', async () => {
    const { server } = await setUp()
    expect(new URL(server.origin).hostname).toBe('127.0.0.1')
  })
})
