import { existsSync, readFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionStatus } from '../../../shared/ipcContract'
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/settings'
import { HistoryService } from '../../../electron/main/core/history/historyService'
import type { HistoryStore, SaveDialog, StoredConversation } from '../../../electron/main/core/ports'
import { JsonFileConversationStore } from '../../../electron/main/platform/jsonFileConversationStore'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'
import { SqliteHistoryStore } from '../../../electron/main/platform/sqliteHistoryStore'
import { HISTORY_SCHEMA_VERSION } from '../../../electron/main/platform/historyMigrations/historyMigrations'
import { ManualClock } from '../../support/live/manualClock'
import { recordingLogger } from '../../support/routerFixtures'
import { exchangeWrite, tempFolder } from './historyFixtures'
import { toDisposable } from '../../../electron/main/core/lifecycle'
import { detailWords, errorWords } from '../../support/live/statusWords'

// History as the app runs it: the service and its recorder over a real database file.
const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 30, 12, 0)
const KEY = 'AIzaSyTESTKEY1234567890abcdefghij'

let folder: ReturnType<typeof tempFolder>
let store: HistoryStore | null
let service: HistoryService
let clock: ManualClock
let settings: Settings
let listeners: ((next: Settings, previous: Settings) => void)[]
let changed: (string | null)[]
let seeds: { turns: { role: 'user' | 'model'; text: string }[]; notes: SessionStatus['detail'] }[]
let clipboard: string[]
let saved: { defaultName: string; content: string }[]
/** The conversation file's HMAC secret, shared by every store a test opens (one keychain across restarts). */
const keychain = new InMemorySecretStore()

async function openService(options: { store?: HistoryStore | null; conversation?: StoredConversation; saveDialog?: SaveDialog } = {}) {
  store = options.store === undefined ? SqliteHistoryStore.open({ path: folder.dbPath }) : options.store
  const conversationStore = new JsonFileConversationStore({ directory: folder.dir, macSecret: keychain })
  if (options.conversation) await conversationStore.save(options.conversation)
  service = await HistoryService.open({
    store,
    clock,
    logger: recordingLogger(),
    settings: {
      get: () => settings,
      onChange: (listener) => (listeners.push(listener), toDisposable(() => undefined)),
    },
    saveDialog: options.saveDialog ?? { save: async ({ defaultName, content }) => (saved.push({ defaultName, content: String(content) }), { outcome: 'saved', path: `/tmp/${defaultName}` }) },
    desktop: { writeClipboard: async (text) => void clipboard.push(text) },
    conversationStore,
    resumableForMs: 110 * 60_000,
    secrets: () => [KEY],
    isSharing: () => false,
    onChanged: (id) => changed.push(id),
    startSeeded: async (seed) => {
      seeds.push(seed)
      return { state: 'live', detail: seed.notes, resumed: false } satisfies SessionStatus
    },
  })
  return conversationStore
}

function updateSettings(patch: SettingsPatch) {
  const previous = settings
  settings = applySettingsPatch(settings, patch)
  for (const listener of listeners) listener(settings, previous)
}

/** One spoken exchange through the recorder, as the LiveSession's events bring it. */
function say(turnId: number, question: string, answer: string) {
  const r = service.recorder
  r.onTranscript({ turnId, role: 'user', kind: 'input', text: question })
  r.onTranscript({ turnId, role: 'model', kind: 'output', text: answer })
  r.onTurnEvent({ turnId, type: 'turnComplete' })
}

beforeEach(() => {
  folder = tempFolder()
  clock = new ManualClock(NOW)
  settings = structuredClone(DEFAULT_SETTINGS)
  listeners = []
  changed = []
  seeds = []
  clipboard = []
  saved = []
})

afterEach(() => {
  service?.close()
  folder.remove()
})

