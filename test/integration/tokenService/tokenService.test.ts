import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import type { LiveTransportCallbacks } from '../../../electron/main/core/ports'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import type { LogRecord } from '../../../services/token-service/src/tokenServer'
import { tokenServiceAnswerSchema } from '../../../shared/tokenServiceWire'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { freeLoopbackPort, startRedisServer } from '../../support/redisServer'
import { askToken, CODE_A, CODE_B, ORG_KEY, rawRequest, startTokenService } from '../../support/tokenService/tokenServiceHarness'

const callbacks: LiveTransportCallbacks = { onMessage: () => {}, onClose: () => {}, onError: () => {} }
const stops: (() => Promise<void>)[] = []
const allLogs: LogRecord[] = []

describe('token service against the fake Live server\'s auth_tokens endpoint', () => {
  let fake: FakeLiveServer

  beforeEach(async () => {
    fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
    await fake.start()
    stops.push(() => fake.stop())
  })
  afterEach(async () => {
    while (stops.length > 0) await stops.pop()!()
  })
  afterAll(() => {
    // Every log line any instance wrote in this file: no key, no access code, no token.
    const text = JSON.stringify(allLogs)
    expect(allLogs.length).toBeGreaterThan(10)
    expect(text).not.toContain(ORG_KEY)
    expect(text).not.toContain(CODE_A)
    expect(text).not.toContain(CODE_B)
    expect(text).not.toContain('auth_tokens/')
  })

  async function service(options: Partial<Parameters<typeof startTokenService>[0]> = {}) {
    const started = await startTokenService({ baseUrl: fake.baseUrl, ...options }, allLogs)
    stops.push(() => started.server.stop())
    return started.url
  }

  it('mints one single-use token locked to the model and the organisation\'s fields, and answers it with no-store', async () => {
    const url = await service({ model: 'gemini-3.8-live', liveConfig: { temperature: 0.2, systemInstruction: 'Answer in French.' } })
    const before = Date.now()
    const response = await askToken(url, CODE_A)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const answer = tokenServiceAnswerSchema.parse(await response.json())
    expect(answer.constraints).toEqual({ model: 'gemini-3.8-live', lockedFields: ['model', 'temperature', 'systemInstruction'] })
    expect(answer.apiVersion).toBe('v1alpha')

    const issued = fake.authTokens.issued.get(answer.name)!
    expect(issued.uses).toBe(1)
    expect(issued.expireTime - before).toBeLessThanOrEqual(30 * 60_000 + 1_000)
    expect(issued.newSessionExpireTime - before).toBeGreaterThanOrEqual(55_000)
    expect(issued.newSessionExpireTime - before).toBeLessThanOrEqual(65_000)
    expect(issued.bidiGenerateContentSetup).toMatchObject({
      model: 'models/gemini-3.8-live',
      generationConfig: { temperature: 0.2 },
      systemInstruction: { parts: [{ text: 'Answer in French.' }] },
    })
    expect(issued.fieldMask?.split(',').sort()).toEqual(['generationConfig.temperature', 'model', 'systemInstruction.parts', 'systemInstruction.role'].sort())
    expect(new Date(answer.expireTime).getTime()).toBe(issued.expireTime)
    // The log line times the request and, within it, the upstream mint (the bench reads both).
    const logged = allLogs.at(-1)!
    expect(logged).toMatchObject({ event: 'token', status: 200 })
    expect(logged.upstreamMs).toBeTypeOf('number')
    expect(logged.upstreamMs).toBeLessThanOrEqual(logged.ms as number)
  })

  it('the token opens exactly one session, on BidiGenerateContentConstrained, with the locked fields forced over the client\'s', async () => {
    const url = await service({ model: 'gemini-3.8-live', liveConfig: { temperature: 0.2 } })
    const answer = tokenServiceAnswerSchema.parse(await (await askToken(url, CODE_A)).json())
    const transport = new GenaiLiveTransport({ baseUrl: fake.baseUrl })
    const request = { apiKey: answer.name, apiVersion: answer.apiVersion, model: 'gemini-3.1-flash-live-preview', config: { responseModalities: ['AUDIO' as const], temperature: 1.5 } }
    const connection = await transport.connect(request, callbacks)
    expect(fake.connections[0]!.endpoint).toMatchObject({ method: 'BidiGenerateContentConstrained', credentialParam: 'access_token' })
    expect(fake.connections[0]!.setup).toMatchObject({ model: 'models/gemini-3.8-live', generationConfig: { temperature: 0.2, responseModalities: ['AUDIO'] } })
    connection.close()

    const again = await transport.connect(request, callbacks).catch((error: unknown) => error)
    expect(again).toBeInstanceOf(LiveTransportError)
    expect(fake.connections[1]!.closed).toMatchObject({ by: 'server', code: 1008 })
  })

  it.each([
    ['an expired token', -31 * 60_000],
    ['a token past its new-session window', -2 * 60_000],
  ])('%s is closed before setupComplete', async (_name, offsetMs) => {
    const url = await service({ now: () => Date.now() + offsetMs })
    const answer = tokenServiceAnswerSchema.parse(await (await askToken(url, CODE_A)).json())
    const error = await new GenaiLiveTransport({ baseUrl: fake.baseUrl })
      .connect({ apiKey: answer.name, apiVersion: 'v1alpha', model: 'gemini-3.8-live', config: {} }, callbacks)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LiveTransportError)
    expect(fake.connections[0]!.closed).toMatchObject({ by: 'server', code: 1008, reason: 'The auth token has expired or has no uses left.' })
    expect(fake.frames.filter((f) => f.direction === 'out' && f.text.includes('setupComplete'))).toEqual([])
  })

  it.each([
    ['no Authorization header', undefined, 401],
    ['a wrong access code', 'team-code-wrong-0000', 401],
    ['a code too short to be one', 'abc', 400],
    ['a code with a tab in it', 'team-code\talpha-7f3k', 400],
  ])('refuses %s and mints nothing', async (_name, code, status) => {
    const url = await service()
    const response = await askToken(url, code)
    expect(response.status).toBe(status)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(fake.authTokens.issued.size).toBe(0)
  })

  it('refuses an access code holding control characters (raw bytes the fetch API will not send) and stays up', async () => {
    const url = await service()
    const raw = await rawRequest(url, `POST /token HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer team-code-\x01alpha-7f3k\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
    expect(raw).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw.toLowerCase()).toContain('cache-control: no-store')
    expect(fake.authTokens.issued.size).toBe(0)
    expect((await askToken(url, CODE_A)).status).toBe(200)
  })

  it.each([
    ['malformed JSON', { body: '{"device": ', headers: { 'content-type': 'application/json' } }, 400],
    ['a JSON array', { body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400],
    ['a body over 4 KiB', { body: `{"pad":"${'x'.repeat(5_000)}"}`, headers: { 'content-type': 'application/json' } }, 413],
  ])('refuses %s without minting, and stays up', async (_name, init, status) => {
    const url = await service()
    const response = await askToken(url, CODE_A, init)
    expect(response.status).toBe(status)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(fake.authTokens.issued.size).toBe(0)
    expect((await askToken(url, CODE_A)).status).toBe(200)
  })

  it('refuses a streamed body that grows past 4 KiB without a Content-Length', async () => {
    const url = await service()
    const chunk = `${(5_000).toString(16)}\r\n${'x'.repeat(5_000)}\r\n0\r\n\r\n`
    const raw = await rawRequest(url, `POST /token HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${CODE_A}\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}`)
    expect(raw).toMatch(/^HTTP\/1\.1 413 /)
    expect(fake.authTokens.issued.size).toBe(0)
  })

  it('refuses a header flood with 431 and stays up', async () => {
    const url = await service()
    const flood = Array.from({ length: 400 }, (_, i) => `X-Flood-${i}: ${'y'.repeat(40)}\r\n`).join('')
    const raw = await rawRequest(url, `POST /token HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${CODE_A}\r\n${flood}\r\n`)
    expect(raw).toMatch(/^HTTP\/1\.1 431 /)
    expect(raw.toLowerCase()).toContain('cache-control: no-store')
    expect(fake.authTokens.issued.size).toBe(0)
    expect((await askToken(url, CODE_A)).status).toBe(200)
  })

  it('limits tokens per access code in memory: the fourth of three allowed gets 429 with Retry-After; another code is unaffected', async () => {
    const url = await service({ rateLimit: 3 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await askToken(url, CODE_A)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await askToken(url, CODE_A)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(limited.headers.get('cache-control')).toBe('no-store')
    expect((await askToken(url, CODE_B)).status).toBe(200)
    expect(fake.authTokens.issued.size).toBe(4)
  })

  it('answers 502 without a token when Google refuses the organisation\'s key', async () => {
    const url = await service({ apiKey: 'org-key-that-google-refuses' })
    const response = await askToken(url, CODE_A)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: 'Google did not issue a token; try again shortly.' })
  })

  it('answers 502 without a token when Google never answers: a hung upstream times out instead of holding the client', async () => {
    const hung = createServer(() => {})
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
    stops.push(() => new Promise((resolve) => hung.close(() => resolve())))
    stops.push(async () => void hung.closeAllConnections())
    const url = await service({ baseUrl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`, upstreamTimeoutMs: 300 })
    const started = performance.now()
    const response = await askToken(url, CODE_A)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: 'Google did not issue a token; try again shortly.' })
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(allLogs.at(-1)).toMatchObject({ status: 502, upstream: 'authTokens.create failed: no answer within 300 ms' })
  })

  it('answers healthz for load balancers, 404 elsewhere and 405 for GET /token, all no-store', async () => {
    const url = await service()
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    const missing = await fetch(`${url}/keys`)
    expect([missing.status, missing.headers.get('cache-control')]).toEqual([404, 'no-store'])
    const wrongMethod = await fetch(`${url}/token`)
    expect([wrongMethod.status, wrongMethod.headers.get('cache-control')]).toEqual([405, 'no-store'])
  })

  describe('with REDIS_URL: limits shared through a real redis-server', () => {
    let redis: Awaited<ReturnType<typeof startRedisServer>>
    beforeAll(async () => {
      redis = await startRedisServer()
    })
    afterAll(async () => {
      await redis.stop()
    })

    it('two instances share one limit per access code', async () => {
      const first = await service({ rateLimit: 3, redisUrl: redis.url })
      const second = await service({ rateLimit: 3, redisUrl: redis.url })
      const statuses = [
        (await askToken(first, CODE_B)).status,
        (await askToken(second, CODE_B)).status,
        (await askToken(first, CODE_B)).status,
        (await askToken(second, CODE_B)).status,
        (await askToken(first, CODE_B)).status,
      ]
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      expect(fake.authTokens.issued.size).toBe(3)
    })

    it('answers 503, not an unmetered token, when Redis is unreachable', async () => {
      const url = await service({ redisUrl: `redis://127.0.0.1:${await freeLoopbackPort()}` })
      const response = await askToken(url, CODE_A)
      expect(response.status).toBe(503)
      expect(fake.authTokens.issued.size).toBe(0)
    })
  })
})

