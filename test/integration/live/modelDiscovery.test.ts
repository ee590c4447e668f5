import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModelDiscovery } from '../../../electron/main/core/models/modelDiscovery'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { GenaiModelLister } from '../../../electron/main/platform/genaiModelLister'
import { JsonFileConversationStore } from '../../../electron/main/platform/jsonFileConversationStore'
import { JsonFileModelListCache } from '../../../electron/main/platform/jsonFileModelListCache'
import { FakeLiveServer, type FakeLiveServerOptions } from '../../support/fakeLive/fakeLiveServer'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'
import { MemoryLogger } from '../../support/live/eventLog'
import { FLASH_31, GEMINI_38, NATIVE_AUDIO, liveHarness, waitFor } from '../../support/live/liveHarness'
import { detailWords, statusWords } from '../../support/live/statusWords'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function served(options: FakeLiveServerOptions = {}) {
  const server = new FakeLiveServer(options)
  const baseUrl = await server.start()
  cleanups.push(() => server.stop())
  return { server, baseUrl }
}

function cacheDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-models-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function discoveryAt(baseUrl: string, dir: string, timeoutMs = 2_000) {
  const logger = new MemoryLogger()
  const discovery = new ModelDiscovery({ lister: new GenaiModelLister({ baseUrl }), cache: new JsonFileModelListCache(dir), logger, clock: systemClock, timeoutMs })
  return { discovery, logger }
}