describe('HistoryService over a real database', () => {
  it('keeps what was said, one write per exchange on the next tick, without the key', async () => {
    await openService()
    say(1, `My key is ${KEY}, how do I rotate it?`, 'Create a new key in AI Studio.')
    expect(service.recorder.pendingCount).toBe(1)
    await clock.advance(0)
    expect(service.recorder.pendingCount).toBe(0)
    const [day] = await service.listByDay()
    expect(day!.conversations[0]!.title).toBe('My key is [redacted-key], how do I rotate it?')
    const stored = new DatabaseSync(folder.dbPath, { readOnly: true })
    const text = JSON.stringify(stored.prepare('SELECT * FROM exchanges').all())
    stored.close()
    expect(text).not.toContain(KEY)
    expect(changed.length).toBeGreaterThan(0)
  })

  it('search returns highlighted snippets of the part that matched', async () => {
    await openService()
    say(1, 'Why does my build fail?', 'The compiler cannot find the module named lodash.')
    await clock.advance(0)
    const [hit] = await service.search('lodash')
    expect(hit).toMatchObject({ role: 'model', seq: 1 })
    expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['lodash'])
    expect(hit!.snippet.map((p) => p.text).join('')).toBe('The compiler cannot find the module named lodash.')
    expect(await service.search('   ')).toEqual([])
    expect(await service.search('"unbalanced NEAR(')).toEqual([])
  })

  it('a failed write is retried with the next exchange and nothing is lost', async () => {
    const real = SqliteHistoryStore.open({ path: folder.dbPath })
    let failures = 1
    const flaky: HistoryStore = Object.assign(Object.create(real) as HistoryStore, {
      saveExchanges: async (writes: Parameters<HistoryStore['saveExchanges']>[0]) => {
        if (writes.length > 0 && failures-- > 0) throw new Error('disk full')
        return real.saveExchanges(writes)
      },
    })
    await openService({ store: flaky })
    say(1, 'First question', 'First answer')
    await clock.advance(0)
    expect(service.recorder.pendingCount).toBe(1)
    say(2, 'Second question', 'Second answer')
    await clock.advance(0)
    expect(service.recorder.pendingCount).toBe(0)
    const conversation = await service.open((await real.listConversations(1))[0]!.id)
    expect(conversation.exchanges.map((x) => x.userText)).toEqual(['First question', 'Second question'])
  })

  it('changing retention applies at once; "don\'t keep" deletes everything and keeps nothing new', async () => {
    await openService()
    await store!.saveExchanges([exchangeWrite('old', 1, 'An old question', 'old', NOW - 40 * DAY), exchangeWrite('new', 1, 'A new question', 'new', NOW - DAY)])
    updateSettings({ historyRetention: '30-days' })
    await clock.advance(0)
    expect((await service.listByDay()).flatMap((d) => d.conversations.map((c) => c.id))).toEqual(['new'])
    updateSettings({ historyRetention: 'off' })
    await clock.advance(0)
    expect(await service.listByDay()).toEqual([])
    say(1, 'Not kept', 'Right')
    await clock.advance(0)
    expect(await service.listByDay()).toEqual([])
  })

  it('retention is applied when history opens', async () => {
    settings = { ...settings, historyRetention: '90-days' }
    const first = SqliteHistoryStore.open({ path: folder.dbPath })
    await first.saveExchanges([exchangeWrite('ancient', 1, 'From last year', 'x', NOW - 200 * DAY)])
    first.close()
    await openService()
    expect(await service.listByDay()).toEqual([])
  })

  it('imports conversation.json once and leaves the file (and its resumption handle) where it is', async () => {
    const kept: StoredConversation = {
      modelId: 'gemini-test-live',
      handle: 'resume-handle-1',
      lastConnectedAt: NOW - 60_000,
      transcript: [
        { role: 'user', text: 'What is a monad?' },
        { role: 'model', text: 'A monoid in the category ' },
        { role: 'model', text: 'of endofunctors.' },
        { role: 'user', text: 'Simpler please' },
        { role: 'model', text: 'A box with rules.' },
      ],
    }
    const conversations = await openService({ conversation: kept })
    const [day] = await service.listByDay()
    expect(day!.conversations).toHaveLength(1)
    const imported = await service.open(day!.conversations[0]!.id)
    expect(imported.exchanges.map((x) => [x.userText, x.modelText])).toEqual([
      ['What is a monad?', 'A monoid in the category of endofunctors.'],
      ['Simpler please', 'A box with rules.'],
    ])
    expect(await conversations.load()).toMatchObject({ handle: 'resume-handle-1' })
    service.close()
    await openService()
    expect((await service.listByDay()).flatMap((d) => d.conversations)).toHaveLength(1)
    expect(existsSync(conversations.path)).toBe(true)
  })

  it('after a restart while the session can still resume, exchanges go on in the same conversation', async () => {
    const conversations = await openService()
    say(1, 'Remember 42', 'Noted.')
    await clock.advance(0)
    const first = (await service.listByDay())[0]!.conversations[0]!.id
    await conversations.save({ modelId: 'gemini-test-live', handle: 'h2', lastConnectedAt: clock.now(), transcript: [] })
    service.close()

    await clock.advance(10 * 60_000)
    await openService()
    say(1, 'What number?', '42.')
    await clock.advance(0)
    const all = (await service.listByDay()).flatMap((d) => d.conversations)
    expect(all.map((c) => [c.id, c.exchangeCount])).toEqual([[first, 2]])
    expect((await service.open(first)).exchanges.map((x) => [x.seq, x.userText])).toEqual([
      [1, 'Remember 42'],
      [2, 'What number?'],
    ])
  })

  it('after the user ended the conversation, or once it can no longer resume, a restart starts a new one', async () => {
    const conversations = await openService()
    say(1, 'Ended one', 'ok')
    service.recorder.endConversation()
    await clock.advance(0)
    await conversations.save({ modelId: 'gemini-test-live', handle: 'h2', lastConnectedAt: clock.now(), transcript: [] })
    service.close()
    await openService()
    say(1, 'Fresh one', 'ok')
    await clock.advance(0)
    service.close()

    await clock.advance(3 * 60 * 60_000)
    await openService()
    say(1, 'Much later', 'ok')
    await clock.advance(0)
    expect((await service.listByDay()).flatMap((d) => d.conversations.map((c) => [c.title, c.exchangeCount]))).toEqual([
      ['Much later', 1],
      ['Fresh one', 1],
      ['Ended one', 1],
    ])
  })

  it('exports Markdown and JSON through the save dialog, and copies a plain transcript', async () => {
    await openService()
    say(1, 'Use *stars* and <b>tags</b>?', 'Sure: `code` and **bold**.\n```js\nlet a = 1')
    await clock.advance(0)
    const id = (await service.listByDay())[0]!.conversations[0]!.id
    const md = await service.export({ id, format: 'markdown' })
    expect(md).toMatchObject({ outcome: 'saved', content: null })
    expect(md.fileName).toMatch(/^sightline-use-stars-and-b-tags-b-\d{4}-\d\d-\d\d\.md$/)
    const markdown = saved[0]!.content
    expect(markdown).toContain('Use \\*stars\\* and \\<b\\>tags\\</b\\>?')
    expect(markdown).toContain('Sure: `code` and **bold**.')
    expect(markdown.trimEnd().endsWith('```')).toBe(true)
    await service.export({ format: 'json' })
    const json = JSON.parse(saved[1]!.content) as { format: string; conversations: { exchanges: { userText: string }[] }[] }
    expect(json.format).toBe('sightline-history')
    expect(json.conversations[0]!.exchanges[0]!.userText).toBe('Use *stars* and <b>tags</b>?')
    await service.copyTranscript(id)
    expect(clipboard[0]).toBe('You: Use *stars* and <b>tags</b>?\n\nSightline: Sure: `code` and **bold**.\n```js\nlet a = 1\n')
  })

  it('in the harness an export comes back to the page to download', async () => {
    await openService({ saveDialog: { save: async () => ({ outcome: 'download', path: null }) } })
    say(1, 'Download me', 'Done')
    await clock.advance(0)
    const result = await service.export({ format: 'markdown' })
    expect(result.outcome).toBe('download')
    expect(result.content).toContain('Download me')
  })

  it('Continue seeds a fresh session with the stored turns and keeps what follows as a continuation', async () => {
    await openService()
    say(1, 'Plan a trip to Kyoto', 'Go in spring.')
    await clock.advance(0)
    const id = (await service.listByDay())[0]!.conversations[0]!.id
    const status = await service.continue(id)
    expect(seeds[0]!.turns).toEqual([
      { role: 'user', text: 'Plan a trip to Kyoto' },
      { role: 'model', text: 'Go in spring.' },
    ])
    expect(detailWords(status)).toMatch(/^Continuing “Plan a trip to Kyoto” from .*: a new session that knows what was said\.$/)
    say(2, 'What about autumn?', 'Also lovely.')
    await clock.advance(0)
    const all = (await service.listByDay()).flatMap((d) => d.conversations)
    expect(all).toHaveLength(2)
    expect(all.find((c) => c.id !== id)).toMatchObject({ continuedFrom: id, title: 'What about autumn?' })
  })

  it('deleting one conversation or all of them; a missing one is a clear error', async () => {
    await openService()
    say(1, 'One', 'a')
    service.recorder.endConversation()
    say(2, 'Two', 'b')
    await clock.advance(0)
    const ids = (await service.listByDay()).flatMap((d) => d.conversations.map((c) => c.id))
    expect(ids).toHaveLength(2)
    await service.delete(ids[0]!)
    expect((await service.listByDay()).flatMap((d) => d.conversations)).toHaveLength(1)
    await expect(service.open(ids[0]!)).rejects.toMatchObject({ code: 'HISTORY_NOT_FOUND' })
    await service.deleteAll()
    expect(await service.listByDay()).toEqual([])
  })

  it('a corrupt database is told once as a startup notice with where it went', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(folder.dbPath, 'this is not a database, it is a shopping list'.repeat(200))
    await openService()
    const [notice] = service.notices()
    expect(notice).toMatchObject({ code: 'HISTORY_RECOVERED' })
    expect(notice!.params?.backupPath).toContain('history.db.corrupt-')
    expect(errorWords(notice!).message).toMatch(/^Your conversation history was damaged, so Sightline started a new one\. The original file was kept as .*history\.db\.corrupt-/)
    service.close()
    await openService()
    expect(service.notices()).toEqual([])
  })

  it('a database from a newer version is read-only with a note, and nothing new is recorded', async () => {
    const first = SqliteHistoryStore.open({ path: folder.dbPath })
    await first.saveExchanges([exchangeWrite('future', 1, 'From the future', 'x', NOW - DAY)])
    first.close()
    const db = new DatabaseSync(folder.dbPath)
    db.exec(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(folder.dbPath)
    await openService()
    expect(service.status()).toMatchObject({ isReadOnly: true, note: { code: 'HISTORY_READ_ONLY' } })
    expect(errorWords(service.status().note!).message).toContain('newer Sightline')
    expect(service.notices()[0]).toMatchObject({ code: 'HISTORY_READ_ONLY' })
    expect((await service.listByDay())[0]!.conversations[0]!.title).toBe('From the future')
    say(1, 'Now', 'ok')
    await clock.advance(0)
    expect(service.recorder.pendingCount).toBe(0)
    await expect(service.deleteAll()).rejects.toMatchObject({ code: 'HISTORY_READ_ONLY' })
    expect(readFileSync(folder.dbPath).equals(before)).toBe(true)
  })
})
