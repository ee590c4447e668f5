import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { speechLikePcm } from '../../support/fakeLive/audio'
import { FakeLiveServer, type FakeLiveServerOptions } from '../../support/fakeLive/fakeLiveServer'
import { waitFor } from '../../support/live/liveHarness'

const PATH = '//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'
let server: FakeLiveServer
afterEach(async () => server?.stop())

/** A bare `ws` client, to drive the fake the way other SDKs (or a broken one) would. */
async function rawClient(options: FakeLiveServerOptions = {}, query = '?key=test-key-1234', headers: Record<string, string> = {}) {
  server = new FakeLiveServer(options)
  const base = (await server.start()).replace('http:', 'ws:')
  const socket = new WebSocket(`${base}${PATH}${query}`, { headers })
  const received: { at: number; json: Record<string, unknown> }[] = []
  let closed: { code: number; reason: string } | null = null
  socket.on('message', (data) => received.push({ at: performance.now(), json: JSON.parse(String(data)) as Record<string, unknown> }))
  socket.on('close', (code, reason) => (closed = { code, reason: reason.toString() }))
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const send = (message: object) => socket.send(JSON.stringify(message))
  return { socket, received, send, closed: () => closed }
}

describe('the fake Live server itself', () => {
  it('answers a 404 to anything that is not a Live path', async () => {
    server = new FakeLiveServer()
    const base = await server.start()
    const socket = new WebSocket(`${base.replace('http:', 'ws:')}/v1beta/models`)
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve))
    expect(error.message).toMatch(/404/)
  })

  it('sends every piece of an output transcript once, in order, even with more pieces than audio chunks', async () => {
    const pieces = 'one two three four five six seven eight nine ten eleven twelve '.split(/(?<=\s)/)
    const c = await rawClient({ script: { onTurn: (conn) => void conn.reply({ audio: { ms: 300 }, outputTranscript: pieces }) } })
    c.send({ setup: { model: 'models/gemini-3.8-live' } })
    await waitFor(() => c.received.length >= 1, 'setupComplete')
    c.send({ clientContent: { turns: [{ role: 'user', parts: [{ text: 'count' }] }], turnComplete: true } })
    await waitFor(() => c.received.some((r) => (r.json.serverContent as { turnComplete?: boolean } | undefined)?.turnComplete), 'reply')
    const said = c.received
      .map((r) => (r.json.serverContent as { outputTranscription?: { text?: string } } | undefined)?.outputTranscription?.text ?? '')
      .join('')
    expect(said).toBe(pieces.join(''))
  })

  it('accepts Python-style snake_case and the x-goog-api-key header', async () => {
    const c = await rawClient({}, '', { 'x-goog-api-key': 'test-key-1234' })
    c.send({ setup: { model: 'models/gemini-3.8-live', generation_config: { response_modalities: ['AUDIO'] }, session_resumption: {} } })
    await waitFor(() => c.received.length >= 2, 'setupComplete and handle')
    expect(c.received.map((r) => Object.keys(r.json)[0])).toEqual(['setupComplete', 'sessionResumptionUpdate'])
    c.send({ client_content: { turns: [{ role: 'user', parts: [{ text: 'hi' }] }], turn_complete: true } })
    await waitFor(() => c.received.some((r) => (r.json.serverContent as { turnComplete?: boolean } | undefined)?.turnComplete), 'reply')
  })

  it('sends goAway, then closes 1011 "Deadline expired" when the time is up', async () => {
    const c = await rawClient()
    c.send({ setup: { model: 'models/gemini-3.8-live' } })
    await waitFor(() => c.received.length, 'setupComplete')
    await server.connections[0]!.goAway('0.2s')
    await waitFor(() => c.closed(), 'close')
    expect(c.received.at(-1)!.json).toEqual({ goAway: { timeLeft: '0.2s' } })
    expect(c.closed()).toEqual({ code: 1011, reason: 'Deadline expired before operation could complete.' })
  })

  it('adds latency to every frame it sends, keeping their order', async () => {
    const c = await rawClient({ latencyMs: 100 })
    const sentAt = performance.now()
    c.send({ setup: { model: 'models/gemini-3.8-live', sessionResumption: {} } })
    await waitFor(() => c.received.length >= 2, 'two frames')
    expect(c.received[0]!.at - sentAt).toBeGreaterThanOrEqual(95)
    expect(c.received[1]!.at - c.received[0]!.at).toBeGreaterThanOrEqual(95)
  })

  it('stalls: keeps recording what it receives but answers nothing', async () => {
    const c = await rawClient()
    c.send({ setup: { model: 'models/gemini-3.8-live' } })
    await waitFor(() => c.received.length, 'setupComplete')
    server.connections[0]!.stall()
    c.send({ clientContent: { turns: [{ role: 'user', parts: [{ text: 'hello?' }] }], turnComplete: true } })
    await server.waitForFrame((f) => f.direction === 'in' && 'clientContent' in (f.json as object))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(c.received).toHaveLength(1)
  })

  it('interrupts a reply when the user starts speaking (automatic VAD)', async () => {
    const c = await rawClient({ script: { onTurn: (conn) => void conn.reply({ audio: { ms: 2000 }, chunkDelayMs: 10 }) } })
    c.send({ setup: { model: 'models/gemini-3.8-live' } })
    await waitFor(() => c.received.length, 'setupComplete')
    c.send({ realtimeInput: { text: 'talk to me' } })
    await waitFor(() => c.received.length > 4, 'reply started')
    const speech = Buffer.from(speechLikePcm(40, 16_000)).toString('base64')
    c.send({ realtimeInput: { audio: { data: speech, mimeType: 'audio/pcm;rate=16000' } } })
    await waitFor(() => c.received.some((r) => (r.json.serverContent as { interrupted?: boolean } | undefined)?.interrupted), 'interrupted')
    await waitFor(() => (c.received.at(-1)!.json.serverContent as { turnComplete?: boolean } | undefined)?.turnComplete, 'turnComplete after interrupted')
    expect(c.received.filter((r) => (r.json.serverContent as { generationComplete?: boolean } | undefined)?.generationComplete)).toEqual([])
  })

  it('closes 1008 when realtime audio arrives during an unanswered tool call on a native-audio model', async () => {
    const c = await rawClient()
    c.send({ setup: { model: 'models/gemini-2.5-flash-native-audio-preview-12-2025' } })
    await waitFor(() => c.received.length, 'setupComplete')
    await server.connections[0]!.toolCall([{ name: 'get_current_time' }])
    c.send({ realtimeInput: { audio: { data: 'AAAA', mimeType: 'audio/pcm;rate=16000' } } })
    await waitFor(() => c.closed(), 'close')
    expect(c.closed()).toEqual({ code: 1008, reason: 'The operation was aborted.' })
  })

  it('closes 1007 on mid-session clientContent to a Gemini 3.1 model', async () => {
    const c = await rawClient()
    c.send({ setup: { model: 'models/gemini-3.1-flash-live-preview' } })
    await waitFor(() => c.received.length, 'setupComplete')
    c.send({ clientContent: { turns: [{ role: 'user', parts: [{ text: 'hi' }] }], turnComplete: true } })
    await waitFor(() => c.closed(), 'close')
    expect(c.closed()).toEqual({ code: 1007, reason: 'Request contains an invalid argument.' })
  })
})