describe('npm run token-service', () => {
  it('prints its URL alone on a line and serves tokens through GOOGLE_GEMINI_BASE_URL', async () => {
    const fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
    await fake.start()
    const configDir = mkdtempSync(join(tmpdir(), 'token-service-'))
    writeFileSync(join(configDir, 'live.json'), JSON.stringify({ temperature: 0.3 }))
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/token-service/src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        GEMINI_API_KEY: ORG_KEY,
        TOKEN_SERVICE_ACCESS_CODES: `${CODE_A}, ${CODE_B}`,
        TOKEN_SERVICE_PORT: '0',
        GOOGLE_GEMINI_BASE_URL: fake.baseUrl,
        TOKEN_SERVICE_LIVE_CONFIG: join(configDir, 'live.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let output = ''
      child.stdout.setEncoding('utf8')
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (text: string) => {
          output += text
          const line = output.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+$/.test(l))
          if (line) resolve(line)
        })
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
      })
      const answer = tokenServiceAnswerSchema.parse(await (await askToken(url, CODE_B)).json())
      expect(answer.constraints.lockedFields).toEqual(['model', 'temperature'])
      expect(fake.authTokens.issued.get(answer.name)?.bidiGenerateContentSetup).toMatchObject({ generationConfig: { temperature: 0.3 } })
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(output).not.toContain(ORG_KEY)
      expect(output).not.toContain(answer.name)
      expect(output).not.toContain(CODE_B)
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
      await fake.stop()
    }
  })

  it('refuses to start without GEMINI_API_KEY and says so', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/token-service/src/main.ts'], {
      env: { PATH: process.env.PATH, TOKEN_SERVICE_ACCESS_CODES: CODE_A },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toContain('GEMINI_API_KEY is not set')
  })
})