describe('models.list() through the real SDK against GET /v1beta/models', () => {
  it('pages through the REST listing; entries with bidiGenerateContent become the menu, a new id with the conservative profile', async () => {
    const { server, baseUrl } = await served({ modelsList: { kind: 'list', pageSize: 2, extraLive: [{ id: 'gemini-4.0-live-preview', displayName: 'Gemini 4.0 Live Preview' }] } })
    const raw = await new GenaiModelLister({ baseUrl }).list('test-key-1234')
    expect(raw).toHaveLength(7)
    expect(raw[0]).toMatchObject({ name: 'models/gemini-3.8-live', displayName: 'Gemini 3.8 Live', supportedActions: ['bidiGenerateContent'] })
    expect(server.modelsRequests).toHaveLength(4)
    expect(server.modelsRequests[0]).toMatch(/^\/v1beta\/models\?/)
    expect(server.modelsRequests.join(' ')).not.toContain('test-key-1234')

    const dir = cacheDir()
    const { discovery } = discoveryAt(baseUrl, dir)
    const menu = await discovery.refresh('test-key-1234')
    expect(menu.source).toBe('api')
    expect(menu.models.map((m) => [m.id, m.family])).toEqual([
      ['gemini-3.8-live', 'gemini-3.8'],
      ['gemini-3.8-live-extended-thinking', 'gemini-3.8-extended-thinking'],
      ['gemini-3.1-flash-live-preview', 'gemini-3.1'],
      ['gemini-2.5-flash-native-audio-preview-12-2025', 'gemini-2.5-native-audio'],
      ['gemini-4.0-live-preview', 'other'],
    ])
    expect(JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')).models).toHaveLength(5)
  })

  it.each([
    ['a server error', { kind: 'status', status: 500 }],
    ['a body that is not the REST shape', { kind: 'malformed', body: '{"models": "soon"' }],
    ['a listing that never answers', { kind: 'hang' }],
  ] as const)('bad input: %s is refused in the log; the cache from an earlier run is used, then the built-in profiles', async (_kind, behaviour) => {
    const dir = cacheDir()
    const good = await served()
    await discoveryAt(good.baseUrl, dir).discovery.refresh('test-key-1234')

    const { baseUrl } = await served({ modelsList: behaviour })
    const later = discoveryAt(baseUrl, dir, 500)
    const menu = await later.discovery.refresh('test-key-1234')
    expect(menu.source).toBe('cache')
    expect(menu.models.map((m) => m.id)).toContain(GEMINI_38)
    expect(later.logger.lines.filter((l) => l.message === 'model list refused; using the cached or built-in models')).toHaveLength(1)

    const fresh = discoveryAt(baseUrl, cacheDir(), 500)
    expect((await fresh.discovery.refresh('test-key-1234')).source).toBe('built-in')
  })

  it('a refused key is a logged refusal, with the key kept out of the log', async () => {
    const { baseUrl } = await served()
    const { discovery, logger } = discoveryAt(baseUrl, cacheDir())
    expect((await discovery.refresh('bad-key-9876')).source).toBe('built-in')
    const refusal = logger.lines.find((l) => l.message === 'model list refused; using the cached or built-in models')!
    expect(String(refusal.fields?.reason)).toMatch(/API key not valid/)
    expect(JSON.stringify(logger.lines)).not.toContain('bad-key-9876')
  })
})

describe('the retirement flow through the real SDK', () => {
  it('a saved model the listing no longer shows: the first setup already goes to gemini-3.8-live', async () => {
    const { server, baseUrl } = await served({ models: [GEMINI_38, FLASH_31] })
    const { discovery } = discoveryAt(baseUrl, cacheDir())
    await discovery.refresh('test-key-1234')
    const onModelReplaced = vi.fn()
    const h = await liveHarness({ existingServer: server, models: discovery, onModelReplaced })
    cleanups.push(() => h.session.stop())
    await h.session.start(h.settings({ model: NATIVE_AUDIO, affectiveDialog: true }))
    expect(statusWords(h.session.status)).toMatchObject({ state: 'live', detail: `The model ${NATIVE_AUDIO} is no longer available from Google, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).` })
    expect(server.received('setup').map((s) => (s.setup as { model: string }).model)).toEqual(['models/gemini-3.8-live'])
    expect(onModelReplaced).toHaveBeenCalledExactlyOnceWith(NATIVE_AUDIO, GEMINI_38)
  })

  it('a setup refused as unknown (1008): one move to gemini-3.8-live, the conversation kept from before the restart seeded into it', async () => {
    const dir = cacheDir()
    const keychain = new InMemorySecretStore()
    const store = () => new JsonFileConversationStore({ directory: dir, macSecret: keychain })
    const before = await liveHarness({ store: store() })
    cleanups.push(() => before.server.stop())
    await before.session.start(before.settings({ model: FLASH_31 }))
    before.session.sendText('My name is Ada.')
    await waitFor(() => before.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer')
    await before.session.shutdown()

    // Google retires 3.1: the same service no longer serves it.
    const { server } = await served({ models: [GEMINI_38] })
    const after = await liveHarness({ store: store(), existingServer: server })
    cleanups.push(() => after.session.stop())
    await after.session.start(after.settings({ model: FLASH_31 }))
    await waitFor(() => after.session.state === 'live', 'live on the recommended model')
    expect(server.connections.map((c) => [c.model, c.closed?.code ?? null])).toEqual([
      [`models/${FLASH_31}`, 1008],
      ['models/gemini-3.8-live', null],
    ])
    await waitFor(() => server.received('clientContent', 1).length, 'the seed')
    expect(server.received('clientContent', 1)[0]).toEqual({
      clientContent: { turns: [{ role: 'user', parts: [{ text: 'My name is Ada.' }] }, { role: 'model', parts: [{ text: 'You said: My name is Ada.' }] }], turnComplete: false },
    })
    expect(detailWords(after.session.status)).toContain(`The model ${FLASH_31} is no longer available from Google, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).`)
    expect(detailWords(after.session.status)).toContain('Continuing from earlier')
  })

  it('never loops: the recommended model refused too is one clear error', async () => {
    const { server } = await served({ models: [NATIVE_AUDIO] })
    const h = await liveHarness({ existingServer: server })
    cleanups.push(() => h.session.stop())
    await h.session.start(h.settings({ model: FLASH_31 }))
    await waitFor(() => h.session.state === 'error', 'the error')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.connections).toHaveLength(2)
    expect(h.log.of('onError')).toEqual([expect.objectContaining({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining(`Neither ${FLASH_31} nor the recommended gemini-3.8-live`) })])
  })
})
