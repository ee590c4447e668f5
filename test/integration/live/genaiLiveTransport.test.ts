import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import type { LiveConfig, LiveServerMessage } from '../../../electron/main/core/live/liveTypes'
import type { LiveConnectRequest, LiveTransportCallbacks } from '../../../electron/main/core/ports'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { MemoryLogger } from '../../support/live/eventLog'
import { FLASH_31, GEMINI_38, NATIVE_AUDIO, waitFor } from '../../support/live/liveHarness'

function recorder() {
  const messages: LiveServerMessage[] = []
  const closes: { code: number; reason: string }[] = []
  const errors: string[] = []
  const callbacks: LiveTransportCallbacks = {
    onMessage: (m) => void messages.push(m),
    onClose: (code, reason) => void closes.push({ code, reason }),
    onError: (message) => void errors.push(message),
  }
  return { messages, closes, errors, callbacks }
}

const request = (patch: Partial<LiveConnectRequest> = {}, config: LiveConfig = { sessionResumption: {} }): LiveConnectRequest => ({
  apiKey: 'test-key-1234',
  model: GEMINI_38,
  apiVersion: 'v1beta',
  config,
  ...patch,
})

describe('GenaiLiveTransport (the real @google/genai 3.1.0) against the fake Live server', () => {
  let server: FakeLiveServer
  let transport: GenaiLiveTransport
  let logger: MemoryLogger
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => void unhandled.push(reason)

  beforeEach(async () => {
    server = new FakeLiveServer()
    logger = new MemoryLogger()
    transport = new GenaiLiveTransport({ baseUrl: await server.start(), logger })
    unhandled.length = 0
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled)
    await server.stop()
  })

  it('dials the SDK URL shape with the key in the query and gets binary, pretty-printed JSON back', async () => {
    const r = recorder()
    const connection = await transport.connect(request(), r.callbacks)
    const conn = server.connections[0]!
    expect(conn.endpoint).toEqual({ apiVersion: 'v1beta', method: 'BidiGenerateContent', credentialParam: 'key', credential: 'test-key-1234' })
    expect(conn.headers['x-goog-api-client']).toMatch(/^google-genai-sdk\/3\.1\.0 gl-node\//)
    expect(r.messages[0]).toMatchObject({ setupComplete: {} })
    expect(r.messages[1]).toMatchObject({ sessionResumptionUpdate: { resumable: true } })
    const out = server.frames.filter((f) => f.direction === 'out')
    expect(out.every((f) => f.isBinary && f.text.endsWith('\n') && f.text.includes('\n  '))).toBe(true)
    connection.close()
    await conn.waitForClose()
    expect(conn.closed).toMatchObject({ by: 'client', code: 1005 })
  })

  it('uses v1alpha when asked, and the server then accepts affective dialog and proactivity', async () => {
    const r = recorder()
    const config: LiveConfig = { responseModalities: ['AUDIO'], enableAffectiveDialog: true, proactivity: { proactiveAudio: true } }
    await transport.connect(request({ model: NATIVE_AUDIO, apiVersion: 'v1alpha' }, config), r.callbacks)
    expect(server.connections[0]!.endpoint.apiVersion).toBe('v1alpha')
    expect(server.received('setup')[0]).toEqual({
      setup: { model: `models/${NATIVE_AUDIO}`, generationConfig: { responseModalities: ['AUDIO'], enableAffectiveDialog: true }, proactivity: { proactiveAudio: true } },
    })
  })

  it('speaks ephemeral tokens the SDK way: access_token on BidiGenerateContentConstrained', async () => {
    const r = recorder()
    const token = server.authTokens.mint({})
    if ('error' in token) throw new Error(token.error)
    await transport.connect(request({ apiKey: token.name, apiVersion: 'v1alpha' }), r.callbacks)
    expect(server.connections[0]!.endpoint).toMatchObject({ method: 'BidiGenerateContentConstrained', credentialParam: 'access_token', credential: token.name })
  })

  it('finds the server through GOOGLE_GEMINI_BASE_URL when no base URL is given', async () => {
    const previous = process.env.GOOGLE_GEMINI_BASE_URL
    process.env.GOOGLE_GEMINI_BASE_URL = server.baseUrl
    try {
      const r = recorder()
      await new GenaiLiveTransport().connect(request(), r.callbacks)
      expect(server.connections).toHaveLength(1)
    } finally {
      if (previous === undefined) delete process.env.GOOGLE_GEMINI_BASE_URL
      else process.env.GOOGLE_GEMINI_BASE_URL = previous
    }
  })

  it.each([
    ['a bad key', request({ apiKey: 'bad-key-1234' }), 1007, 'API key not valid. Please pass a valid API key.'],
    ['an unknown setup field (proactivity on v1beta)', request({}, { proactivity: { proactiveAudio: true } }), 1007, 'Invalid JSON payload received. Unknown name "proactivity" at \'setup\': Cannot find field.'],
    // The real reason is longer than a close frame allows and arrives cut at 123 bytes (wire-samples/u04).
    ['an unknown model', request({ model: 'gemini-0.1-nope' }), 1008, 'models/gemini-0.1-nope is not found for API version v1beta, or is not supported for bidiGenerateContent. Call ListModels to'],
    ['TEXT on a native-audio model', request({ model: NATIVE_AUDIO }, { responseModalities: ['TEXT'] }), 1007, 'Cannot extract voices from a non-audio request.'],
    ['TEXT on gemini-3.1', request({ model: FLASH_31 }, { responseModalities: ['TEXT'] }), 1007, 'The requested combination of response modalities (TEXT) is not supported by the model. models/gemini-3.1-flash-live-preview'],
  ])('rejects connect with the close code and reason for %s', async (_name, req, code, reason) => {
    const r = recorder()
    const error = await transport.connect(req, r.callbacks).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LiveTransportError)
    expect(error).toMatchObject({ code: 'LIVE_SETUP_REFUSED', closeCode: code, reason })
    expect(r.closes).toEqual([])
  })

  it('rejects with 1011 when the server is out of quota or past a deadline', async () => {
    const quota = new FakeLiveServer({ refuseSetup: () => ({ code: 1011, reason: 'You exceeded your current quota, please check your plan and billing details.' }) })
    try {
      const error = await new GenaiLiveTransport({ baseUrl: await quota.start() }).connect(request(), recorder().callbacks).catch((e: unknown) => e)
      expect(error).toMatchObject({ closeCode: 1011, reason: expect.stringContaining('quota') })
    } finally {
      await quota.stop()
    }
  })

  it('reports close codes mid-session through onClose', async () => {
    const r = recorder()
    await transport.connect(request(), r.callbacks)
    await server.connections[0]!.close(1011, 'Internal error encountered.')
    await waitFor(() => r.closes.length, 'close')
    expect(r.closes).toEqual([{ code: 1011, reason: 'Internal error encountered.' }])
  })

  it('a dropped socket arrives as 1006', async () => {
    const r = recorder()
    await transport.connect(request(), r.callbacks)
    server.connections[0]!.drop()
    await waitFor(() => r.closes.length, 'close')
    expect(r.closes[0]!.code).toBe(1006)
  })

  it('a frame that is not JSON does not crash the process: it becomes an error and the connection lives on', async () => {
    const r = recorder()
    const connection = await transport.connect(request(), r.callbacks)
    const conn = server.connections[0]!
    await conn.sendRaw('<html>502 Bad Gateway</html>', true)
    await conn.sendRaw('', false)
    await conn.send({ serverContent: { modelTurn: { parts: [{ text: 'still alive' }] } } })
    await waitFor(() => r.messages.some((m) => m.serverContent?.modelTurn?.parts?.[0]?.text === 'still alive'), 'message after the bad frames')
    expect(r.errors).toHaveLength(2)
    expect(r.errors[0]).toMatch(/not JSON/)
    expect(unhandled).toEqual([])
    connection.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'ping' }] }], turnComplete: true })
    await waitFor(() => r.messages.some((m) => m.serverContent?.turnComplete), 'a reply')
  })

  it('a non-JSON frame before setupComplete does not crash either', async () => {
    const early = new FakeLiveServer({ refuseSetup: (c) => (void c.sendRaw('garbage', true), null) })
    try {
      const r = recorder()
      await new GenaiLiveTransport({ baseUrl: await early.start() }).connect(request(), r.callbacks)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
    } finally {
      await early.stop()
    }
  })

  it('unredacted frame: a non-JSON frame that holds the key is logged and reported with the key masked', async () => {
    const key = 'custom-secret-0987'
    const r = recorder()
    await transport.connect(request({ apiKey: key }), r.callbacks)
    // The key straddles where the description cuts the frame's text off: no part of it may show.
    await server.connections.at(-1)!.sendRaw(`no: ${key} says no`, true)
    await waitFor(() => r.errors.length === 1, 'the bad frame reported')
    const logged = JSON.stringify(logger.lines)
    expect(logged).toContain('not JSON')
    expect(logged).toContain('starting \\"no: [redacted-key] says')
    expect(JSON.stringify([r.errors, logged])).not.toContain(key.slice(0, 8))
  })

  it('never lets the key into an error, an event or a log line', async () => {
    const key = 'test-key-SECRET-98765'
    const r = recorder()
    const bad = new GenaiLiveTransport({ baseUrl: 'http://127.0.0.1:9', logger })
    const refused = await bad.connect(request({ apiKey: key }), r.callbacks).catch((e: unknown) => e as Error)
    expect(refused).toBeInstanceOf(LiveTransportError)
    const rejected = await transport.connect(request({ apiKey: `bad-${key}` }), r.callbacks).catch((e: unknown) => e as Error)
    const everything = JSON.stringify([String(refused), (refused as Error).message, String(rejected), r, logger.lines])
    expect(everything).not.toContain(key)
  })
})
