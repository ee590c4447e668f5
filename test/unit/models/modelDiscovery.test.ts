import { describe, expect, it } from 'vitest'
import { ModelDiscovery } from '../../../electron/main/core/models/modelDiscovery'
import type { CachedModelList, ListedModelEntry, ModelListCache, ModelLister } from '../../../electron/main/core/models/modelPorts'
import { MemoryLogger } from '../../support/live/eventLog'
import { ManualClock } from '../../support/live/manualClock'

const live = (id: string, displayName = id): ListedModelEntry => ({ name: `models/${id}`, displayName, supportedActions: ['bidiGenerateContent'] })
const LISTING: ListedModelEntry[] = [
  { name: 'models/gemini-3.8-flash', displayName: 'Gemini 3.8 Flash', supportedActions: ['generateContent', 'countTokens'] },
  live('gemini-3.1-flash-live-preview', 'Gemini 3.1 Flash Live Preview'),
  live('gemini-4.0-live-preview', 'Gemini 4.0 Live Preview'),
  live('gemini-3.8-live', 'Gemini 3.8 Live'),
  live('gemini-2.5-flash-native-audio-preview-09-2025'),
]

class FakeLister implements ModelLister {
  calls: string[] = []
  next: () => Promise<readonly ListedModelEntry[]> = async () => LISTING
  list(apiKey: string) {
    this.calls.push(apiKey)
    return this.next()
  }
}

class FakeCache implements ModelListCache {
  stored: unknown = null
  saves: CachedModelList[] = []
  async load() {
    return this.stored
  }
  async save(list: CachedModelList) {
    this.saves.push(list)
    this.stored = structuredClone(list)
  }
}

function discovery(options: { lister?: FakeLister; cache?: FakeCache } = {}) {
  const lister = options.lister ?? new FakeLister()
  const cache = options.cache ?? new FakeCache()
  const logger = new MemoryLogger()
  const clock = new ManualClock()
  const d = new ModelDiscovery({ lister, cache, logger, clock, timeoutMs: 1_000 })
  return { d, lister, cache, logger, clock }
}

describe('the model menu comes from models.list()', () => {
  it('offers the entries with bidiGenerateContent, known families first, a new one with the conservative profile, never a retired id; and caches them', async () => {
    const { d, cache } = discovery()
    const seen: string[][] = []
    d.onChange((menu) => seen.push(menu.models.map((m) => m.id)))
    const menu = await d.refresh('key-1')
    expect(menu.source).toBe('api')
    expect(menu.models.map((m) => [m.id, m.family])).toEqual([
      ['gemini-3.8-live', 'gemini-3.8'],
      ['gemini-3.1-flash-live-preview', 'gemini-3.1'],
      ['gemini-4.0-live-preview', 'other'],
    ])
    expect(menu.models[2]!.label).toBe('Gemini 4.0 Live Preview')
    expect(seen).toHaveLength(1)
    expect(cache.saves[0]!.models.map((m) => m.id)).toEqual(['gemini-3.1-flash-live-preview', 'gemini-4.0-live-preview', 'gemini-3.8-live', 'gemini-2.5-flash-native-audio-preview-09-2025'])
    expect(d.isOffered('gemini-3.8-live-extended-thinking')).toBe(false)
    expect(d.isOffered('gemini-2.5-flash-native-audio-preview-09-2025')).toBe(false)
    expect(d.isOffered('gemini-3.8-live')).toBe(true)
  })

  it('asks once per key at a time, and again when the key changes', async () => {
    const { d, lister } = discovery()
    await Promise.all([d.refresh('key-1'), d.refresh('key-1')])
    await d.refresh('key-2')
    expect(lister.calls).toEqual(['key-1', 'key-2'])
  })

  it.each([
    ['a failing listing', () => Promise.reject(new Error('fetch failed'))],
    ['a listing that is not a list', () => Promise.resolve({ models: 'nope' } as unknown as ListedModelEntry[])],
    ['a listing with no Live model', () => Promise.resolve([{ name: 'models/gemini-3.8-flash', supportedActions: ['generateContent'] }])],
    ['a listing of malformed entries', () => Promise.resolve([{ name: 42, supportedActions: ['bidiGenerateContent'] }, { name: 'models/x', supportedActions: 'bidiGenerateContent' }, null] as unknown as ListedModelEntry[])],
  ])('bad input: %s is refused in the log, and the cache is used', async (_kind, next) => {
    const cache = new FakeCache()
    cache.stored = { fetchedAt: 123, models: [{ id: 'gemini-3.8-live', displayName: 'Gemini 3.8 Live' }] }
    const { d, lister, logger } = discovery({ cache })
    lister.next = next
    const menu = await d.refresh('key-1')
    expect(menu).toMatchObject({ source: 'cache', fetchedAt: 123 })
    expect(menu.models.map((m) => m.id)).toEqual(['gemini-3.8-live'])
    expect(logger.lines.filter((l) => l.message === 'model list refused; using the cached or built-in models')).toHaveLength(1)
    expect(lister.calls).toHaveLength(1)
  })

  it('with no cache, or a malformed one, the built-in profiles are the menu; nothing loops', async () => {
    const cache = new FakeCache()
    cache.stored = { fetchedAt: 'yesterday', models: [] }
    const { d, lister, logger, clock } = discovery({ cache })
    lister.next = () => new Promise(() => {})
    const pending = d.refresh('key-1')
    await clock.advance(1_000)
    const menu = await pending
    expect(menu.source).toBe('built-in')
    expect(menu.models.map((m) => m.id)).toContain('gemini-3.8-live')
    expect(logger.lines.map((l) => l.message)).toEqual(['model list refused; using the cached or built-in models', 'cached model list is malformed; ignored'])
    expect(clock.pending).toBe(0)
    expect(lister.calls).toHaveLength(1)
    expect(d.isOffered('gemini-9-live')).toBeNull()
  })

  it('the recommended model is where a retired one goes, unless the list does not offer it', async () => {
    const { d, lister } = discovery()
    await d.refresh('key-1')
    expect(d.recommended().id).toBe('gemini-3.8-live')
    lister.next = async () => [live('gemini-3.1-flash-live-preview')]
    await d.refresh('key-2')
    expect(d.recommended().id).toBe('gemini-3.1-flash-live-preview')
  })
})
