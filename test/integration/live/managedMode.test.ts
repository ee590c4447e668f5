import { afterEach, describe, expect, it } from 'vitest'
import { AppCredentials } from '../../../electron/main/core/credentials/appCredentials'
import { ManagedSetup } from '../../../electron/main/core/credentials/managedSetup'
import { LiveSession } from '../../../electron/main/core/live/liveSession'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../../shared/settings'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { freeLoopbackPort } from '../../support/redisServer'
import { EventLog, MemoryLogger } from '../../support/live/eventLog'
import { CODE_A, ORG_KEY, startTokenService } from '../../support/tokenService/tokenServiceHarness'
import { GEMINI_38, NATIVE_AUDIO, waitFor } from '../../support/live/liveHarness'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!()
})

/** The real engine in managed mode: no API key anywhere on this side, only the service address and an access code. */
async function managedRig(options: { service?: string; accessCode?: string; now?: () => number } = {}) {
  const fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
  await fake.start()
  stops.push(() => fake.stop())
  const tokens = await startTokenService({ baseUrl: fake.baseUrl, model: GEMINI_38, liveConfig: { temperature: 0.2 }, ...(options.now && { now: options.now }) })
  stops.push(() => tokens.server.stop())
  const env = { SIGHTLINE_TOKEN_SERVICE: options.service ?? tokens.url, SIGHTLINE_ACCESS_CODE: options.accessCode ?? CODE_A }
  const managed = new ManagedSetup({ store: { getKey: async () => null, setKey: async () => {}, deleteKey: async () => {} }, env, validate: async () => {} })
  const apiKeyReads: number[] = []
  const credentials = new AppCredentials({ managed, getApiKey: async () => (apiKeyReads.push(1), null), fetch: (url, init) => fetch(url, init) })
  const log = new EventLog()
  const logger = new MemoryLogger()
  const session = new LiveSession({
    transport: new GenaiLiveTransport({ baseUrl: fake.baseUrl, logger }),
    clock: systemClock,
    logger,
    tools: new ToolRegistry({ desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} }, clock: systemClock, confirm: async () => true }),
    events: log.events,
    credentials,
    limits: { firstRetryDelayMs: 50, maxRetryDelayMs: 200, retryBudgetMs: 2_000, connectTimeoutMs: 5_000, closeWaitMs: 1_000, goAwaySafetyMarginMs: 1_000 },
  })
  stops.push(() => session.stop())
  const settings = applySettingsPatch(DEFAULT_SETTINGS, { model: NATIVE_AUDIO, vad: { mode: 'push-to-talk' } })
  return { fake, tokens, managed, session, log, logger, settings, apiKeyReads }
}

describe('managed mode: the engine connects with tokens from the organisation\'s service', () => {
  it('answers a question over BidiGenerateContentConstrained with a fresh token, on the model the organisation locked, without reading any API key', async () => {
    const rig = await managedRig()
    rig.fake.setScript({ onTurn: (c) => void c.reply({ text: 'Bonjour.' }) })
    const status = await rig.session.start(rig.settings)
    expect(status.state).toBe('live')
    rig.session.sendText('Say hello')
    await waitFor(() => rig.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'answer')
    const connection = rig.fake.connections[0]!
    expect(connection.endpoint).toMatchObject({ apiVersion: 'v1alpha', method: 'BidiGenerateContentConstrained', credentialParam: 'access_token' })
    expect(rig.fake.authTokens.issued.has(connection.endpoint.credential!)).toBe(true)
    expect(connection.setup).toMatchObject({ model: `models/${GEMINI_38}`, generationConfig: { temperature: 0.2 } })
    expect(rig.apiKeyReads).toEqual([])
    expect((await rig.managed.status()).lockedModel).toBe(GEMINI_38)
    expect(JSON.stringify(rig.logger.lines)).not.toMatch(/auth_tokens\/[0-9a-f]/)
  })

  it('a GoAway rotation dials with a new token and resumes the same conversation', async () => {
    const rig = await managedRig()
    await rig.session.start(rig.settings)
    await rig.fake.connections[0]!.goAway('1.5s')
    await waitFor(() => rig.fake.connections[1]?.setup && rig.session.state === 'live', 'rotation', 5_000)
    const [first, second] = rig.fake.connections
    expect(second!.endpoint.method).toBe('BidiGenerateContentConstrained')
    expect(second!.endpoint.credential).not.toBe(first!.endpoint.credential)
    expect(second!.sessionId).toBe(first!.sessionId)
    expect(rig.fake.authTokens.issued.size).toBe(2)
  })

  it('a refused token is replaced once, and the session comes up', async () => {
    const rig = await managedRig()
    const admit = rig.fake.authTokens.admit.bind(rig.fake.authTokens)
    let refusals = 1
    rig.fake.authTokens.admit = (name, setup) => (refusals-- > 0 ? { refusal: { code: 1008, reason: 'The auth token has expired or has no uses left.' } } : admit(name, setup))
    expect((await rig.session.start(rig.settings)).state).toBe('live')
    expect(rig.fake.connections.map((c) => c.closed?.code ?? 'open')).toEqual([1008, 'open'])
    expect(rig.fake.authTokens.issued.size).toBe(2)
  })

  it('two refused tokens in a row end in an error naming the service, and no third token is asked for', async () => {
    const rig = await managedRig({ now: () => Date.now() - 31 * 60_000 })
    expect((await rig.session.start(rig.settings)).state).toBe('error')
    const error = rig.log.of('onError').at(-1)!
    expect(error.code).toBe('TOKEN_REFUSED')
    expect(error.message).toContain(rig.tokens.url)
    expect(rig.fake.authTokens.issued.size).toBe(2)
  })

  it('a refused access code ends in an error naming the service before anything dials Gemini', async () => {
    const rig = await managedRig({ accessCode: 'team-code-revoked-00' })
    expect((await rig.session.start(rig.settings)).state).toBe('error')
    expect(rig.log.of('onError').at(-1)).toMatchObject({ code: 'ACCESS_CODE_REFUSED', message: `The token service at ${rig.tokens.url} did not accept your access code.` })
    expect(rig.fake.connections).toEqual([])
  })

  it('an unreachable service ends the start with an error naming it', async () => {
    const service = `http://127.0.0.1:${await freeLoopbackPort()}`
    const rig = await managedRig({ service })
    expect((await rig.session.start(rig.settings)).state).toBe('error')
    expect(rig.log.of('onError').at(-1)).toMatchObject({ code: 'TOKEN_SERVICE_UNREACHABLE', message: `Could not reach your organisation's token service at ${service}.` })
  })
})