describe('GET /v1beta/models (and /v1, /v1alpha) on the fake, in the REST shape models.list reads', () => {
  it('lists models/<id> entries with supportedGenerationMethods, page by page with nextPageToken, and refuses a bad key', async () => {
    server = new FakeLiveServer({ modelsList: { kind: 'list', pageSize: 3 } })
    const base = await server.start()
    const first = (await (await fetch(`${base}/v1beta/models?key=test-key-1234`)).json()) as { models: Record<string, unknown>[]; nextPageToken?: string }
    expect(first.models).toHaveLength(3)
    expect(first.models[0]).toMatchObject({ name: 'models/gemini-3.8-live', displayName: 'Gemini 3.8 Live', inputTokenLimit: 131_072, supportedGenerationMethods: ['bidiGenerateContent'] })
    expect(first.nextPageToken).toEqual(expect.any(String))
    const second = (await (await fetch(`${base}/v1/models?pageToken=${first.nextPageToken}`, { headers: { 'x-goog-api-key': 'test-key-1234' } })).json()) as { models: { name: string; supportedGenerationMethods: string[] }[]; nextPageToken?: string }
    expect(second.models.map((m) => m.name)).toEqual(['models/gemini-2.5-flash-native-audio-preview-12-2025', 'models/gemini-3.8-flash', 'models/gemini-embedding-001'])
    expect(second.models[1]!.supportedGenerationMethods).not.toContain('bidiGenerateContent')
    expect(second.nextPageToken).toBeUndefined()
    const refused = await fetch(`${base}/v1alpha/models?key=bad-key-1`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } })
    expect(server.modelsRequests.join(' ')).not.toContain('test-key-1234')
  })
})
